// The soundtrack mixed offline, as the preview plays it and the studio renders it: each piece at
// its place, looping, its gain following the scenes' (volume × fades × the video's fade out),
// in stretches of any length that join into the whole; and the one gain that levels it to the
// timeline's `loudness`, the level the studio's normaliser aims at. An in-page export encodes
// the levelled mix stretch by stretch; the preview plays its pieces live at the same level.

import { levellingGain } from './loudness.js';

/** The music's sample rate and channels (the studio's: 48 kHz stereo). */
export const SAMPLE_RATE = 48_000;
export const CHANNELS = 2;

/** How much of a long video's music the preview measures to set its level: two minutes of a
 * bed or a song tell its loudness as well as an hour, in a 46 MB buffer rather than 1.4 GB. */
const MEASURED_MS = 120_000;

/**
 * The music of the video from `fromMs` to `untilMs` (all of it unless said), mixed offline: each
 * piece (once per place it has in the video) at its place and offset, looping where it is
 * shorter, its gain following the scenes' frame by frame (volume × fades × the video's fade
 * out), as the preview plays it. Mixes of consecutive stretches join into the mix of the whole.
 */
export async function mixSoundtrack(timeline, bufferOf, fromMs = 0, untilMs = timeline.durationMs) {
  const { fps } = timeline.canvas;
  const startMs = Math.max(0, fromMs);
  const endMs = Math.min(untilMs, timeline.durationMs);
  const length = Math.max(1, Math.ceil(((endMs - startMs) / 1000) * SAMPLE_RATE));
  const context = new OfflineAudioContext(CHANNELS, length, SAMPLE_RATE);
  // Each piece sounding in the stretch, with its gain at each frame's middle (seconds into the
  // stretch) and where in the piece it is at the stretch's start or its own.
  const pieces = new Map(); // `${src}@${startMs}` → { sound, scene, gains: [[seconds, gain]] }
  const first = Math.max(0, Math.floor((startMs * fps) / 1000));
  const last = Math.min(timeline.frames, Math.ceil((endMs * fps) / 1000));
  for (let n = first; n < last; n += 1) {
    const scene = timeline.sceneAt(((n + 0.5) * 1000) / fps);
    for (const sound of scene.music) {
      const key = `${sound.src}@${sound.startMs}`;
      let piece = pieces.get(key);
      if (!piece) {
        piece = { sound, scene, gains: [] };
        pieces.set(key, piece);
      }
      piece.gains.push([Math.max(0, (n + 0.5) / fps - startMs / 1000), sound.gain]);
    }
  }
  for (const { sound, scene, gains } of pieces.values()) {
    const buffer = bufferOf(sound.src);
    if (!buffer || buffer.duration <= 0) continue;
    const fromHereMs = Math.max(startMs, sound.startMs);
    // Where in the piece it is then: the scene's offset, moved on to that instant.
    const pieceMs = sound.offsetMs + (fromHereMs - scene.timeMs);
    const offset = (((pieceMs / 1000) % buffer.duration) + buffer.duration) % buffer.duration;
    const node = context.createBufferSource();
    node.buffer = buffer;
    node.loop = true;
    const gain = context.createGain();
    gain.gain.setValueAtTime(gains[0][1], 0);
    for (const [t, g] of gains) gain.gain.linearRampToValueAtTime(g, t);
    node.connect(gain).connect(context.destination);
    node.start((fromHereMs - startMs) / 1000, offset);
    node.stop((sound.startMs + sound.durationMs - startMs) / 1000);
  }
  return context.startRendering();
}

/**
 * The gain that levels the music to the timeline's loudness, for the preview's live music and
 * an export's mix alike: measured on the first two minutes of a longer video.
 */
export async function soundtrackGain(timeline, bufferOf) {
  if (!timeline.media?.some((m) => m.kind === 'sound')) return 1;
  return levellingGain(await mixSoundtrack(timeline, bufferOf, 0, MEASURED_MS), timeline.loudness);
}
