// The package's API, from the shared shell over the addon. Not an entry point itself:
// scripts/build-node.sh bundles it into `index.cjs`, which both entries load (`require` directly,
// `import` through `index.js`), so a program that uses both gets one set of classes.
import * as native from './native.js';
import * as platform from './platform.js';
import { makeApi } from './shared/api.js';
export const { init, initPreview, Client, Draft, Timeline, SseParser, parseDraft, diffDrafts, routeIntent, translateGui, checkExportOptions,
  I2vError,
  AuthError, SessionError, CreditsError, FileError, RateLimitError, NetworkError, AgentError, RenderError,
  DraftError, TimeoutError, AbortError, ApiError } = makeApi(native, platform);
