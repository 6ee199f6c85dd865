// An error as the person reads it: one line (or a few), in plain words, with what they can do.

import { I2vError } from '../index.js';
import { say } from './messages.js';

/** `error` in plain words, with a hint where there is one (register, wait). */
export function explain(error) {
  if (error instanceof I2vError) {
    if (error.kind === 'cancelled') return say('cancelled');
    const hints = [];
    if (error.bindUrl && !error.message.includes(error.bindUrl)) hints.push(`register at ${error.bindUrl}`);
    if (error.retryAfterMs && !/try again/.test(error.message)) hints.push(`try again in ${Math.ceil(error.retryAfterMs / 1000)} s`);
    return hints.length ? `${error.message} (${hints.join('; ')})` : error.message;
  }
  if (error?.name === 'AbortError') return say('cancelled');
  return error?.message ?? String(error);
}
