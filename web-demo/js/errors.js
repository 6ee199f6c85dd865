// What an error means for a person: a sentence, whether trying again can help, and where to go
// when it cannot (registering for credits). Keyed on the contract's stable `kind`, never on
// message text, so the wording here does not depend on what the backend happens to say.

import { formatBytes } from './dom.js';

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
  switch (kind) {
    case 'network':
    case 'disconnected':
    case 'stream':
      return { ...base, title: 'The connection to the studio dropped.', detail: 'Check that the studio is still running, then try again.' };
    case 'timeout':
      return { ...base, title: 'This is taking much longer than it should.', detail: 'The studio stopped answering in time.' };
    case 'rate_limited':
      return { ...base, title: 'Too many requests just now.', detail: waitText(error.retryAfterMs) };
    case 'credits':
      return { ...base, title: 'There are not enough credits for this.', detail: 'Register (it is free) to get more and keep editing. Your project stays as it is.', bindUrl: error.bindUrl ?? null };
    case 'export_blocked':
      return { ...base, title: 'Exporting needs a registered account.', detail: 'Register to unlock export; your project stays as it is.', bindUrl: error.bindUrl ?? null };
    case 'file_type':
      return { ...base, title: 'This kind of file cannot be used.', detail: acceptedText(error.acceptedFormats) };
    case 'file_size':
      return { ...base, title: 'This file is too large.', detail: error.maxBytes ? `The limit is ${formatBytes(error.maxBytes)} per file.` : '' };
    case 'auth':
    case 'client_id':
      return { ...base, title: 'The studio did not accept this browser’s key.', detail: 'Start a new project to get a fresh one.' };
    case 'session':
      return { ...base, title: 'This project has expired.', detail: 'Start a new project to carry on.' };
    case 'agent':
      return { ...base, title: 'The editor could not do that.', detail: message, retry: true };
    case 'not_ready':
      return { ...base, title: 'There is nothing to export yet.', detail: 'Ask for a video first, then export it.' };
    case 'render':
      return { ...base, title: 'The video could not be rendered.', detail: message, retry: true };
    case 'draft':
      return { ...base, title: 'The timeline came back damaged.', detail: message };
    case 'cancelled':
      return { ...base, title: 'Stopped.' };
    case 'invalid_input':
      return { ...base, title: 'That input was not understood.', detail: message };
    default:
      return { ...base, title: 'Something went wrong.', detail: message };
  }
}

/** Whether `error` is the caller's own cancellation, which needs no message. */
export function isCancel(error) {
  return error?.kind === 'cancelled' || error?.name === 'AbortError';
}

/** The wait as a person says it: seconds, then about so many minutes, hours or days. */
function waitText(ms) {
  if (!Number.isFinite(ms) || ms <= 0) return 'Wait a little, then try again.';
  const seconds = Math.max(1, Math.ceil(ms / 1000));
  const [count, unit] =
    seconds <= 90 ? [seconds, 'second']
    : seconds < 5400 ? [Math.ceil(seconds / 60), 'minute']
    : seconds < 129600 ? [Math.ceil(seconds / 3600), 'hour']
    : [Math.ceil(seconds / 86400), 'day'];
  return `Wait about ${count} ${unit}${count === 1 ? '' : 's'}, then try again.`;
}

/** "Accepted: JPG, PNG, …" from the backend's list, or the page's own. */
export function acceptedText(formats) {
  const list = Array.isArray(formats) && formats.length ? formats : ['jpg', 'png', 'webp', 'heic', 'gif'];
  return `Accepted: ${list.map((f) => String(f).toUpperCase()).join(', ')}.`;
}
