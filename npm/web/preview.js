// `Preview`: a draft played live on a <canvas>, frame for frame what the studio renders, without
// rendering. The core says what is on screen at each instant (`draft.timeline()`, then
// `timeline.sceneAt(ms)`); this draws it (preview/draw.js), plays its music (preview/audio.js)
// and keeps the media it needs (preview/media.js).
//
// The clock: while music can play, the audio context's time, so that the picture follows the
// sound; otherwise `performance.now()`. A new draft loaded while playing takes over at the same
// instant once its media are in; until then the last one keeps playing.
//
// Nothing thrown while a frame is drawn leaves the animation loop: it is reported as an `error`
// event, as is every src that cannot be loaded (such a picture is drawn as a placeholder).

import { Soundtrack } from './preview/audio.js';
import { soundtrackGain } from './preview/mix.js';
import { SceneDrawer } from './preview/draw.js';
import { MediaStore, chooseLoader } from './preview/media.js';
import { initPreview } from './native.js';

/** How often the music is kept in step when frames are not drawn (a hidden page), in ms. */
const SOUND_SYNC_MS = 100;
/** The canvas's width in pixels while it is not shown (`resolution: 'display'`). */
const DEFAULT_DISPLAY_WIDTH = 960;
/** The most scenes sampled to find the pictures to compose before playing. */
const PREPARE_SAMPLES = 2000;

export class Preview extends EventTarget {
  #canvas;
  #options;
  #store;
  #drawer;
  #timeline = null;
  #ownsTimeline = false; // made here from a draft: freed here when replaced
  #time = 0;
  #playing = false;
  #clock = null; // { audio, anchorMs, anchorAt }
  #raf = 0;
  #timer = 0;
  #drawnFrame = -1;
  #loads = 0;
  #ready = Promise.resolve();
  #audio = null;
  #ownsAudio = false;
  #soundtrack = null;
  #level = 1; // the music's level (./preview/mix.js), once measured
  #resizeObserver = null;
  #destroyed = false;

  /** Called with each `timeupdate` event, as `addEventListener('timeupdate', …)` listeners are. */
  ontimeupdate = null;
  /** Called with each `error` event (`event.detail`: `{ src, kind, error }`). */
  onerror = null;
  /** Called with each `play`, `pause`, `ended` and `load` event. */
  onplay = null;
  onpause = null;
  onended = null;
  onload = null;

  /**
   * A preview drawing on `canvas`. Options: `client` (its `previewMedia` loads the media) or
   * `loadMedia(src, kind, { signal })` (resolves to a Blob); `audioContext` (else one is made
   * when a draft has music); `canvas` (the frame to lay drafts out in, passed to
   * `draft.timeline()`); `resolution`: `'display'` (default: as many pixels as the element
   * shows, never more than the video's) or `'video'` (the video's own size).
   */
  constructor(canvas, options = {}) {
    super();
    if (!canvas || typeof canvas.getContext !== 'function') throw new TypeError('Preview needs a <canvas>');
    this.#canvas = canvas;
    this.#options = { resolution: 'display', ...options };
    if (options.audioContext) this.#audio = options.audioContext;
    this.#store = new MediaStore(chooseLoader(options), () => this.#audioContext());
    this.#drawer = new SceneDrawer((src) => this.#store.get(src));
    if (this.#options.resolution === 'display' && typeof ResizeObserver === 'function' && canvas.isConnected !== undefined) {
      this.#resizeObserver = new ResizeObserver(() => this.#resize());
      this.#resizeObserver.observe(canvas);
    }
  }

  /** The loaded timeline, or null. */
  get timeline() {
    return this.#timeline;
  }

  /** The video's length, in ms (0 before a load). */
  get duration() {
    return this.#timeline?.durationMs ?? 0;
  }

  /** Where the preview is, in ms. */
  get currentTime() {
    return this.#playing && this.#clock ? Math.min(this.duration, this.#clockNow()) : this.#time;
  }

  /** Whether it is playing (or will, once a load finishes). */
  get playing() {
    return this.#playing;
  }

  /**
   * Shows `source`, a `Draft` (laid out with `draft.timeline(canvas)`) or a `Timeline`: loads
   * every media it needs that is not loaded yet, then draws it at the current time (kept, within
   * the new length); playing goes on. Rejects with the core's error where the draft cannot play
   * (no video clips…), and the preview is then blank.
   */
  async load(source, { canvas } = {}) {
    this.#alive();
    const load = ++this.#loads;
    let timeline;
    const fromDraft = typeof source?.timeline === 'function';
    try {
      // A draft is laid out by the core's evaluator, in a .wasm of its own, loaded once here.
      if (fromDraft) await initPreview();
      if (load !== this.#loads || this.#destroyed) return;
      timeline = fromDraft ? source.timeline(canvas ?? this.#options.canvas) : source;
      if (!timeline || typeof timeline.sceneAt !== 'function') throw new TypeError('load() takes a Draft or a Timeline');
    } catch (error) {
      if (load === this.#loads) this.#show(null);
      throw error;
    }
    const loaded = this.#store.loadAll(timeline.media ?? [], {
      onError: (src, kind, error) => this.#emit('error', { src, kind, error }),
    });
    this.#ready = loaded.catch(() => {});
    await loaded;
    // A later load took over while this one waited for its media: that one is shown.
    if (load !== this.#loads || this.#destroyed) {
      if (fromDraft) timeline.free?.();
      return;
    }
    this.#show(timeline, fromDraft);
    this.#emit('load');
    // The music's level, as the export's mix is levelled: measured off the page's clock.
    soundtrackGain(timeline, (src) => this.#store.get(src))
      .then((gain) => {
        if (load !== this.#loads || this.#destroyed) return;
        this.#level = gain;
        this.#soundtrack?.setLevel(gain);
      })
      .catch((error) => this.#emit('error', { src: null, kind: 'sound', error }));
  }

  /** Plays from the current time (from the start when at the end). */
  play() {
    this.#alive();
    if (this.#playing) return;
    if (this.#timeline && this.#time >= this.duration) this.#time = 0;
    this.#playing = true;
    const context = this.#timeline && hasSound(this.#timeline) ? this.#audioContext() : this.#audio;
    // Resuming may wait for a gesture the page has not had: the wall clock runs meanwhile, and
    // the audio clock takes over when the context does run (`statechange`).
    if (context && context.state !== 'running' && context.state !== 'closed') context.resume().catch(() => {});
    this.#startClock();
    this.#loop();
    this.#emit('play');
  }

  /** Pauses where it is. */
  pause() {
    if (!this.#playing) return;
    this.#time = this.currentTime;
    this.#halt();
    this.#emit('pause');
  }

  /**
   * Goes to `ms` (within the video) and draws that frame; resolves once it is drawn (after the
   * media of a load in progress are in). Playing goes on from there.
   */
  async seek(ms) {
    this.#alive();
    await this.#ready;
    if (this.#destroyed) return;
    this.#time = clamp(Number(ms) || 0, 0, this.duration);
    if (this.#playing) {
      this.#soundtrack?.stop();
      this.#startClock();
    }
    this.#draw(true);
  }

  /** Stops everything and lets go of what it holds: audio, the animation loop, the bitmaps. */
  destroy() {
    if (this.#destroyed) return;
    this.#halt();
    this.#destroyed = true;
    this.#loads += 1;
    this.#resizeObserver?.disconnect();
    this.#store.clear();
    this.#drawer.forget();
    if (this.#ownsTimeline) this.#timeline?.free?.();
    this.#timeline = null;
    if (this.#ownsAudio && this.#audio?.state !== 'closed') this.#audio?.close().catch(() => {});
    this.#audio = null;
  }

  #alive() {
    if (this.#destroyed) throw new Error('this Preview was destroyed');
  }

  /** Swaps in `timeline` (or nothing) at the current time; `owned`: made here, freed here. */
  #show(timeline, owned = false) {
    const at = this.currentTime;
    this.#soundtrack?.stop();
    if (this.#ownsTimeline && this.#timeline !== timeline) this.#timeline?.free?.();
    this.#timeline = timeline;
    this.#ownsTimeline = owned;
    this.#drawnFrame = -1;
    if (!timeline) {
      this.#time = 0;
      if (this.#playing) this.#halt();
      this.#blank();
      return;
    }
    this.#time = clamp(at, 0, timeline.durationMs);
    this.#resize(false);
    const srcs = new Set((timeline.media ?? []).map((m) => m.src));
    this.#drawer.retain(srcs);
    this.#prepare(timeline);
    if (this.#playing) {
      if (hasSound(timeline)) {
        const context = this.#audioContext();
        if (context.state !== 'running' && context.state !== 'closed') context.resume().catch(() => {});
      }
      this.#startClock();
      this.#loop();
    }
    this.#draw(true);
  }

  /** Composes every picture the timeline shows, so that no frame has to compose one. */
  #prepare(timeline) {
    const { fps } = timeline.canvas;
    const step = Math.max(1, Math.ceil(timeline.frames / PREPARE_SAMPLES));
    const seen = new Map();
    for (let frame = 0; frame < timeline.frames; frame += step) {
      for (const picture of timeline.sceneAt(((frame + 0.5) * 1000) / fps).pictures) {
        const key = `${picture.src}|${picture.fit}|${picture.composed.width}x${picture.composed.height}`;
        if (!seen.has(key)) seen.set(key, picture);
      }
    }
    try {
      this.#drawer.prepare([...seen.values()], this.#canvas, timeline.canvas);
    } catch (error) {
      this.#emit('error', { src: null, kind: 'picture', error });
    }
  }

  /** Sizes the canvas's pixels for the timeline: the video's, or as many as it shows. */
  #resize(redraw = true) {
    const timeline = this.#timeline;
    if (!timeline) return;
    const { width, height } = timeline.canvas;
    let w = width;
    if (this.#options.resolution === 'display') {
      const shown = this.#canvas.clientWidth * (globalThis.devicePixelRatio || 1);
      // Not shown now (hidden): a modest size, until the resize observer sees it shown.
      w = Math.min(width, shown > 0 ? Math.round(shown) : DEFAULT_DISPLAY_WIDTH);
    }
    const h = Math.max(1, Math.round((w * height) / width));
    if (this.#canvas.width === w && this.#canvas.height === h) return;
    this.#canvas.width = w;
    this.#canvas.height = h;
    this.#drawer.forget();
    if (redraw) {
      this.#drawnFrame = -1;
      this.#prepare(timeline);
      this.#draw(true);
    }
  }

  #audioContext() {
    if (!this.#audio) {
      this.#audio = new AudioContext();
      this.#ownsAudio = true;
    }
    if (!this.#soundtrack) {
      this.#soundtrack = new Soundtrack(this.#audio, (src) => this.#store.get(src));
      this.#soundtrack.setLevel(this.#level);
      this.#audio.addEventListener('statechange', () => this.#audioStateChanged());
    }
    return this.#audio;
  }

  /** The audio clock takes over (or hands back) when the context starts (or stops) running. */
  #audioStateChanged() {
    if (!this.#playing || this.#destroyed) return;
    this.#time = this.#clockNow();
    this.#soundtrack?.stop();
    this.#startClock();
  }

  #startClock() {
    const context = this.#audio;
    if (context && context.state === 'running' && this.#timeline && hasSound(this.#timeline)) {
      this.#clock = { audio: true, anchorMs: this.#time, anchorAt: context.currentTime };
    } else {
      this.#clock = { audio: false, anchorMs: this.#time, anchorAt: performance.now() };
    }
  }

  #clockNow() {
    const c = this.#clock;
    if (!c) return this.#time;
    if (c.audio) return c.anchorMs + (this.#audio.currentTime - c.anchorAt) * 1000;
    return c.anchorMs + (performance.now() - c.anchorAt);
  }

  #loop() {
    if (!this.#timeline || this.#destroyed) return;
    if (!this.#raf) this.#raf = requestAnimationFrame(() => this.#tick());
    if (!this.#timer) this.#timer = setInterval(() => this.#syncSound(), SOUND_SYNC_MS);
  }

  #tick() {
    this.#raf = 0;
    if (!this.#playing || !this.#timeline) return;
    const now = this.#clockNow();
    if (now >= this.duration) {
      this.#time = this.duration;
      this.#halt();
      this.#draw(true);
      this.#emit('pause');
      this.#emit('ended');
      return;
    }
    this.#time = now;
    this.#draw(false);
    this.#syncSound();
    this.#raf = requestAnimationFrame(() => this.#tick());
  }

  #syncSound() {
    const timeline = this.#timeline;
    if (!this.#playing || !timeline || !this.#clock?.audio || !this.#soundtrack) return;
    try {
      this.#soundtrack.sync(timeline, this.#clockNow(), this.#audio.currentTime);
    } catch (error) {
      this.#emit('error', { src: null, kind: 'sound', error });
    }
  }

  /** Stops the clock, the loop and the music, keeping the time. */
  #halt() {
    this.#playing = false;
    this.#clock = null;
    if (this.#raf) cancelAnimationFrame(this.#raf);
    this.#raf = 0;
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = 0;
    this.#soundtrack?.stop();
  }

  /** Draws the frame of the current time (unless it is drawn already), then says so. */
  #draw(force) {
    const timeline = this.#timeline;
    if (!timeline) return;
    try {
      const scene = timeline.sceneAt(this.#time);
      if (!force && scene.frame === this.#drawnFrame) return;
      this.#drawer.draw(this.#canvas, scene, timeline.canvas);
      this.#drawnFrame = scene.frame;
    } catch (error) {
      this.#drawnFrame = -1;
      this.#emit('error', { src: null, kind: 'picture', error });
    }
    this.#emit('timeupdate');
  }

  #blank() {
    const ctx = this.#canvas.getContext('2d');
    ctx.save();
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.fillStyle = '#000';
    ctx.fillRect(0, 0, this.#canvas.width, this.#canvas.height);
    ctx.restore();
    this.#emit('timeupdate');
  }

  /** Dispatches `type` (with `detail` as a CustomEvent) and calls its `on…` property. */
  #emit(type, detail) {
    const event = detail === undefined ? new Event(type) : new CustomEvent(type, { detail });
    try {
      this.dispatchEvent(event);
      const handler = this[`on${type}`];
      if (typeof handler === 'function') handler.call(this, event);
    } catch (error) {
      // A listener's own error is its own: it is reported, and the preview goes on.
      setTimeout(() => {
        throw error;
      });
    }
  }
}

function hasSound(timeline) {
  return (timeline.media ?? []).some((m) => m.kind === 'sound');
}

function clamp(value, low, high) {
  return Math.min(high, Math.max(low, value));
}
