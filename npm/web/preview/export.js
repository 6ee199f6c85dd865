// `exportVideo`: a draft made into a video file in the page itself, with no server: each frame
// drawn by the preview's `SceneDrawer` (what the studio's ffmpeg draws), encoded by WebCodecs'
// `VideoEncoder`, the music mixed offline and levelled to the timeline's loudness (`./mix.js`,
// as the preview plays it) and encoded by `AudioEncoder`, both muxed by mediabunny (loaded only
// when an export starts: a page that never exports never loads it).
//
// WebM (VP9 + Opus) wherever WebCodecs is; MP4 (H.264 + AAC, else Opus) where the browser
// encodes H.264. `exportFormats()` says which, and why not.

import { AbortError, RenderError, abortError } from '../shared/errors.js';
import { SceneDrawer } from './draw.js';
import { MediaStore, chooseLoader } from './media.js';
import { CHANNELS, SAMPLE_RATE, mixSoundtrack, soundtrackGain } from './mix.js';

/** Frames the video encoder may hold before drawing waits for it. */
const MAX_QUEUED_FRAMES = 8;
/** A keyframe every this many seconds (seeking in the file). */
const KEYFRAME_SECONDS = 2;
/**
 * The longest video made in the page: the muxer holds the whole file in memory (a 1080p minute
 * is about 60 MB at high quality), and a longer encode is better left to the studio.
 */
const MAX_IN_PAGE_MS = 10 * 60 * 1000;
/** The music is mixed and encoded this many ms at a time. */
const AUDIO_STRETCH_MS = 60_000;
/** Audio handed to the encoder in pieces of this many samples. */
const AUDIO_CHUNK = 4800;
/** Bits per pixel per frame for each quality (VP9; H.264 gets 1.5 times as many). */
const BITS_PER_PIXEL = { high: 0.12, medium: 0.07, low: 0.04, preview: 0.025 };
const AUDIO_BITRATE = 128_000;
const FORMATS = ['webm', 'mp4'];

/**
 * The codecs each format tries, best first. VP9 profile 0 (8-bit 4:2:0); H.264 High, Main,
 * then Constrained Baseline (what software encoders such as OpenH264 make), at a level for
 * the size.
 */
function videoCodecs(format, width, height, fps) {
  if (format === 'webm') return [{ codec: 'vp09.00.10.08', muxer: 'vp9' }];
  const mbps = Math.ceil(width / 16) * Math.ceil(height / 16) * fps;
  const level = mbps <= 245_760 ? '28' : mbps <= 522_240 ? '32' : mbps <= 983_040 ? '33' : '34';
  return ['6400', '4D00', '42E0'].map((profile) => ({ codec: `avc1.${profile}${level}`, muxer: 'avc', avc: { format: 'avc' } }));
}

function audioCodecs(format) {
  return format === 'webm' ? [{ codec: 'opus', muxer: 'opus' }] : [{ codec: 'mp4a.40.2', muxer: 'aac' }, { codec: 'opus', muxer: 'opus' }];
}

function hasWebCodecs() {
  return typeof VideoEncoder === 'function' && typeof VideoFrame === 'function';
}

/** The first video config of `format` the browser encodes, or null. */
async function supportedVideo(format, width, height, fps, bitrate) {
  if (!hasWebCodecs()) return null;
  for (const choice of videoCodecs(format, width, height, fps)) {
    const config = { codec: choice.codec, width, height, framerate: fps, bitrate, latencyMode: 'quality' };
    if (choice.avc) config.avc = choice.avc;
    try {
      const { supported } = await VideoEncoder.isConfigSupported(config);
      if (supported) return { config, muxer: choice.muxer };
    } catch {
      // A codec string this browser does not know: the next one.
    }
  }
  return null;
}

/** The first audio config of `format` the browser encodes, or null. */
async function supportedAudio(format) {
  if (typeof AudioEncoder !== 'function' || typeof AudioData !== 'function') return null;
  for (const choice of audioCodecs(format)) {
    const config = { codec: choice.codec, sampleRate: SAMPLE_RATE, numberOfChannels: CHANNELS, bitrate: AUDIO_BITRATE };
    try {
      const { supported } = await AudioEncoder.isConfigSupported(config);
      if (supported) return { config, muxer: choice.muxer };
    } catch {
      // Unknown here: the next one.
    }
  }
  return null;
}

function formatError(format, message, accepted = []) {
  return new RenderError({
    code: null,
    kind: 'export_option',
    message,
    option: { name: 'format', value: String(format), accepted, with: 'this browser' },
  });
}

/**
 * Which formats this browser can make, at `width` x `height` and `fps` (1080p30 unless said):
 * `[{ format, available, video, audio, reason }]`.
 */
export async function exportFormats({ width = 1920, height = 1080, fps = 30 } = {}) {
  const out = [];
  for (const format of FORMATS) {
    const even = format === 'mp4' ? evenOf : (v) => v;
    const video = await supportedVideo(format, even(width), even(height), fps, bitrateOf('high', width, height, fps, format));
    const audio = video ? await supportedAudio(format) : null;
    let reason = null;
    if (!hasWebCodecs()) reason = 'this browser has no WebCodecs (VideoEncoder)';
    else if (!video) reason = `this browser does not encode ${format === 'webm' ? 'VP9' : 'H.264'} video at ${width}x${height}`;
    else if (!audio) reason = `this browser does not encode ${format === 'webm' ? 'Opus' : 'AAC or Opus'} audio: a video with music cannot be made`;
    out.push({
      format,
      available: Boolean(video),
      video: video?.config.codec ?? null,
      audio: audio?.config.codec ?? null,
      reason,
    });
  }
  return out;
}

function evenOf(value) {
  return Math.max(2, Math.round(value / 2) * 2);
}

function bitrateOf(quality, width, height, fps, format) {
  const bpp = BITS_PER_PIXEL[quality];
  return Math.round(width * height * fps * bpp * (format === 'mp4' ? 1.5 : 1));
}

/**
 * Makes the video of `source` (a `Draft`, laid out by `draft.timeline(canvas)`, or a `Timeline`)
 * in the page. Resolves to a Blob (`video/webm` or `video/mp4`) with exactly the timeline's
 * frames; rejects with a `RenderError` (kind `export_option`) for a format this browser cannot
 * make, an `AbortError` once `signal` fires (the encoders closed, nothing kept), a `RenderError`
 * (kind `render`) when a media cannot be loaded or an encoder fails.
 */
export async function exportVideo(source, options = {}) {
  const { format = 'webm', quality = 'high', signal, onProgress } = options;
  if (!FORMATS.includes(format)) throw formatError(format, `"${format}" cannot be made in the browser: webm or mp4`, FORMATS);
  if (!(quality in BITS_PER_PIXEL)) {
    throw new RenderError({
      code: null,
      kind: 'export_option',
      message: `quality "${quality}": high, medium, low or preview`,
      option: { name: 'quality', value: String(quality), accepted: Object.keys(BITS_PER_PIXEL), with: null },
    });
  }
  if (!hasWebCodecs()) throw formatError(format, `${format} cannot be made here: this browser has no WebCodecs (VideoEncoder)`);
  if (signal?.aborted) throw abortError(signal);

  // The timeline: the caller's, or laid out here from the draft (and freed here).
  const fromDraft = typeof source?.timeline === 'function';
  let timeline;
  if (fromDraft) {
    // The draft's frame as given, at the rate asked; the core's default for the rest.
    timeline = source.timeline(options.fps === undefined ? options.canvas : { ...options.canvas, fps: options.fps });
  } else {
    timeline = source;
    if (!timeline || typeof timeline.sceneAt !== 'function') throw new TypeError('exportVideo() takes a Draft or a Timeline');
    if (options.fps !== undefined && options.fps !== timeline.canvas.fps) {
      throw new TypeError(`this timeline is read at ${timeline.canvas.fps} fps: pass a Draft to export at ${options.fps}`);
    }
  }
  try {
    return await makeVideo(timeline, { ...options, format, quality, signal, onProgress });
  } finally {
    if (fromDraft) timeline.free?.();
  }
}

async function makeVideo(timeline, options) {
  const { format, quality, signal, onProgress } = options;
  const video = timeline.canvas;
  const { fps } = video;
  const frames = timeline.frames;
  if (!(frames > 0)) throw new RenderError({ code: null, kind: 'render', message: 'the timeline has no frames' });
  if (timeline.durationMs > MAX_IN_PAGE_MS) {
    const minutes = (ms) => Math.round(ms / 6000) / 10;
    throw new RenderError({
      code: null,
      kind: 'render',
      message: `this video lasts ${minutes(timeline.durationMs)} min: a video made in the page lasts at most `
        + `${minutes(MAX_IN_PAGE_MS)} min (the whole file is held in the page's memory); export it from the studio instead`,
    });
  }
  const [width, height] = sizeOf(options, video, format);
  const bitrate = bitrateOf(quality, width, height, fps, format);
  const withSound = (timeline.media ?? []).some((m) => m.kind === 'sound');

  const videoChoice = await supportedVideo(format, width, height, fps, bitrate);
  if (!videoChoice) {
    throw formatError(format, `${format} cannot be made here: this browser does not encode ${format === 'webm' ? 'VP9' : 'H.264'} video at ${width}x${height}`,
      (await exportFormats({ width, height, fps })).filter((f) => f.available).map((f) => f.format));
  }
  const audioChoice = withSound ? await supportedAudio(format) : null;
  if (withSound && !audioChoice) {
    throw formatError(format, `${format} cannot be made here: this browser does not encode its audio (${format === 'webm' ? 'Opus' : 'AAC or Opus'})`);
  }
  const progress = (phase, done) => onProgress?.({ phase, frame: done, frames, fraction: frames ? done / frames : 1 });

  // The muxer, loaded now (the first export pays for it; the page never did before).
  const mb = await loadMuxer(options.loadMuxer);
  checkAborted(signal);

  // Every picture and sound, decoded once (a decoding-only audio context for the music).
  progress('loading', 0);
  let decoder = null;
  const store = new MediaStore(chooseLoader(options), () => (decoder ??= new OfflineAudioContext(CHANNELS, 1, SAMPLE_RATE)));
  const failures = [];
  const onAbort = () => store.clear();
  signal?.addEventListener('abort', onAbort, { once: true });
  const encoders = [];
  let output = null;
  try {
    await store.loadAll(timeline.media ?? [], { onError: (src, kind, error) => failures.push({ src, kind, error }) });
    checkAborted(signal);
    if (failures.length) {
      const [first] = failures;
      throw new RenderError(
        { code: null, kind: 'render', message: `the ${first.kind} "${first.src}" could not be loaded: ${first.error.message}` },
        { cause: first.error },
      );
    }

    output = new mb.Output({
      format: format === 'webm' ? new mb.WebMOutputFormat() : new mb.Mp4OutputFormat({ fastStart: 'in-memory' }),
      target: new mb.BufferTarget(),
    });
    const videoTrack = new mb.EncodedVideoPacketSource(videoChoice.muxer);
    output.addVideoTrack(videoTrack, { frameRate: fps });
    let audioTrack = null;
    if (audioChoice) {
      audioTrack = new mb.EncodedAudioPacketSource(audioChoice.muxer);
      output.addAudioTrack(audioTrack);
    }
    await output.start();

    // Packets go to the muxer in the order they come, one after the other; the first failure
    // (the encoder's or the muxer's) ends the export.
    let failed = null;
    const fail = (error) => {
      failed ??= error instanceof Error ? error : new Error(String(error));
    };
    let muxing = Promise.resolve();
    const toMuxer = (track) => (chunk, meta) => {
      const packet = mb.EncodedPacket.fromEncodedChunk(chunk);
      muxing = muxing.then(() => (failed ? undefined : track.add(packet, meta))).catch(fail);
    };

    // The sound first: small beside the pictures, and then in the muxer before them.
    if (audioTrack) {
      progress('sound', 0);
      const bufferOf = (src) => store.get(src);
      const level = await soundtrackGain(timeline, bufferOf);
      checkAborted(signal);
      const encoder = new AudioEncoder({ output: toMuxer(audioTrack), error: fail });
      encoders.push(encoder);
      encoder.configure(audioChoice.config);
      // A minute at a time, so that an hour's video never holds its whole mix (1.4 GB) at once.
      let written = 0;
      for (let fromMs = 0; fromMs < timeline.durationMs; fromMs += AUDIO_STRETCH_MS) {
        const mix = await mixSoundtrack(timeline, bufferOf, fromMs, fromMs + AUDIO_STRETCH_MS);
        checkAborted(signal);
        // The stretch's samples, up to where the next stretch takes over (its rounding kept).
        const until = Math.min(mix.length, Math.round(((fromMs + AUDIO_STRETCH_MS) / 1000) * SAMPLE_RATE) - written);
        for (let at = 0; at < until; at += AUDIO_CHUNK) {
          const n = Math.min(AUDIO_CHUNK, until - at);
          const planes = new Float32Array(n * CHANNELS);
          for (let c = 0; c < CHANNELS; c += 1) planes.set(mix.getChannelData(c).subarray(at, at + n), c * n);
          for (let i = 0; i < planes.length; i += 1) planes[i] *= level;
          const data = new AudioData({
            format: 'f32-planar',
            sampleRate: SAMPLE_RATE,
            numberOfFrames: n,
            numberOfChannels: CHANNELS,
            timestamp: Math.round(((written + at) * 1e6) / SAMPLE_RATE),
            data: planes,
          });
          encoder.encode(data);
          data.close();
        }
        written += until;
      }
      await encoder.flush();
      encoder.close();
      checkAborted(signal);
      if (failed) throw failed;
    }

    // The pictures: every frame drawn at its middle instant, as the preview and the studio
    // sample it, and handed to the encoder, which may hold only a few at a time.
    const canvas = makeCanvas(width, height);
    const drawer = new SceneDrawer((src) => store.get(src));
    const encoder = new VideoEncoder({ output: toMuxer(videoTrack), error: fail });
    encoders.push(encoder);
    encoder.configure(videoChoice.config);
    const keyEvery = Math.max(1, Math.round(fps * KEYFRAME_SECONDS));
    const frameUs = 1e6 / fps;
    progress('video', 0);
    for (let n = 0; n < frames; n += 1) {
      checkAborted(signal);
      if (failed) throw failed;
      drawer.draw(canvas, timeline.sceneAt(((n + 0.5) * 1000) / fps), video);
      const timestamp = Math.round(n * frameUs);
      const frame = new VideoFrame(canvas, { timestamp, duration: Math.round((n + 1) * frameUs) - timestamp });
      try {
        encoder.encode(frame, { keyFrame: n % keyEvery === 0 });
      } finally {
        frame.close();
      }
      await drained(encoder, MAX_QUEUED_FRAMES, signal);
      progress('video', n + 1);
    }
    await encoder.flush();
    encoder.close();
    await muxing;
    if (failed) throw failed;
    checkAborted(signal);
    progress('muxing', frames);
    await output.finalize();
    return new Blob([output.target.buffer], { type: format === 'webm' ? 'video/webm' : 'video/mp4' });
  } catch (error) {
    for (const encoder of encoders) {
      if (encoder.state !== 'closed') encoder.close();
    }
    if (output && output.state !== 'finalized' && output.state !== 'canceled') await output.cancel().catch(() => {});
    if (signal?.aborted) throw error instanceof AbortError ? error : abortError(signal);
    if (error instanceof RenderError || error instanceof AbortError) throw error;
    throw new RenderError({ code: null, kind: 'render', message: `the video could not be made in this browser: ${error.message}` }, { cause: error });
  } finally {
    signal?.removeEventListener('abort', onAbort);
    store.clear();
  }
}

/** The video's pixels: `width`/`height` where given (one alone keeps the aspect), else the canvas's. */
function sizeOf({ width, height }, video, format) {
  for (const [name, value] of [['width', width], ['height', height]]) {
    if (value !== undefined && !(Number.isInteger(value) && value >= 2 && value <= 8192)) {
      throw new TypeError(`${name} must be a whole number from 2 to 8192`);
    }
  }
  let w = width ?? (height !== undefined ? Math.round((height * video.width) / video.height) : video.width);
  let h = height ?? (width !== undefined ? Math.round((width * video.height) / video.width) : video.height);
  // H.264 (4:2:0) wants even sizes; VP9 takes any, but players like them even too.
  if (format === 'mp4' || width === undefined) w = evenOf(w);
  if (format === 'mp4' || height === undefined) h = evenOf(h);
  return [w, h];
}

function makeCanvas(width, height) {
  if (typeof OffscreenCanvas === 'function') return new OffscreenCanvas(width, height);
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  return canvas;
}

async function loadMuxer(load) {
  if (typeof load === 'function') return load();
  // A bare specifier: a bundler resolves it to the package's dependency (and splits it into a
  // chunk of its own); a page without one maps it with an import map, or passes `loadMuxer`.
  return import('mediabunny');
}

function checkAborted(signal) {
  if (signal?.aborted) throw abortError(signal);
}

/** Waits until `encoder` holds at most `max` frames (its `dequeue` event, else a short wait). */
async function drained(encoder, max, signal) {
  while (encoder.encodeQueueSize > max && !signal?.aborted && encoder.state === 'configured') {
    await new Promise((resolve) => {
      const timer = setTimeout(done, 50);
      function done() {
        clearTimeout(timer);
        encoder.removeEventListener?.('dequeue', done);
        resolve();
      }
      encoder.addEventListener?.('dequeue', done, { once: true });
    });
  }
}
