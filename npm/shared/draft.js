// `Draft`: a compact draft timeline as the core parsed it, and the pure helpers over drafts.

import { errorFromFields, fromThrown } from './errors.js';

const fromNative = Symbol('i2v.draft');

// How a draft is read as frames: set once by the package's entry (`makeApi`), which knows the
// native module.
let readTimeline = null;

/** Gives `Draft.timeline()` its reader (`makeTimelineReader`). */
export function setTimelineReader(reader) {
  readTimeline = reader;
}

/** The `ok` of a native reply (`{ ok }` or `{ error }`), or its error thrown as an `I2vError`. */
export function unwrap(result) {
  if (result instanceof Error) throw result;
  if (result.error) throw errorFromFields(result.error);
  return result.ok;
}

/** A compact draft timeline (`docs/PROTOCOL.md` §5), every unknown key kept. */
export class Draft {
  #value;
  #summary;
  #exportReady;
  #durationMs;
  #layout;

  /** Made by `parseDraft` and by the client, from the draft object the core describes. */
  constructor(token, wire) {
    if (token !== fromNative) throw new TypeError('use parseDraft() to make a Draft');
    this.#value = wire.value;
    this.#summary = wire.summary;
    this.#exportReady = wire.exportReady;
    this.#durationMs = wire.durationMs ?? null;
    this.#layout = wire.layout ?? { tracks: [], durationMs: 0 };
  }

  /** The track summary a person reads. */
  summary() {
    return this.#summary;
  }

  /** Whether there is something to render. */
  isExportReady() {
    return this.#exportReady;
  }

  /** The timeline's length in ms, when it has one. */
  get durationMs() {
    return this.#durationMs;
  }

  /** The tracks laid out in time, read by the core's rules (roles, labels, spans, transitions). */
  layout() {
    return this.#layout;
  }

  /** The draft read as frames onto `canvas` (1920x1080 at 30 fps unless given): what each
   * frame shows, as the renderer makes it. Throws an `I2vError` where the draft cannot play. */
  timeline(canvas) {
    if (readTimeline === null) throw new TypeError('draft.timeline() needs the package entry loaded');
    return readTimeline(this.#value, canvas);
  }

  /** The draft as JSON, as it was given. */
  toJSON() {
    return this.#value;
  }
}

/** A `Draft` from the core's draft object, or null. */
export function draftFromWire(wire) {
  return wire == null ? null : new Draft(fromNative, wire);
}

/** A draft's JSON text, from a Draft, its JSON text, or its value. */
function draftText(draft) {
  if (draft instanceof Draft) return JSON.stringify(draft.toJSON());
  if (typeof draft === 'string') return draft;
  if (draft !== null && typeof draft === 'object') return JSON.stringify(draft);
  throw new TypeError('a draft is a Draft, its JSON text, or its JSON value');
}

/** The draft helpers over a native module. */
export function makeDraftHelpers(native, loader) {
  return {
    parseDraft(json) {
      if (json instanceof Draft) return json;
      loader.check('parseDraft()');
      try {
        return draftFromWire(unwrap(native.parseDraft(draftText(json))));
      } catch (thrown) {
        throw fromThrown(thrown);
      }
    },
    diffDrafts(before, after) {
      loader.check('diffDrafts()');
      try {
        return unwrap(native.diffDrafts(draftText(before), draftText(after)));
      } catch (thrown) {
        throw fromThrown(thrown);
      }
    },
  };
}
