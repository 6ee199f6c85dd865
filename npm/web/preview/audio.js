// The music of a playing preview on Web Audio: each piece a looping `AudioBufferSourceNode`
// through a gain, started at its place on the audio clock and stopped at its end, its gain
// following the scene's (volume × fades × the video's fade-out), all through one level that
// brings the mix to the timeline's loudness (`setLevel`, from `./mix.js`), as the export's.
//
// Call order: `sync(timeline, ms, at)` while playing, often (every frame, and on a timer so
// that a hidden page keeps its music in step); `stop()` on pause, seek or a new timeline.
// Pieces about to start are looked for `LOOKAHEAD_MS` ahead and started at their exact time.

/** How far ahead pieces are scheduled, in ms. */
const LOOKAHEAD_MS = 300;
/** How quickly a gain follows the scene's, in seconds (a time constant: no clicks). */
const GAIN_SMOOTHING = 0.015;

/** The music of one preview, played on `context` from the decoded buffers `bufferOf(src)`. */
export class Soundtrack {
  #context;
  #bufferOf;
  #level;
  #playing = new Map(); // `${src}@${startMs}` → { source, gain, endMs }

  constructor(context, bufferOf) {
    this.#context = context;
    this.#bufferOf = bufferOf;
    this.#level = context.createGain();
    this.#level.connect(context.destination);
  }

  /** Sets the level of the whole mix (a linear gain), smoothly. */
  setLevel(gain) {
    this.#level.gain.setTargetAtTime(gain, this.#context.currentTime, GAIN_SMOOTHING);
  }

  /**
   * Brings the music in step with media time `ms`, which is the audio clock's `at` (seconds):
   * starts what plays now or starts within the look-ahead, sets the gains, forgets what ended.
   */
  sync(timeline, ms, at) {
    const now = timeline.sceneAt(ms);
    const ahead = timeline.sceneAt(Math.min(ms + LOOKAHEAD_MS, Math.max(0, timeline.durationMs - 1)));
    for (const scene of [now, ahead]) {
      for (const sound of scene.music) this.#start(timeline, sound, scene, ms, at);
    }
    for (const sound of now.music) {
      const node = this.#playing.get(keyOf(sound));
      node?.gain.gain.setTargetAtTime(sound.gain, at, GAIN_SMOOTHING);
    }
    for (const [key, node] of this.#playing) {
      if (node.endMs <= ms) this.#playing.delete(key);
    }
  }

  #start(timeline, sound, scene, ms, at) {
    const key = keyOf(sound);
    const endMs = sound.startMs + sound.durationMs;
    if (this.#playing.has(key) || endMs <= ms) return;
    const buffer = this.#bufferOf(sound.src);
    if (!buffer || buffer.duration <= 0) return;
    const startMs = Math.max(ms, sound.startMs);
    // Where in the piece it is at `startMs`: the scene's offset, moved on to that instant.
    const pieceMs = sound.offsetMs + (startMs - scene.timeMs);
    const offset = ((pieceMs / 1000) % buffer.duration + buffer.duration) % buffer.duration;
    const context = this.#context;
    const source = context.createBufferSource();
    source.buffer = buffer;
    source.loop = true; // a piece shorter than its place in the video starts again
    const gain = context.createGain();
    const first = startMs === scene.timeMs ? sound.gain : gainAt(timeline, key, startMs) ?? sound.gain;
    gain.gain.setValueAtTime(first, at);
    source.connect(gain).connect(this.#level);
    const when = at + (startMs - ms) / 1000;
    source.start(Math.max(context.currentTime, when), offset);
    source.stop(at + (endMs - ms) / 1000);
    source.onended = () => {
      gain.disconnect();
    };
    this.#playing.set(key, { source, gain, endMs });
  }

  /** Stops every piece at once. */
  stop() {
    for (const { source, gain } of this.#playing.values()) {
      try {
        source.stop();
      } catch {
        // Not started yet on some engines: disconnecting silences it all the same.
      }
      source.disconnect();
      gain.disconnect();
    }
    this.#playing.clear();
  }
}

function keyOf(sound) {
  return `${sound.src}@${sound.startMs}`;
}

/** The gain of the piece `key` at `ms`, or null when it does not play then. */
function gainAt(timeline, key, ms) {
  const sound = timeline.sceneAt(ms).music.find((s) => keyOf(s) === key);
  return sound ? sound.gain : null;
}
