// The ES module entry: the same objects as `require('@i2v/node')` (index.cjs, built from main.js
// by scripts/build-node.sh), so `instanceof` holds across both.
import api from './index.cjs';

export const { init, initPreview, Client, Draft, Timeline, SseParser, parseDraft, diffDrafts, routeIntent, translateGui, checkExportOptions,
  I2vError,
  AuthError, SessionError, CreditsError, FileError, RateLimitError, NetworkError, AgentError, RenderError,
  DraftError, TimeoutError, AbortError, ApiError } = api;
