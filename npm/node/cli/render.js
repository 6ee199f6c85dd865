// A project rendered, kept track of across runs: the render's id is remembered with the session
// as soon as the backend has it, so that when the person stops waiting (Ctrl-C) the next
// `i2v export` picks up that same render instead of submitting another, as long as the project
// is still what it rendered (and a render that finished gives its video again).
//
// Ctrl-C while a render runs on a backend that outlives this process (NEMO_API_URL) stops the
// waiting only: the render goes on. Anywhere else (before the backend has the render, or with a
// local studio, which stops with the CLI) it cancels, as the SDK does for an aborted call.

import { createHash } from 'node:crypto';

import { checkExportOptions } from '../index.js';
import { recallRender, rememberRender } from './memory.js';
import { say } from './messages.js';

/** The person stopped waiting for a render that goes on; `again` picks it up. */
export class Detached extends Error {
  constructor(renderId, again) {
    super(say('detached', { id: renderId, again }));
    this.renderId = renderId;
  }
}

/** The person stopped a render that could not go on without this process (a local studio's). */
export class Stopped extends Error {
  constructor(again) {
    super(say('stopped', { again }));
  }
}

/**
 * What a render of `state` with `options` in session `sessionId` makes, as a short key: two
 * renders with one key make the same video (the draft exactly as the state holds it, the
 * canvas, and the output as the SDK asks for it: container, resolution, frame rate, quality).
 */
export function renderKey(sessionId, state, options) {
  const { format, resolution, fps, quality } = checkExportOptions(options);
  const made = [sessionId, state.draft?.toJSON() ?? null, state.canvas, format, resolution, fps, quality];
  return createHash('sha256').update(JSON.stringify(made)).digest('hex').slice(0, 32);
}

/** Whether a render picked up again is beyond picking up: failed, cancelled, unknown or expired. */
function gone(error) {
  return error?.kind === 'render' || error?.status === 404 || error?.status === 410;
}

/**
 * Runs `start(signal, onProgress)` (an SDK export call) until it settles, remembering the
 * render's id under `memory` once it is known. On `interrupt` it either cancels the call
 * (through its own signal; with `Stopped` once the render was submitted) or, when `detachable`
 * and the id is known, leaves the render running and rejects with `Detached`.
 */
function follow(start, { renderId, interrupt, detachable, again, remember, onProgress }) {
  const call = new AbortController();
  return new Promise((resolve, reject) => {
    let stopped = false;
    const onInterrupt = () => {
      if (detachable && renderId) {
        reject(new Detached(renderId, again));
        return;
      }
      // Cancelled through the SDK, which tells the backend before the call ends.
      stopped = Boolean(renderId && again);
      call.abort(interrupt.reason);
    };
    const report = (progress) => {
      if (progress.renderId && progress.renderId !== renderId) {
        renderId = progress.renderId;
        remember?.(renderId);
      }
      onProgress?.(progress);
    };
    interrupt?.addEventListener('abort', onInterrupt, { once: true });
    if (interrupt?.aborted) onInterrupt();
    Promise.resolve()
      .then(() => start(call.signal, report))
      .then(resolve, (error) => reject(stopped ? new Stopped(again) : error))
      .finally(() => interrupt?.removeEventListener('abort', onInterrupt));
  });
}

/**
 * Renders the project `client` works in (connected or resumed) and resolves to the SDK's
 * `ExportResult`.
 *
 * - `memory`: the backend's key to remember the render under (null: not remembered, as for a
 *   batch's jobs); with `resume`, a render remembered for the same session and key is picked up
 *   (`resumeExport`) before a new one is submitted.
 * - `interrupt`: Ctrl-C; `detachable`: whether a render outlives this process.
 * - `exportOptions`: `{ format, resolution, fps, quality }`; `again`: the command that picks the
 *   render up.
 * - `note(line)`: a line for the person; `onProgress`: the SDK's `ExportProgress` reports.
 */
export async function renderProject(client, options) {
  const { memory = null, resume = false, interrupt, exportOptions = {}, note, onProgress } = options;
  const sessionId = client.session?.sessionId;
  const state = await client.state({ signal: interrupt });
  const key = renderKey(sessionId, state, exportOptions);
  const remember = (renderId, done = false) => {
    if (memory) rememberRender(memory, { sessionId, renderId, key, done });
  };
  const shared = { interrupt, detachable: options.detachable, again: options.again, remember, onProgress };
  /** Follows one SDK call; what it leaves is remembered (done) or forgotten (cancelled here). */
  const run = async (start, renderId) => {
    try {
      const result = await follow(start, { ...shared, renderId });
      remember(result.renderId, true);
      return result;
    } catch (error) {
      if (memory && interrupt?.aborted && !(error instanceof Detached)) rememberRender(memory, null);
      throw error;
    }
  };

  const earlier = memory && resume ? recallRender(memory) : null;
  if (earlier && earlier.sessionId === sessionId && earlier.key === key) {
    note?.(say(earlier.done ? 'madeEarlier' : 'resuming', { id: earlier.renderId }));
    try {
      return await run(
        (signal, report) => client.resumeExport(earlier.renderId, { signal, onProgress: report }),
        earlier.renderId,
      );
    } catch (error) {
      if (!gone(error) || interrupt?.aborted) throw error;
      note?.(say('resumeFailed', { id: earlier.renderId, reason: error.message }));
      rememberRender(memory, null);
    }
  }
  return run((signal, report) => client.export({ ...exportOptions, signal, onProgress: report }), null);
}
