// The one TypeScript contract of `@i2v/node` and `@i2v/web`: both packages export exactly these
// names with these types. Hand-written, and checked against the bridge's shapes (crates/i2v-js):
// a test there writes one sample of every value it sends to tests/types/samples.ts, which tsc
// checks against these types (tests/types/wire.ts says where the JS shell, npm/shared/*.js,
// changes a value on its way).
//
// It needs no lib beyond ES2022: what it takes from the platform (an `AbortSignal`, a `Blob`, a
// `ReadableStream`, a `URL`, a `Response`) is written as the few members it uses, so the
// platform's own objects fit, with or without the DOM lib or `@types/node`.

/** What a call reads of an `AbortSignal`. */
export interface AbortSignalLike {
  readonly aborted: boolean;
  readonly reason?: unknown;
  addEventListener(type: 'abort', listener: () => void, options?: { once?: boolean }): void;
  removeEventListener(type: 'abort', listener: () => void): void;
}

/** What an upload reads of a `Blob` or `File` (which `fetch` sends as it is). */
export interface BlobLike {
  readonly size: number;
  readonly type: string;
  /** A `File`'s name; a plain `Blob` needs one set on it. */
  readonly name?: string;
  arrayBuffer(): Promise<ArrayBuffer>;
}

/** What an upload reads of a `ReadableStream` of bytes. */
export interface ByteStreamLike {
  getReader(): {
    read(): Promise<{ done: boolean; value?: Uint8Array }>;
    releaseLock(): void;
  };
}

/**
 * Where `@i2v/web`'s `.wasm` is, for `init({ wasm })`: a URL (a string or a `URL`), a `Response`
 * or a promise of one (from `fetch`), its bytes, or a compiled `WebAssembly.Module`.
 */
export type WasmSource =
  | string
  | { readonly href: string }
  | ArrayBuffer
  | ArrayBufferView
  | PromiseLike<object>
  | object;

/** Options of `init`. */
export interface InitOptions {
  /** `@i2v/web`: where the `.wasm` is, when not next to the package's `native.js` (the default,
   * which Vite and webpack 5 follow). `@i2v/node` ignores it. */
  wasm?: WasmSource;
}

/**
 * Loads the native module. `@i2v/web` loads its `.wasm` on first use: every asynchronous call
 * (a `Client`'s) waits for it, while the synchronous functions (`routeIntent`, `parseDraft`,
 * `diffDrafts`, `translateGui`, `checkExportOptions`, `new SseParser()`, `client.clientId`,
 * `client.resume()`) throw an `ApiError` of kind `not_initialised` until it is loaded: await
 * `init()` first to use them. Later calls do nothing; a failed load may be tried again.
 * `@i2v/node`'s addon is loaded on import: its `init()` resolves at once.
 */
export function init(options?: InitOptions): Promise<void>;

/**
 * Loads the live preview's module, which `Draft.timeline()` needs: in `@i2v/web` a second `.wasm`
 * (`i2v_preview_bg.wasm`, about 49 KB gzipped, next to the first unless `wasm` says where) that
 * only a page drawing a preview fetches; `Preview.load` calls it. `@i2v/node` has the evaluator
 * built in: there it resolves at once. Later calls do nothing; a failed load may be tried again.
 */
export function initPreview(options?: InitOptions): Promise<void>;

/** Waits and attempts, all in milliseconds or counts; every field has the protocol's default. */
export interface Timing {
  /** Heartbeats only for this long → the first "still working" event (default 120000). */
  stillWorkingAfterMs: number;
  /** Then one more "still working" event every this long (default 120000). */
  stillWorkingEveryMs: number;
  /** Heartbeats only for this long → the turn fails with a timeout (default 600000). */
  heartbeatTimeoutMs: number;
  /** After a dropped stream: the wait before the first state fetch (default 30000). */
  disconnectFirstWaitMs: number;
  /** After a dropped stream: the wait between later state fetches (default 60000). */
  disconnectNextWaitMs: number;
  /** After a dropped stream: unchanged state fetches before giving up (default 5). */
  disconnectMaxPolls: number;
  /** Export: the wait between status polls (default 30000). */
  exportPollIntervalMs: number;
  /** Export: polls before giving up (default 10). */
  exportMaxPolls: number;
  /** Idempotent requests: attempts in all, the first included (default 3). */
  retryAttempts: number;
  /** Idempotent requests: the first backoff, doubling (default 500). */
  retryBaseBackoffMs: number;
  /** Idempotent requests: the largest backoff (default 8000). */
  retryMaxBackoffMs: number;
  /** 429: the longest `Retry-After` waited out before the one retry; a longer one is thrown as a
   * `RateLimitError` at once (default 60000). */
  rateLimitMaxWaitMs: number;
  /** The most one request waits for its answer (a JSON answer read whole, an event stream
   * opened); uploads are not bound by it (default 60000). Same as `ClientOptions.timeout`. */
  requestTimeoutMs: number;
}

/** The attribution headers every request carries. */
export interface Attribution {
  /** `X-Skill-Source` (default `image-to-video-editing-ai`). */
  source?: string;
  /** `X-Skill-Version` (default `1.0.0`). */
  version?: string;
  /** `X-Skill-Platform` (default: `SKILL_SOURCE`, else detected from the install path). */
  platform?: string;
}

/** How a client is made; every field is optional. */
export interface ClientOptions {
  /** The API base URL (default: `NEMO_API_URL` in Node, else the cloud). */
  apiUrl?: string;
  /** The web URL for claim and registration links (default: `NEMO_WEB_URL`, else the cloud). */
  webUrl?: string;
  /** A token to use as it is (default: `NEMO_TOKEN` in Node); never replaced silently. */
  token?: string;
  /** The client id (a UUID) anonymous tokens belong to (default: `NEMO_CLIENT_ID`, else the
   * persisted one, else a new one that is then persisted). */
  clientId?: string;
  /** Attribution headers. */
  attribution?: Attribution;
  /** The session language, a tag such as `en`, `zh-CN`, `ja` (a locale such as `zh_CN.UTF-8`
   * is read as its language). Default: the person's locale (`navigator.language` in the browser;
   * the first of `LC_ALL`, `LC_MESSAGES`, `LANG` and `Intl` that names one in Node), else `en`. */
  language?: string;
  /** The most one request waits for its answer, in ms (default 60000): a JSON answer read whole,
   * an event stream opened (a chat turn then follows the heartbeat rules). Uploads are bound only
   * by a call's own `timeout`. A request that runs out rejects with a `TimeoutError`. */
  timeout?: number;
  /** Retries of a request that is safe to repeat (a GET, or one that never left) after a
   * network failure or a 5xx (default 2). */
  maxRetries?: number;
  /** Receives a debug line for every request, answer, retry and recovery; a function or a
   * console-like object with `debug`. Tokens never appear in the lines. In Node,
   * `I2V_LOG=debug` writes them to stderr. */
  logger?: ((line: string) => void) | { debug(line: string): void };
  /** Waits and attempts. */
  timing?: Partial<Timing>;
  /** Whether to persist the client id (`~/.config/nemovideo/client_id` in Node, `localStorage` in
   * the browser). Default true. */
  persistClientId?: boolean;
  /** Browser only: keep the token in `localStorage` too. Default false. */
  persistToken?: boolean;
}

/** The session a client works in. */
export interface Session {
  /** The task (project) id. */
  taskId: string;
  /** The session id. */
  sessionId: string;
  /** The id behind an anonymous user's registration link, when the backend gave one. */
  bindId: string | null;
  /** The backend's id of the session's user, when it gave one. */
  userId: string | null;
}

/** The credit balance. */
export interface Credits {
  /** Credits that can be spent now. */
  available: number;
  /** Credits reserved by operations in progress. */
  frozen: number;
  /** All credits: available and frozen. */
  total: number;
}

/** The size and rate of the video being edited. */
export interface Canvas {
  width: number;
  height: number;
  fps: number;
}

/** The project's state. */
export interface State {
  /** The draft, once something has been generated. */
  draft: Draft | null;
  /** The canvas. */
  canvas: Canvas;
  /** The uploaded media the backend knows of, as it described them. */
  videoInfos: unknown[];
  /** Media the backend generated, as it described them. */
  generatedMedia: unknown[];
  /** What the backend's analysis found in the videos, as it described it (may be empty). */
  videoAnalyses: unknown[];
}

/** A medium the backend stored (either answer form of docs/PROTOCOL.md §3.5 and §8). */
export interface UploadedMedia {
  /** The id to refer to it by: the backend's media id (`med_…`), else its content hash, else
   * its URL. */
  mediaId: string;
  name: string;
  kind: 'image' | 'video' | 'audio';
  /** The MIME type the backend judged from the content (else the one the name implies). */
  mime: string;
  /** Size in bytes; 0 when the backend does not say. */
  size: number;
  width: number | null;
  height: number | null;
  durationMs: number | null;
  /** Frames per second, for videos, when the backend says. */
  fps: number | null;
  /** Where the backend serves the file, when it says. */
  url: string | null;
  /** The backend's hash of the content, when it gives one. */
  hash: string | null;
  /** Whether the backend says the upload is in the session's state already, when it says. */
  inState: boolean | null;
}

/** How far an upload has got, in bytes of the files. */
export interface UploadProgress {
  sent: number;
  total: number;
}

/**
 * One file to upload. In Node: a path (`'a.jpg'` or `{ path }`), bytes, or a stream with its size.
 * In the browser: a `File` or `Blob` (with a `name`), or bytes. The type is judged by the name's
 * extension before anything is sent.
 */
export type UploadInput =
  | string
  | { path: string; name?: string }
  | { name: string; data: Uint8Array | ArrayBuffer }
  | { name: string; size: number; stream: AsyncIterable<Uint8Array> | ByteStreamLike }
  | BlobLike;

/** An export's status while it runs. */
export interface ExportProgress {
  /** The render's id; keep it to pick the render up again with `resumeExport`. */
  renderId: string;
  status: 'pending' | 'processing' | 'completed' | 'failed' | 'cancelled';
  /** Percent done, when the backend said. */
  progress: number | null;
}

/** The containers an export makes (`docs/PROTOCOL.md` §3.8). */
export type VideoFormat = 'mp4' | 'mov' | 'webm' | 'gif';
/** The frame's short side; `4k` is `2160p`, and a number is read as `<n>p`. */
export type ExportResolution =
  | '480p'
  | '720p'
  | '1080p'
  | '1440p'
  | '2160p'
  | '4k'
  | 480
  | 720
  | 1080
  | 1440
  | 2160;
/** Frames per second an export can have. */
export type FrameRate = 24 | 25 | 30 | 60;
/** How to trade size for quality; `preview` renders fast, small, for looking at. */
export type ExportQuality = 'high' | 'medium' | 'low' | 'preview';

/** What the video should be; each left out takes the backend's default (mp4, the canvas's size
 * and frame rate, high; a GIF is 480p at 25 fps, a preview 480p). A value outside these, or a
 * pair the contract does not make (a GIF at another rate than 25, a preview above 480p), is an
 * `export_option` `RenderError`, before anything is sent. */
export interface ExportOutput {
  format?: VideoFormat;
  resolution?: ExportResolution;
  fps?: FrameRate;
  quality?: ExportQuality;
}

/** Export options as the core asks for them (`checkExportOptions`). */
export interface CheckedExportOptions {
  format: VideoFormat;
  /** `'720p'`…, or null for the canvas's size. */
  resolution: string | null;
  /** Null for the canvas's frame rate. */
  fps: number | null;
  quality: ExportQuality;
}

/** A finished export: where it is, and what the backend says it made (null where it said nothing). */
export interface ExportResult {
  renderId: string;
  /** Where the video can be fetched. */
  url: string;
  /** The fallback download URL. */
  downloadUrl: string;
  /** A still of the video (a JPEG). */
  posterUrl: string | null;
  format: VideoFormat | null;
  /** `video/mp4`, `video/quicktime`, `video/webm`, `image/gif`. */
  mime: string | null;
  /** Bytes. */
  size: number | null;
  width: number | null;
  height: number | null;
  fps: number | null;
  durationMs: number | null;
}

/** Where something sits in a draft: indices into `t`, and into the track's `sg`. */
export interface Place {
  track: number;
  segment: number | null;
}

/** One difference between two drafts, named as a person would. */
export interface Change {
  kind:
    | 'added'
    | 'removed'
    | 'moved'
    | 'replaced'
    | 'renamed'
    | 'text'
    | 'duration'
    | 'start'
    | 'volume'
    | 'transition'
    | 'edited';
  /** What changed: `Timeline`, a track (`BGM`), or a clip (`Video clip 2`). */
  subject: string;
  /** The whole change in one sentence. */
  description: string;
  before: Place | null;
  after: Place | null;
}

/** Something a reply asked a person to do in an editor, done through the API instead. */
export type GuiAction =
  | { kind: 'export' | 'show_state' | 'show_summary' | 'show_credits' | 'upload' }
  | { kind: 'send_edit'; text: string };

/** Text rewritten for a person without an on-screen editor, and what it asked for. */
export interface GuiTranslation {
  text: string;
  actions: GuiAction[];
}

/** What the client did on its own that the caller should know. */
export type Notice =
  | { kind: 'session_replaced'; oldSessionId: string; newSessionId: string }
  | { kind: 'token_renewed' }
  | { kind: 'client_id_generated'; clientId: string };

/** How a chat turn ended. */
export interface TurnOutcome {
  /** Every message's final text, as shown. */
  texts: string[];
  /** The draft after the turn, when there is one. */
  draft: Draft | null;
  /** What changed, for a silent or disconnected turn (empty otherwise). */
  changes: Change[];
  /** Whether the stream ended without any text. */
  silent: boolean;
  /** Whether the connection dropped and the result came from polling the state. */
  recovered: boolean;
}

/** What `send` ended with. */
export type SendOutcome =
  | { type: 'uploaded'; media: UploadedMedia[] }
  | { type: 'credits'; credits: Credits }
  | { type: 'state'; state: State }
  | { type: 'exported'; result: ExportResult }
  | { type: 'chat'; outcome: TurnOutcome };

/**
 * What a person sees while a message is handled, in order. The last event is always `done`.
 * Text is written for a person without an editor on screen (no "click", no "button"), while it
 * streams too: the `textDelta`s of a message add up to its `text`. Tools are told in words in the
 * session's language, never by their ids. An `action` is something a reply suggested: `chat`
 * runs none; `send` fetches the state or credits for `show_state`, `show_summary` and
 * `show_credits` and sends a `send_edit` as one more turn, and never renders for `export` (only
 * the person's own "export" does).
 */
export type TurnEvent =
  | { type: 'textDelta'; message: number; text: string }
  | { type: 'text'; message: number; text: string }
  | { type: 'toolStarted'; label: string }
  | { type: 'toolFinished'; label: string }
  | { type: 'draft'; draft: Draft }
  | { type: 'stillWorking'; waitedMs: number }
  | { type: 'connectionLost' }
  | { type: 'changes'; changes: Change[] }
  | { type: 'action'; action: GuiAction }
  | { type: 'uploaded'; media: UploadedMedia[] }
  | { type: 'credits'; credits: Credits }
  | { type: 'state'; state: State }
  | { type: 'exportProgress'; progress: ExportProgress }
  | { type: 'exported'; result: ExportResult }
  | { type: 'notice'; notice: Notice }
  | { type: 'done'; outcome: SendOutcome };

/** The events of one message, as an async iterable; breaking out of the loop cancels the turn. */
export interface TurnStream extends AsyncIterable<TurnEvent> {
  /** How it ended: resolves after the `done` event, rejects with the turn's error. */
  readonly outcome: Promise<SendOutcome>;
}

/** Options every call takes. */
export interface CallOptions {
  /** Cancels the call, also one already aborted before the call. */
  signal?: AbortSignalLike;
  /** The most each request of this call waits for its answer, in ms, in place of the client's
   * `timeout` (and for uploads too). */
  timeout?: number;
}

/** Options of `upload`. */
export interface UploadOptions extends CallOptions {
  onProgress?: (progress: UploadProgress) => void;
}

/** Options of `resumeExport`. */
export interface ResumeExportOptions extends CallOptions {
  onProgress?: (progress: ExportProgress) => void;
}

/** Options of `export`: the output, and the call's own. */
export interface ExportCallOptions extends ExportOutput, ResumeExportOptions {}

/** Options of `send`. */
export interface SendOptions extends CallOptions {
  /** Files to upload before the text is handled. */
  files?: UploadInput[];
}

/** A client of the NemoVideo agent API (the cloud, or a local i2v-studio). */
export class Client {
  constructor(options?: ClientOptions);
  /** The client id in use. */
  readonly clientId: string;
  /** The current session, once connected. */
  readonly session: Session | null;
  /** The last draft the client saw. */
  readonly lastDraft: Draft | null;
  /** The registration link for an anonymous user, when known. */
  readonly bindUrl: string | null;
  /** Gets a token when none is configured and creates a session. */
  connect(options?: CallOptions): Promise<Session>;
  /** Works in a session made earlier (kept across a page reload) instead of a new one. */
  resume(session: Session): void;
  /** The link that opens the project in the web app. */
  claimUrl(options?: CallOptions): Promise<string>;
  credits(options?: CallOptions): Promise<Credits>;
  state(options?: CallOptions): Promise<State>;
  /** Uploads files, streamed; type and size are checked before a byte is sent. */
  upload(files: UploadInput[], options?: UploadOptions): Promise<UploadedMedia[]>;
  /** Has the backend fetch media from URLs. */
  uploadUrls(urls: string[], options?: CallOptions): Promise<UploadedMedia[]>;
  /** Renders the current draft and waits for the video. Aborting it (the `signal`) also asks the
   * backend to cancel the render, before the promise rejects. */
  export(options?: ExportCallOptions): Promise<ExportResult>;
  /** Keeps polling a render submitted earlier (by this or another client of the session).
   * Aborting it cancels the render, as `export` does. */
  resumeExport(renderId: string, options?: ResumeExportOptions): Promise<ExportResult>;
  /** Handles what a person types (and attaches): upload, credits, state, export, or a chat turn.
   * Aborting it during an export cancels the render, as `export` does. */
  send(text: string, options?: SendOptions): TurnStream;
  /** Runs one chat turn. */
  chat(text: string, options?: CallOptions): TurnStream;
  /** The preview of a draft's `src` (an upload's media id or `library:<key>`), from a studio
   * (`docs/PROTOCOL.md` §3.9): a picture as a JPEG standing upright, at most 1920 px on its
   * long side, or a sound a browser plays; a platform `Blob` (Node has one too) of that type.
   * A server that serves none rejects with kind `no_preview`. */
  previewMedia(src: string, options?: CallOptions): Promise<MediaBlob>;
}

/** What `previewMedia` resolves to: the platform's `Blob`, its `type` the file's MIME type. */
export interface MediaBlob {
  readonly size: number;
  readonly type: string;
  arrayBuffer(): Promise<ArrayBuffer>;
}

/** A compact draft timeline (`docs/PROTOCOL.md` §5), every unknown key kept. */
export class Draft {
  private constructor();
  /** The track summary a person reads. */
  summary(): string;
  /** Whether there is something to render. */
  isExportReady(): boolean;
  /** The timeline's length, when it has one. */
  readonly durationMs: number | null;
  /** The tracks laid out in time, by the same rules the summary and the renderer use. */
  layout(): DraftLayout;
  /** The draft read as frames onto `canvas` (1920x1080 at 30 fps unless given): what each frame
   * shows, by the rules the studio renders with. Throws an `I2vError` (`kind` `invalid_input`)
   * where the draft cannot play, e.g. before it has a picture. */
  timeline(canvas?: { width: number; height: number; fps?: number }): Timeline;
  /** The draft as JSON, exactly as it was given (numbers as written, unknown keys kept). */
  toJSON(): unknown;
}

/** A draft read as frames (`Draft.timeline()`): its length, its media, and each frame's scene. */
export class Timeline {
  private constructor();
  /** How long the video lasts, in ms (whole frames). */
  readonly durationMs: number;
  /** How many frames it has. */
  readonly frames: number;
  /** The canvas it is read onto. */
  readonly canvas: Canvas;
  /** Every `src` it uses, once each, with what it is used as. */
  readonly media: TimelineMedia[];
  /** What a finished video's soundtrack is levelled to (the studio's normaliser aims at it; an
   * in-page export and the preview level their mix to it). */
  readonly loudness: { integratedLufs: number; truePeakDbtp: number };
  /** What the frame on which `ms` falls shows (`floor(ms * fps / 1000)`, within the video). */
  sceneAt(ms: number): Scene;
  /** Lets go of the native timeline now rather than when it is collected. */
  free(): void;
}

/** The timeline's facts as they cross from the native side. */
export type TimelineInfo = Pick<Timeline, 'durationMs' | 'frames' | 'canvas' | 'media' | 'loudness'>;

/** A `src` a timeline uses: a picture of the video or a piece of music. */
export interface TimelineMedia {
  src: string;
  kind: 'picture' | 'sound';
}

/** What one frame shows and plays. */
export interface Scene {
  /** Which frame, from 0. */
  frame: number;
  /** When it is shown, in ms. */
  timeMs: number;
  /** The pictures, bottom first: one, or two during a transition (outgoing, incoming). */
  pictures: ScenePicture[];
  /** The transition between the two pictures, while they are in one. */
  transition: SceneTransition | null;
  /** Titles and captions over the pictures, in drawing order. */
  texts: SceneText[];
  /** Black over everything (the video's fade in and out), 0 to 1. */
  black: number;
  /** The music sounding. */
  music: SceneMusic[];
}

/** A picture on a frame: fitted into `composed`, that scaled to `view`'s size, the canvas-sized
 * part at (`view.x`, `view.y`) shown. */
export interface ScenePicture {
  /** Which clip of the video. */
  clip: number;
  src: string;
  fit: 'cover' | 'contain' | 'blur';
  composed: { width: number; height: number };
  view: { width: number; height: number; x: number; y: number };
}

/** Two pictures blending: ffmpeg's xfade name and its progress (1 on the first frame, falling
 * towards 0); a plain `fade` draws the incoming picture at opacity 1 − progress. */
export interface SceneTransition {
  kind: string;
  progress: number;
}

/** A title or caption on a frame, laid out as the studio's drawtext lays it: centred across,
 * `top` at 7 % of the height, `bottom` ending at 93 %, `center` in the middle. */
export interface SceneText {
  /** Which text of the video. */
  index: number;
  /** Its lines, wrapped to the canvas. */
  lines: string[];
  /** DejaVu Sans (`regular`), DejaVu Sans Bold (`bold`) or WenQuanYi Zen Hei (`cjk`). */
  face: 'regular' | 'bold' | 'cjk';
  sizePx: number;
  /** `#RRGGBB`. */
  color: string;
  position: 'top' | 'center' | 'bottom';
  lineSpacingPx: number;
  /** The outline's width (black at 55 % opacity). */
  borderPx: number;
  /** 0 to 1. */
  opacity: number;
}

/** A piece of music sounding on a frame. */
export interface SceneMusic {
  /** Which piece of the video. */
  index: number;
  src: string;
  startMs: number;
  durationMs: number;
  /** How far into the piece, in ms (a shorter file loops). */
  offsetMs: number;
  /** Volume × its fades × the video's fade out (the renderer then normalises the loudness). */
  gain: number;
}

/** A draft laid out in time (`Draft.layout()`). */
export interface DraftLayout {
  /** Every track, in draft order. */
  tracks: TrackLayout[];
  /** The latest end of any segment, in ms. */
  durationMs: number;
}

/** One track laid out. */
export interface TrackLayout {
  /** Its place in the draft's `t`. */
  index: number;
  /** What it holds, from `tt`. */
  kind: 'video' | 'audio' | 'text' | 'other';
  /** The role word it is read as (`bgm`, `title`, `subtitle`, `voiceover`…), or null. */
  role: string | null;
  /** The label a person reads: `Video`, `BGM`, `Title`, `Subtitle`, `Text`, `Voiceover`… */
  label: string;
  /** For a video track, how long the whole video fades in from black, in ms. */
  fadeInMs: number | null;
  /** For a video track, how long the whole video fades out to black, in ms. */
  fadeOutMs: number | null;
  /** Its segments, in `sg` order. */
  segments: SegmentLayout[];
}

/** One segment laid out. */
export interface SegmentLayout {
  /** Its place in the track's `sg`. */
  index: number;
  /** Where it starts, in ms (after the previous segment when the draft gives no `s`). */
  startMs: number;
  /** How long it lasts, in ms (0 when the draft gives no `d`). */
  durationMs: number;
  /** Its name, else its track's; null when neither has one. */
  name: string | null;
  /** The words a text shows, on one line. */
  text: string | null;
  /** Its loudness (1 as recorded), the segment's else the track's; audio and video only. */
  volume: number | null;
  /** The transition into the next segment as it is drawn (ffmpeg xfade name), or null for a cut. */
  transition: { type: string; durationMs: number } | null;
  /** How long it fades in, in ms. */
  fadeInMs: number | null;
  /** How long it fades out, in ms. */
  fadeOutMs: number | null;
  /** The media it shows or plays, as written. */
  src: string | null;
}

/** Parses a draft from its JSON text or value; throws a `DraftError` naming the JSON path. */
export function parseDraft(json: string | object): Draft;

/** What changed from `before` to `after`. */
export function diffDrafts(
  before: Draft | string | object,
  after: Draft | string | object,
): Change[];

/** What to do with what a person typed. */
export interface Intent {
  action: 'export' | 'credits' | 'state' | 'upload' | 'chat';
  /** Present exactly when `action` is `export`. */
  export?: {
    /** Any container said, also one no backend makes (`mkv`): `send` refuses those. */
    format?: string;
    /** `'1080p'`…: any said, also one no backend makes (`'4320p'`). */
    resolution?: string;
    fps?: number;
    aspect?: string;
    quality?: ExportQuality;
  };
}

/** Routes what a person typed to the workflow it asks for. */
export function routeIntent(text: string): Intent;

/** Export options as `export` would ask for them (words and numbers read, defaults filled in);
 * throws the `export_option` `RenderError` that `export` would, without a network. */
export function checkExportOptions(options?: ExportOutput): CheckedExportOptions;

/** Rewrites text that assumes an on-screen editor. */
export function translateGui(text: string): GuiTranslation;

/** One server-sent event. */
export interface SseEvent {
  /** The event type (`message` when the stream named none). */
  type: string;
  data: string;
  lastEventId: string;
}

/** A WHATWG event-stream parser fed chunk by chunk. */
export class SseParser {
  /** `maxBufferedBytes` caps one event's size (default 16 MiB). */
  constructor(maxBufferedBytes?: number);
  /** The events completed by this chunk. Throws an `I2vError` of kind `stream` for an oversized event. */
  feed(chunk: Uint8Array | string): SseEvent[];
  /** Ends the stream: an unterminated final event is discarded. */
  finish(): SseEvent[];
  /** Forgets everything, for a new stream. */
  reset(): void;
  readonly lastEventId: string;
  /** The reconnection time the stream asked for, in ms. */
  readonly retry: number | null;
}

/** The stable kinds of error, one per protocol situation. */
export type ErrorKind =
  | 'auth'
  | 'session'
  | 'credits'
  | 'file_type'
  | 'file_size'
  | 'client_id'
  | 'export_blocked'
  | 'rate_limited'
  | 'api'
  | 'network'
  | 'disconnected'
  | 'stream'
  | 'agent'
  | 'draft'
  | 'protocol'
  | 'not_ready'
  | 'render'
  | 'timeout'
  | 'cancelled'
  | 'export_option'
  | 'invalid_input'
  | 'no_preview'
  | 'not_initialised';

/** Every error the packages throw. */
export class I2vError extends Error {
  /** The protocol code (1001, 2001, 4001…, or the HTTP status), when there is one. */
  readonly code: number | null;
  readonly kind: ErrorKind;
  /** Where an anonymous user registers to get more credits or unlock export. */
  readonly bindUrl: string | null;
  /** The accepted formats, for a file of the wrong type. */
  readonly acceptedFormats: string[] | null;
  /** The size limit, for a file that is too large. */
  readonly maxBytes: number | null;
  /** How long to wait, when rate limited. */
  readonly retryAfterMs: number | null;
  /** The export option refused, the value asked for and what can be asked for instead. */
  readonly option: {
    name: 'format' | 'resolution' | 'fps' | 'quality';
    value: string;
    accepted: string[];
    /** What narrows the choice, when another option does: `'a gif'`, `'a preview'`. */
    with: string | null;
  } | null;
  /** The HTTP status of the answer the call failed on, when it failed on one. */
  readonly status: number | null;
  /** The server's id of the request that failed, when it sent one. */
  readonly requestId: string | null;
  /** For a network failure: an `Error` with what the network said. */
  readonly cause?: unknown;
}
/** `auth`, `client_id`: the token was rejected or the client id was missing. */
export class AuthError extends I2vError {}
/** `session`: the session expired. */
export class SessionError extends I2vError {}
/** `credits`, `export_blocked`: out of credits, or export needs a plan. */
export class CreditsError extends I2vError {}
/** `file_type`, `file_size`: a file was refused. */
export class FileError extends I2vError {}
/** `rate_limited`: wait `retryAfterMs`. */
export class RateLimitError extends I2vError {}
/** `network`, `disconnected`, `stream`: the connection or the stream failed. */
export class NetworkError extends I2vError {}
/** `agent`: the agent reported a failure. */
export class AgentError extends I2vError {}
/** `render`, `not_ready`, `export_option`: the export could not be made (as asked). */
export class RenderError extends I2vError {}
/** `draft`: a draft broke the format; the message names the JSON path. */
export class DraftError extends I2vError {}
/** `timeout`: waiting ran out. */
export class TimeoutError extends I2vError {}
/** `cancelled`: the `AbortSignal` fired. Its `name` is `AbortError`. */
export class AbortError extends I2vError {}
/** `api`, `protocol`, `invalid_input`, `no_preview`, `not_initialised` (see `init`): anything
 * else. */
export class ApiError extends I2vError {}
