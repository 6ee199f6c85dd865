// `@i2v/web` only: the live preview of a draft on a <canvas> (preview.js), and the video made
// in the page from it (preview/export.js: `exportVideo`, `exportFormats`). Not part of the one
// contract both packages share (index.d.ts), since Node has no canvas: build-web.sh adds
// `export * from './preview.js'` to the web package's index.d.ts. It needs the DOM lib. What it
// draws (`Timeline`, `Scene`…) is the shared contract's.

import type { Canvas, Client, Draft, Timeline } from './index.js';

/** What a preview draws: a `Timeline` (`draft.timeline()`), or anything shaped like one. */
export type PreviewTimeline = Pick<Timeline, 'durationMs' | 'frames' | 'canvas' | 'media' | 'sceneAt'>;

/** Loads one media for a preview: a picture any browser decodes, or audio. */
export type PreviewMediaLoader = (
  src: string,
  kind: 'picture' | 'sound',
  options: { signal?: AbortSignal },
) => Promise<Blob>;

export interface PreviewOptions {
  /** Loads the media: a studio proxy, local files… Else `client.previewMedia`, else `fetch` for URLs. */
  loadMedia?: PreviewMediaLoader;
  /** A client whose `previewMedia` loads the media (when `loadMedia` is not given). */
  client?: Client;
  /** The context the music plays in; by default one is made when a draft has music. */
  audioContext?: AudioContext;
  /** The frame drafts are laid out in (`draft.timeline(canvas)`); by default the draft's own. */
  canvas?: Canvas;
  /**
   * The canvas's pixels: `'display'` (default) as many as the element shows (times the device
   * pixel ratio, never more than the video's), or `'video'` the video's own size.
   */
  resolution?: 'display' | 'video';
}

/** What an `error` event says: the media that could not be loaded, or null for a drawing error. */
export interface PreviewErrorDetail {
  src: string | null;
  kind: 'picture' | 'sound';
  error: Error;
}

export interface PreviewEventMap {
  timeupdate: Event;
  play: Event;
  pause: Event;
  ended: Event;
  load: Event;
  error: CustomEvent<PreviewErrorDetail>;
}

/**
 * A draft played live on a <canvas>, as the studio renders it: the pictures, their moves and
 * transitions, the texts and the fades, and the music on Web Audio in sync, levelled to the
 * timeline's `loudness` as the finished video's is.
 */
export class Preview extends EventTarget {
  constructor(canvas: HTMLCanvasElement | OffscreenCanvas, options?: PreviewOptions);
  /** The timeline shown, or null. */
  readonly timeline: PreviewTimeline | null;
  /** The video's length, in ms. */
  readonly duration: number;
  /** Where it is, in ms. */
  readonly currentTime: number;
  readonly playing: boolean;
  /**
   * Shows a draft (laid out by `draft.timeline(canvas)`) or a timeline once its media are
   * loaded, at the current time; playing goes on. Rejects where the draft cannot play.
   */
  load(source: Draft | PreviewTimeline, options?: { canvas?: Canvas }): Promise<void>;
  play(): void;
  pause(): void;
  /** Goes to `ms`; resolves once that frame is drawn. */
  seek(ms: number): Promise<void>;
  /** Stops the music and the loop, and closes the bitmaps. */
  destroy(): void;
  ontimeupdate: ((event: Event) => void) | null;
  onerror: ((event: CustomEvent<PreviewErrorDetail>) => void) | null;
  onplay: ((event: Event) => void) | null;
  onpause: ((event: Event) => void) | null;
  onended: ((event: Event) => void) | null;
  onload: ((event: Event) => void) | null;
  addEventListener<K extends keyof PreviewEventMap>(
    type: K,
    listener: (event: PreviewEventMap[K]) => void,
    options?: boolean | AddEventListenerOptions,
  ): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject | null, options?: boolean | AddEventListenerOptions): void;
  removeEventListener<K extends keyof PreviewEventMap>(
    type: K,
    listener: (event: PreviewEventMap[K]) => void,
    options?: boolean | EventListenerOptions,
  ): void;
  removeEventListener(type: string, listener: EventListenerOrEventListenerObject | null, options?: boolean | EventListenerOptions): void;
}

/** A container the page can make itself (`exportVideo`). */
export type BrowserVideoFormat = 'webm' | 'mp4';

/** What `exportFormats()` says of one format in this browser. */
export interface BrowserExportFormat {
  format: BrowserVideoFormat;
  /** Whether this browser encodes its video (WebCodecs). */
  available: boolean;
  /** The WebCodecs codec string used: `vp09.00.10.08`, `avc1.640028`…; null when none. */
  video: string | null;
  /** The sound's codec: `opus`, `mp4a.40.2` (AAC); null when none (a silent draft still exports). */
  audio: string | null;
  /** Why the format (or its sound) cannot be made here; null when it can. */
  reason: string | null;
}

/** Where an in-page export is: each frame of `video`, once `loading` and `sound` are done. */
export interface BrowserExportProgress {
  phase: 'loading' | 'sound' | 'video' | 'muxing';
  /** Frames encoded. */
  frame: number;
  frames: number;
  /** 0 to 1. */
  fraction: number;
}

export interface BrowserExportOptions {
  /** `'webm'` (VP9 and Opus; default) or `'mp4'` (H.264, and AAC or else Opus) where the browser encodes it. */
  format?: BrowserVideoFormat;
  /** For a Draft: the frame it is laid out in (`draft.timeline(canvas)`); by default 1920x1080 at 30 fps. */
  canvas?: { width: number; height: number; fps?: number };
  /** For a Draft: its frame rate, over the canvas's. A Timeline keeps its own. */
  fps?: number;
  /** The video's pixels, where fewer than the canvas's: one alone keeps the aspect. */
  width?: number;
  height?: number;
  /** The bit rate, as the studio's qualities name it; `high` by default. */
  quality?: 'high' | 'medium' | 'low' | 'preview';
  /** Loads the media, as a Preview does; else `client.previewMedia`, else `fetch` for URLs. */
  loadMedia?: PreviewMediaLoader;
  client?: Client;
  /** Cancels: the encoders are closed and the promise rejects with an `AbortError`. */
  signal?: AbortSignal;
  /** Called as the media load, the music is mixed, and at every frame. */
  onProgress?: (progress: BrowserExportProgress) => void;
  /**
   * Loads the muxer (the `mediabunny` module); by default `import('mediabunny')`, which a
   * bundler resolves, or an import map in a page without one.
   */
  loadMuxer?: () => Promise<unknown>;
}

/**
 * Which formats this browser can make itself, at that size and rate (1920x1080 at 30 fps by
 * default).
 */
export function exportFormats(options?: { width?: number; height?: number; fps?: number }): Promise<BrowserExportFormat[]>;

/**
 * Makes the video in the page, with no server: every frame drawn as the Preview draws it and
 * encoded by WebCodecs, the music mixed offline as it plays and levelled to the timeline's
 * `loudness` (as loud as the studio's video), muxed by mediabunny. Resolves to a
 * `video/webm` or `video/mp4` Blob of exactly the timeline's frames. Rejects with a
 * `RenderError` of kind `export_option` (its `option` names the format) where this browser
 * cannot make the format, of kind `render` where a media cannot be loaded, encoding fails or the
 * video lasts more than 10 minutes (the file is held in memory: export a longer one from the studio),
 * and with an `AbortError` once `signal` fires. A Draft needs `await initPreview()` first.
 */
export function exportVideo(source: Draft | Timeline, options?: BrowserExportOptions): Promise<Blob>;
