// What an error means for a person: a sentence, whether trying again can help, and where to go
// when it cannot (getting more credits), in the page's language (./strings/). Keyed on the
// contract's stable `kind`, never on message text, so the wording here does not depend on what
// the backend happens to say.

import { formatBytes } from './dom.js';
import { t } from './strings.js';

/** The kinds where the same request may well work a moment later. */
const RETRYABLE = new Set(['network', 'disconnected', 'stream', 'timeout', 'rate_limited', 'api']);

/**
 * Describes `error` (an `I2vError`, or anything thrown) for a person.
 * Returns `{ kind, title, detail, retry, bindUrl }`; `detail` may be empty.
 */
export function describeError(error) {
  const kind = typeof error?.kind === 'string' ? error.kind : 'unknown';
  const message = typeof error?.message === 'string' ? error.message : String(error);
  const base = { kind, detail: '', retry: RETRYABLE.has(kind), bindUrl: null };
  const said = (key, detail = '') => ({ ...base, title: t(`error.${key}`), detail });
  switch (kind) {
    case 'network':
    case 'disconnected':
    case 'stream':
      return said('connection', t('error.connectionDetail'));
    case 'timeout':
      return said('timeout', t('error.timeoutDetail'));
    case 'rate_limited':
      return said('rateLimited', waitText(error.retryAfterMs));
    case 'credits':
      return { ...said('credits', t('error.creditsDetail')), bindUrl: error.bindUrl ?? null };
    case 'export_blocked':
      return { ...said('exportBlocked', t('error.exportBlockedDetail')), bindUrl: error.bindUrl ?? null };
    case 'file_type':
      return said('fileType', acceptedText(error.acceptedFormats));
    case 'file_size':
      return said('fileSize', error.maxBytes ? t('error.fileSizeDetail', { limit: formatBytes(error.maxBytes) }) : '');
    case 'auth':
    case 'client_id':
      return said('auth', t('error.authDetail'));
    case 'session':
      return said('session', t('error.sessionDetail'));
    case 'agent':
      return { ...said('agent', message), retry: true };
    case 'not_ready':
      return said('notReady', t('error.notReadyDetail'));
    case 'render':
      return { ...said('render', message), retry: true };
    case 'draft':
      return said('draft', message);
    case 'cancelled':
      return said('cancelled');
    case 'invalid_input':
      return said('invalidInput', message);
    default:
      return said('unknown', message);
  }
}

/** Whether `error` is the caller's own cancellation, which needs no message. */
export function isCancel(error) {
  return error?.kind === 'cancelled' || error?.name === 'AbortError';
}

/** The wait as a person says it: seconds, then about so many minutes, hours or days. */
function waitText(ms) {
  if (!Number.isFinite(ms) || ms <= 0) return t('error.waitALittle');
  const seconds = Math.max(1, Math.ceil(ms / 1000));
  const [count, unit] =
    seconds <= 90 ? [seconds, 'Seconds']
    : seconds < 5400 ? [Math.ceil(seconds / 60), 'Minutes']
    : seconds < 129600 ? [Math.ceil(seconds / 3600), 'Hours']
    : [Math.ceil(seconds / 86400), 'Days'];
  return t(`error.wait${unit}${count === 1 ? 'One' : ''}`, { count });
}

/** "Accepted: JPG, PNG, …" from the backend's list, or the page's own. */
export function acceptedText(formats) {
  const list = Array.isArray(formats) && formats.length ? formats : ['jpg', 'png', 'webp', 'heic', 'gif'];
  return t('error.accepted', { formats: list.map((f) => String(f).toUpperCase()).join(', ') });
}
