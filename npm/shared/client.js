// `Client`: the contract's client over a binding's `NativeClient`.
//
// The native side makes every decision; this shell only numbers calls (so an `AbortSignal` can
// cancel one), turns replies (`{ ok }` or `{ error }` objects, made by the binding's serde
// support) into values or `I2vError`s, wraps drafts, and presents turns as async iterables.

import { abortError, errorFromFields, fromThrown } from './errors.js';
import { draftFromWire, unwrap } from './draft.js';
import { TurnStream } from './turn.js';

const TIMING_KEYS = [
  'stillWorkingAfterMs',
  'stillWorkingEveryMs',
  'heartbeatTimeoutMs',
  'disconnectFirstWaitMs',
  'disconnectNextWaitMs',
  'disconnectMaxPolls',
  'exportPollIntervalMs',
  'exportMaxPolls',
  'retryAttempts',
  'retryBaseBackoffMs',
  'retryMaxBackoffMs',
  'rateLimitMaxWaitMs',
  'requestTimeoutMs',
];

/** The `config` object the native constructor reads, from resolved options. */
function nativeConfig(resolved, seed) {
  const timing = {};
  for (const key of TIMING_KEYS) {
    const value = resolved.timing?.[key];
    if (value === undefined || value === null) continue;
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
      throw new TypeError(`timing.${key} must be a number of at least 0`);
    }
    timing[key] = value;
  }
  return {
    apiUrl: resolved.apiUrl ?? null,
    webUrl: resolved.webUrl ?? null,
    token: resolved.token ?? null,
    clientId: resolved.clientId ?? null,
    attribution: resolved.attribution ?? {},
    language: resolved.language ?? null,
    locales: resolved.locales ?? [],
    timeout: resolved.timeout ?? null,
    maxRetries: resolved.maxRetries ?? null,
    timing,
    seed,
  };
}

/**
 * The `{format, resolution, fps, quality}` object the native side reads: the values as given
 * (words or numbers), since what they mean, and which are in the output contract, is the core's
 * to say, the same in every package.
 */
export function nativeExportOptions(options) {
  if (options === null || typeof options !== 'object') {
    throw new TypeError('the export options must be an object');
  }
  const { format, resolution, fps, quality } = options;
  return {
    format: format ?? null,
    resolution: resolution ?? null,
    fps: fps ?? null,
    quality: quality ?? null,
  };
}

/** A state with its draft wrapped. */
function liftState(state) {
  return { ...state, draft: draftFromWire(state.draft) };
}

/** A turn's outcome with its draft wrapped. */
function liftTurnOutcome(outcome) {
  return { ...outcome, draft: draftFromWire(outcome.draft) };
}

/** A send outcome with its drafts wrapped. */
function liftSendOutcome(outcome) {
  switch (outcome.type) {
    case 'chat':
      return { ...outcome, outcome: liftTurnOutcome(outcome.outcome) };
    case 'state':
      return { ...outcome, state: liftState(outcome.state) };
    default:
      return outcome;
  }
}

/** A turn event with its drafts wrapped. */
function liftEvent(event) {
  switch (event.type) {
    case 'draft':
      return { ...event, draft: draftFromWire(event.draft) };
    case 'state':
      return { ...event, state: liftState(event.state) };
    default:
      return event;
  }
}

function checkSignal(signal) {
  if (signal !== undefined && signal !== null && typeof signal.aborted !== 'boolean') {
    throw new TypeError('signal must be an AbortSignal');
  }
}

/** The caller's logger as `(line) => void`: a function, or an object with `debug` (a console). */
function logFunction(logger) {
  if (logger === undefined || logger === null) return null;
  if (typeof logger === 'function') return (line) => logger(line);
  if (typeof logger.debug === 'function') return (line) => logger.debug(line);
  throw new TypeError('logger must be a function or have a debug method');
}

/**
 * The `Client` class over a binding's native module and platform. Where the native module loads
 * asynchronously (`loader`, see api.js), a client made before it is loaded makes its native
 * client on its first call; its synchronous members answer what they can without one.
 */
export function makeClientClass(native, platform, loader) {
  return class Client {
    #native = null;
    #config;
    #nextOp = 1;
    #options;
    #persistedClientId;

    constructor(options = {}) {
      if (options === null || typeof options !== 'object') {
        throw new TypeError('options must be an object');
      }
      this.#options = options;
      const resolved = platform.resolveOptions(options);
      this.#config = [nativeConfig(resolved, platform.randomSeed()), logFunction(resolved.logger)];
      if (loader.isReady()) this.#open();
    }

    /** Makes the native client (once the native module is loaded). */
    #open() {
      try {
        this.#native = new native.NativeClient(...this.#config);
      } catch (thrown) {
        throw fromThrown(thrown);
      }
      this.#rememberClientId();
    }

    /** The native client, made now if the module is loaded; null if it is not. */
    #nativeNow() {
      if (this.#native === null && loader.isReady()) this.#open();
      return this.#native;
    }

    /** The native client, for a synchronous member that cannot answer without it. */
    #nativeOrThrow(what) {
      if (this.#nativeNow() === null) loader.check(what);
      return this.#native;
    }

    /** The native client, loading the native module first when it must. */
    async #nativeReady() {
      if (this.#native === null) {
        await loader.ready();
        this.#nativeNow();
      }
      return this.#native;
    }

    /** Persists the client id when it is new (the core may generate one on a 400). */
    #rememberClientId() {
      const id = this.#native.clientId();
      if (id !== this.#persistedClientId) {
        this.#persistedClientId = id;
        platform.persistClientId(id, this.#options);
      }
    }

    /** The client id in use. */
    get clientId() {
      return this.#nativeOrThrow('client.clientId').clientId();
    }

    // Before the native client exists no call has run: no session, draft or link yet.

    /** The current session, once connected. */
    get session() {
      return this.#nativeNow()?.session() ?? null;
    }

    /** The last draft the client saw. */
    get lastDraft() {
      const client = this.#nativeNow();
      return client ? draftFromWire(client.lastDraft()) : null;
    }

    /** The registration link for an anonymous user, when known. */
    get bindUrl() {
      return this.#nativeNow()?.bindUrl() ?? null;
    }

    /** Works in a session made earlier instead of a new one. */
    resume(session) {
      if (session === null || typeof session !== 'object') {
        throw new TypeError('resume() takes a session: { taskId, sessionId, bindId }');
      }
      const error = this.#nativeOrThrow('client.resume()').resume(session);
      if (error) throw errorFromFields(error);
    }

    /** Gives op `op` the call's own options (its `timeout`) before it starts. */
    #prepare(op, timeout) {
      if (timeout === undefined || timeout === null) return;
      const error = this.#native.callOptions(op, { timeoutMs: timeout });
      if (error) throw errorFromFields(error);
    }

    /** Runs a call that answers with one reply. */
    async #call({ signal, timeout }, start) {
      checkSignal(signal);
      if (signal?.aborted) throw abortError(signal);
      await this.#nativeReady();
      if (signal?.aborted) throw abortError(signal);
      const op = this.#nextOp++;
      this.#prepare(op, timeout);
      const onAbort = () => this.#native.abort(op);
      signal?.addEventListener('abort', onAbort, { once: true });
      try {
        return unwrap(await start(op));
      } catch (thrown) {
        throw this.#explain(thrown, signal);
      } finally {
        signal?.removeEventListener('abort', onAbort);
        this.#rememberClientId();
      }
    }

    /**
     * Runs a call that reports through `emit`: `onMessage(message)` for each message before the
     * last, which is `{ end: result }`. A throwing `onMessage` cancels the call with its error.
     */
    async #stream(options, start, onMessage) {
      if (this.#native === null) {
        checkSignal(options.signal);
        await this.#nativeReady();
      }
      return this.#streamNow(options, start, onMessage);
    }

    /** `#stream` once the native client exists. */
    #streamNow({ signal, timeout }, start, onMessage) {
      return new Promise((resolve, reject) => {
        checkSignal(signal);
        if (signal?.aborted) {
          reject(abortError(signal));
          return;
        }
        const op = this.#nextOp++;
        try {
          this.#prepare(op, timeout);
        } catch (error) {
          reject(error);
          return;
        }
        const onAbort = () => this.#native.abort(op);
        signal?.addEventListener('abort', onAbort, { once: true });
        let settled = false;
        const settle = (error, value) => {
          if (settled) return;
          settled = true;
          signal?.removeEventListener('abort', onAbort);
          this.#rememberClientId();
          if (error) reject(this.#explain(error, signal));
          else resolve(value);
        };
        const emit = (message) => {
          if (settled || message === null || typeof message !== 'object') return;
          if ('end' in message) {
            try {
              settle(null, unwrap(message.end));
            } catch (error) {
              settle(error);
            }
            return;
          }
          try {
            onMessage(message);
          } catch (error) {
            this.#native.abort(op);
            settle(error);
          }
        };
        Promise.resolve()
          .then(() => start(op, emit))
          .catch((error) => settle(error));
      });
    }

    /** An error as the caller should see it: cancellation by the caller's own signal names it. */
    #explain(thrown, signal) {
      const error = fromThrown(thrown);
      if (error?.kind === 'cancelled' && signal?.aborted && error.cause === undefined) {
        return abortError(signal);
      }
      return error;
    }

    /** A turn (`send` or `chat`) as a TurnStream. */
    #turn({ signal, timeout }, start, lift) {
      checkSignal(signal);
      // The turn's own controller: the caller's signal aborts it, and so does leaving the loop.
      const controller = new AbortController();
      const onOuterAbort = () => controller.abort(signal.reason);
      if (signal?.aborted) controller.abort(signal.reason);
      else signal?.addEventListener('abort', onOuterAbort, { once: true });
      return new TurnStream(
        (push) =>
          this.#stream({ signal: controller.signal, timeout }, start, (message) => {
            if (message.event) push(liftEvent(message.event));
          })
            .then(lift)
            .finally(() => signal?.removeEventListener('abort', onOuterAbort)),
        () => controller.abort(),
      );
    }

    /** Gets a token when needed and creates the session. */
    connect({ signal, timeout } = {}) {
      return this.#call({ signal, timeout }, (op) => this.#native.connect(op));
    }

    /** The link that opens the project in the web app. */
    claimUrl({ signal, timeout } = {}) {
      return this.#call({ signal, timeout }, (op) => this.#native.claimUrl(op));
    }

    /** The credit balance. */
    credits({ signal, timeout } = {}) {
      return this.#call({ signal, timeout }, (op) => this.#native.credits(op));
    }

    /** The project's state, its draft parsed. */
    async state({ signal, timeout } = {}) {
      return liftState(await this.#call({ signal, timeout }, (op) => this.#native.state(op)));
    }

    /** Uploads files, streamed; type and size are checked before a byte is sent. */
    async upload(files, { signal, timeout, onProgress } = {}) {
      if (!Array.isArray(files)) throw new TypeError('upload() takes an array of files');
      const nativeFiles = await platform.toNativeFiles(files);
      return this.#stream(
        { signal, timeout },
        (op, emit) => this.#native.upload(op, nativeFiles, emit),
        (message) => {
          if (message.progress) onProgress?.(message.progress);
        },
      );
    }

    /** Has the backend fetch media from URLs. */
    uploadUrls(urls, { signal, timeout } = {}) {
      if (!Array.isArray(urls) || urls.some((url) => typeof url !== 'string')) {
        throw new TypeError('uploadUrls() takes an array of URL strings');
      }
      return this.#call({ signal, timeout }, (op) =>
        this.#native.uploadUrls(op, urls),
      );
    }

    /**
     * The preview of a draft's `src` (an upload's media id or `library:<key>`) as a `Blob` of its
     * type: a picture any browser decodes, or a sound it plays. The native side answers
     * `[bytes, contentType]`, or the error's reply.
     */
    async previewMedia(src, { signal, timeout } = {}) {
      if (typeof src !== 'string') throw new TypeError('previewMedia() takes a src string');
      const [bytes, type] = await this.#call({ signal, timeout }, async (op) => {
        const answer = await this.#native.previewMedia(op, src);
        return Array.isArray(answer) ? { ok: answer } : answer;
      });
      return new Blob([bytes], { type });
    }

    /** Renders the current draft (as `format`, `resolution`, `fps`, `quality`) and waits for the video. */
    export(options = {}) {
      const native = nativeExportOptions(options);
      const { onProgress, signal, timeout } = options;
      return this.#stream(
        { signal, timeout },
        (op, emit) => this.#native.export(op, native, emit),
        (message) => {
          if (message.progress) onProgress?.(message.progress);
        },
      );
    }

    /** Keeps polling a render submitted earlier. */
    resumeExport(renderId, { onProgress, signal, timeout } = {}) {
      if (typeof renderId !== 'string') throw new TypeError('resumeExport() takes a render id');
      return this.#stream(
        { signal, timeout },
        (op, emit) => this.#native.resumeExport(op, renderId, emit),
        (message) => {
          if (message.progress) onProgress?.(message.progress);
        },
      );
    }

    /** Handles what a person typed and attached. */
    send(text, { files, signal, timeout } = {}) {
      if (typeof text !== 'string') throw new TypeError('send() takes the text as a string');
      if (files !== undefined && !Array.isArray(files)) {
        throw new TypeError('files must be an array');
      }
      return this.#turn(
        { signal, timeout },
        async (op, emit) => {
          const nativeFiles = await platform.toNativeFiles(files ?? []);
          return this.#native.send(op, text, nativeFiles, emit);
        },
        liftSendOutcome,
      );
    }

    /** Runs one chat turn. */
    chat(text, { signal, timeout } = {}) {
      if (typeof text !== 'string') throw new TypeError('chat() takes the text as a string');
      return this.#turn(
        { signal, timeout },
        (op, emit) => this.#native.chat(op, text, emit),
        (outcome) => ({ type: 'chat', outcome: liftTurnOutcome(outcome) }),
      );
    }
  };
}
