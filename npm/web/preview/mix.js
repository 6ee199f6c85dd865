// The soundtrack mixed offline, as the preview plays it and the studio renders it: each piece at
// its place, looping, its gain following the scenes' (volume × fades × the video's fade out),
// then levelled as a whole to the timeline's `loudness`, the level the studio's normaliser aims
// at. An in-page export encodes this mix; the preview plays its pieces live at the same level.

import { levellingGain } from './loudness.js';

/** The music's sample rate and channels (the studio's: 48 kHz stereo). */
export const SAMPLE_RATE = 48_000;
export const CHANNELS = 2;

/** How much of a long video's music the preview measures to set its level: two minutes of a
 * bed or a song tell its loudness as well as an hour, in a 46 MB buffer rather than 1.4 GB. */
const MEASURED_MS = 120_000;

/**
 * The music of the video up to `untilMs` (all of it unless said), mixed offline: each piece
 * (once per place it has in the video) started at its place and offset, looping where it is
 * shorter, its gain following the scenes' frame by frame (volume × fades × the video's fade
 * out), as the preview plays it.
 */
export async function mixSoundtrack(timeline, bufferOf, untilMs = timeline.durationMs) {
  const { fps } = timeline.canvas;
  const endMs = Math.min(untilMs, timeline.durationMs);
  const length = Math.max(1, Math.ceil((endMs / 1000) * SAMPLE_RATE));
  const context = new OfflineAudioContext(CHANNELS, length, SAMPLE_RATE);
  const pieces = new Map(); // `${src}@${startMs}` → { sound, firstScene, gains: [[seconds, gain]] }
  const frames = Math.min(timeline.frames, Math.ceil((endMs * fps) / 1000));
  for (let n = 0; n < frames; n += 1) {
    const scene = timeline.sceneAt(((n + 0.5) * 1000) / fps);
    for (const sound of scene.music) {
      const key = `${sound.src}@${sound.startMs}`;
      let piece = pieces.get(key);
      if (!piece) {
        piece = { sound, scene, gains: [] };
        pieces.set(key, piece);
      }
      piece.gains.push([(n + 0.5) / fps, sound.gain]);
    }
  }
  for (const { sound, scene, gains } of pieces.values()) {
    const buffer = bufferOf(sound.src);
    if (!buffer || buffer.duration <= 0) continue;
    const startMs = Math.max(0, sound.startMs);
    const pieceMs = sound.offsetMs + (startMs - scene.timeMs);
    const offset = (((pieceMs / 1000) % buffer.duration) + buffer.duration) % buffer.duration;
    const node = context.createBufferSource();
    node.buffer = buffer;
    node.loop = true;
    const gain = context.createGain();
    gain.gain.setValueAtTime(gains[0][1], 0);
    for (const [t, g] of gains) gain.gain.linearRampToValueAtTime(g, t);
    node.connect(gain).connect(context.destination);
    node.start(startMs / 1000, offset);
    node.stop((startMs + sound.durationMs) / 1000);
  }
  return context.startRendering();
}

/**
 * The soundtrack of the whole video, levelled: `mixSoundtrack`'s mix scaled by the gain that
 * brings it to the timeline's loudness (its peaks kept under the ceiling).
 */
export async function levelledSoundtrack(timeline, bufferOf) {
  const mix = await mixSoundtrack(timeline, bufferOf);
  const gain = await levellingGain(mix, timeline.loudness);
  if (gain !== 1) {
    for (let c = 0; c < mix.numberOfChannels; c += 1) {
      const samples = mix.getChannelData(c);
      for (let i = 0; i < samples.length; i += 1) samples[i] *= gain;
    }
  }
  return mix;
}

/** The gain that levels the preview's live music as the export's mix is levelled (measured on
 * the first two minutes of a longer video). */
export async function soundtrackGain(timeline, bufferOf) {
  if (!timeline.media?.some((m) => m.kind === 'sound')) return 1;
  return levellingGain(await mixSoundtrack(timeline, bufferOf, MEASURED_MS), timeline.loudness);
}
