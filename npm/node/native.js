// Loads the native addon that scripts/build-node.sh puts beside this file.

import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const file = `./i2v-node.${process.platform}-${process.arch}.node`;

let addon;
try {
  addon = require(file);
} catch (error) {
  throw new Error(
    `@i2v/node: the native addon ${file} could not be loaded (build it with scripts/build-node.sh): ${error.message}`,
    { cause: error },
  );
}

export const { NativeClient, routeIntent, parseDraft, diffDrafts, translateGui,
  checkExportOptions } = addon;

// The lengths table's special entries (i2v-sse's `packed` module; the browser build's
// `sse_events.js` reads the same layout out of wasm memory).
const SAME = 0xffffffff;
const LARGE = 0xfffffffe;
const UTF16 = 0x80000000;

/**
 * The addon's parser with the contract's `feed`: the addon hands over a chunk's events packed,
 * in one crossing (`[ascii, utf16, table, ...large]`), and the objects are made here, where
 * making them is cheap; strings are slices of the two runs.
 */
export class SseParser {
  #inner;

  constructor(...args) {
    this.#inner = new addon.SseParser(...args);
  }

  feed(chunk) {
    const packed = this.#inner.feedPacked(chunk);
    return packed === null ? [] : unpack(packed);
  }

  finish() {
    this.#inner.finish();
    return [];
  }

  reset() {
    this.#inner.reset();
  }

  get lastEventId() {
    return this.#inner.lastEventId;
  }

  get retry() {
    return this.#inner.retry;
  }
}

function unpack([ascii, utf16, table, ...large]) {
  // The addon copies the table into a Buffer of its own, which starts aligned; a pooled one
  // would not have to, and is copied out first.
  const bytes = table.byteOffset % 4 === 0 ? table : Uint8Array.prototype.slice.call(table);
  const lengths = new Uint32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
  let inAscii = 0;
  let inUtf16 = 0;
  let inLarge = 0;
  const take = (length) => {
    if (length === LARGE) return large[inLarge++];
    if (length & UTF16) {
      const start = inUtf16;
      inUtf16 += length ^ UTF16;
      return utf16.slice(start, inUtf16);
    }
    const start = inAscii;
    inAscii += length;
    return ascii.slice(start, inAscii);
  };
  const events = new Array(lengths.length / 3);
  let type = '';
  let id = '';
  for (let i = 0, n = 0; i < lengths.length; i += 3, n++) {
    if (lengths[i] !== SAME) type = take(lengths[i]);
    const data = take(lengths[i + 1]);
    if (lengths[i + 2] !== SAME) id = take(lengths[i + 2]);
    events[n] = { type, data, lastEventId: id };
  }
  return events;
}
