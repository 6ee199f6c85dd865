// `@i2v/web` only: the live preview of a draft on a <canvas> (preview.js). Not part of the one
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
 * transitions, the texts and the fades, and the music on Web Audio in sync.
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
