// The public API of `@i2v/node` and `@i2v/web` (`index.d.ts`), over a binding's native module
// and platform. Each package's entry calls `makeApi` once and exports what it returns.

import { makeClientClass } from './client.js';
import { Draft, makeDraftHelpers, setTimelineReader } from './draft.js';
import { Timeline, makeTimelineReader } from './timeline.js';
import { nativeExportOptions } from './client.js';
import { unwrap } from './draft.js';
import { errorClasses, fromThrown, notInitialisedError } from './errors.js';

/**
 * How the shell waits for a native module that loads asynchronously (@i2v/web's `.wasm`):
 * `ready()` before every asynchronous call, `check(what)` before a synchronous one, which throws
 * until it is loaded. A module without `ready` (@i2v/node's addon) is loaded on import.
 */
function loaderOf(native) {
  const isReady = native.isReady ?? (() => true);
  const isPreviewReady = native.isPreviewReady ?? (() => true);
  return {
    init: native.init ?? (async () => {}),
    ready: native.ready ?? (async () => {}),
    initPreview: native.initPreview ?? (async () => {}),
    isReady,
    check(what) {
      if (!isReady()) throw notInitialisedError(what);
    },
    /** Throws until the preview's module (@i2v/web's second `.wasm`) is loaded. */
    checkPreview(what) {
      if (!isPreviewReady()) throw notInitialisedError(what, 'initPreview');
    },
  };
}

/** The contract's exports for one binding. */
export function makeApi(native, platform) {
  const loader = loaderOf(native);
  const { parseDraft, diffDrafts } = makeDraftHelpers(native, loader);
  setTimelineReader(makeTimelineReader(native, loader));

  /** A WHATWG event-stream parser fed chunk by chunk. */
  class SseParser {
    #inner;

    constructor(maxBufferedBytes) {
      if (maxBufferedBytes !== undefined && !(Number.isInteger(maxBufferedBytes) && maxBufferedBytes > 0)) {
        throw new TypeError('maxBufferedBytes must be a positive integer');
      }
      loader.check('new SseParser()');
      this.#inner =
        maxBufferedBytes === undefined
          ? new native.SseParser()
          : new native.SseParser(maxBufferedBytes);
    }

    /** The events completed by this chunk. */
    feed(chunk) {
      if (typeof chunk !== 'string' && !(chunk instanceof Uint8Array)) {
        throw new TypeError('feed() takes a Uint8Array or a string');
      }
      try {
        return this.#inner.feed(chunk);
      } catch (thrown) {
        throw fromThrown(thrown);
      }
    }

    /** Ends the stream; an unterminated final event is discarded. */
    finish() {
      return this.#inner.finish();
    }

    /** Forgets everything, for a new stream. */
    reset() {
      this.#inner.reset();
    }

    /** The last event id seen. */
    get lastEventId() {
      return this.#inner.lastEventId;
    }

    /** The reconnection time the stream asked for, in ms. */
    get retry() {
      return this.#inner.retry ?? null;
    }
  }

  return {
    /** Loads the native module now (or names where the `.wasm` is); later calls do nothing. */
    init(options = {}) {
      if (options === null || typeof options !== 'object') {
        throw new TypeError('init() takes { wasm }');
      }
      return loader.init(options).then(() => undefined);
    },
    /** Loads the live preview's module (`Draft.timeline`); @i2v/node has it built in. */
    initPreview(options = {}) {
      if (options === null || typeof options !== 'object') {
        throw new TypeError('initPreview() takes { wasm }');
      }
      return loader.initPreview(options).then(() => undefined);
    },
    Client: makeClientClass(native, platform, loader),
    Draft,
    Timeline,
    SseParser,
    parseDraft,
    diffDrafts,
    routeIntent(text) {
      if (typeof text !== 'string') throw new TypeError('routeIntent() takes a string');
      loader.check('routeIntent()');
      return native.routeIntent(text);
    },
    checkExportOptions(options = {}) {
      loader.check('checkExportOptions()');
      return unwrap(native.checkExportOptions(nativeExportOptions(options)));
    },
    translateGui(text) {
      if (typeof text !== 'string') throw new TypeError('translateGui() takes a string');
      loader.check('translateGui()');
      return native.translateGui(text);
    },
    ...errorClasses,
  };
}
