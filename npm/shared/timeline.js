// `Timeline`: a draft read as frames by the core (`i2v_core::timeline`), and what each frame
// shows (`sceneAt`): the one reading of a draft that the studio's renderer and the browser
// preview both follow. The native side holds the timeline; this shell checks arguments and
// turns its replies into values or `I2vError`s.

import { fromThrown } from './errors.js';
import { unwrap } from './draft.js';

const fromDraft = Symbol('i2v.timeline');

/**
 * The canvas a timeline is read onto, checked: whole positive sizes and a frame rate; what is
 * not given is null, for the core's default (1920x1080 at 30 fps).
 */
function canvasOf(canvas) {
  if (canvas === undefined || canvas === null) return { width: null, height: null, fps: null };
  if (typeof canvas !== 'object') throw new TypeError('a canvas is { width, height, fps }');
  const whole = (key) => {
    const value = canvas[key] ?? null;
    if (value !== null && (!Number.isInteger(value) || value < 1 || value > 16384)) {
      throw new TypeError(`canvas.${key} must be a whole number from 1 to 16384`);
    }
    return value;
  };
  return { width: whole('width'), height: whole('height'), fps: whole('fps') };
}

/** A draft's timeline on one canvas: its length, its media, and each frame's scene. */
export class Timeline {
  #native;

  /** Made by `Draft.timeline()`. */
  constructor(token, native, info) {
    if (token !== fromDraft) throw new TypeError('use draft.timeline() to make a Timeline');
    this.#native = native;
    /** How long the video lasts, in ms. */
    this.durationMs = info.durationMs;
    /** How many frames it has. */
    this.frames = info.frames;
    /** The canvas it is read onto. */
    this.canvas = info.canvas;
    /** Every `src` it uses, once each, with what it is used as. */
    this.media = info.media;
    /** What a finished soundtrack is levelled to: `{ integratedLufs, truePeakDbtp }`. */
    this.loudness = info.loudness;
    Object.freeze(this);
  }

  /** What the frame on which `ms` falls shows. */
  sceneAt(ms) {
    if (typeof ms !== 'number' || Number.isNaN(ms)) throw new TypeError('sceneAt() takes a time in ms');
    try {
      return this.#native.sceneAt(ms);
    } catch (thrown) {
      throw fromThrown(thrown);
    }
  }

  /** Lets go of the native timeline now rather than when it is collected. */
  free() {
    this.#native.free?.();
  }
}

/** `draft.timeline(canvas)` over a native module's `NativeTimeline`. */
export function makeTimelineReader(native, loader) {
  return (draftJson, canvas) => {
    loader.checkPreview('draft.timeline()');
    const { width, height, fps } = canvasOf(canvas);
    // Absent values cross as `undefined`, which both bindings read as none.
    const none = (value) => value ?? undefined;
    const timeline = new native.NativeTimeline(JSON.stringify(draftJson), none(width), none(height), none(fps));
    try {
      return new Timeline(fromDraft, timeline, unwrap(timeline.info()));
    } catch (thrown) {
      timeline.free?.();
      throw fromThrown(thrown);
    }
  };
}
