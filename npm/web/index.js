// @i2v/web: the contract of `index.d.ts` over the wasm build of the i2v core.
import * as native from './native.js';
import * as platform from './platform.js';
import { makeApi } from './shared/api.js';
export const { init, initPreview, Client, Draft, Timeline, SseParser, parseDraft, diffDrafts, routeIntent, translateGui, checkExportOptions,
  I2vError,
  AuthError, SessionError, CreditsError, FileError, RateLimitError, NetworkError, AgentError, RenderError,
  DraftError, TimeoutError, AbortError, ApiError } = makeApi(native, platform);
// The browser's own: the live preview of a draft on a <canvas> (preview.d.ts).
export { Preview } from './preview.js';
// …and a video made in the page itself: WebCodecs and mediabunny, no server (preview/export.js).
export { exportVideo, exportFormats } from './preview/export.js';
