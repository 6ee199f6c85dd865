// Builds the event objects of one `SseParser.feed` from the runs the core packed in wasm memory
// (i2v-sse's `packed` module says how), so a feed crosses from wasm into JS once and makes at
// most two strings, however many events it completed, then slices them.
//
// `ascii` holds the strings that are pure ASCII, `utf16` the others, each string after the one
// before. `lengths` has three entries per event: type, data, last event id. An entry is SAME for
// a type or id equal to the previous event's, LARGE for the next string of `large` (decoded on
// its own), a length with the UTF16 bit for a string in `utf16`, else a byte length in `ascii`.
// Keeping ASCII apart lets most strings be one-byte strings, which engines build and read
// faster.

const SAME = 0xffffffff;
const LARGE = 0xfffffffe;
const UTF16 = 0x80000000;

const utf8 = new TextDecoder();
const utf16 = new TextDecoder('utf-16le');
// Node only: several times faster than TextDecoder for ASCII (which Latin-1 decodes as it is)
// and for UTF-16 (a copy).
const latin1Slice = globalThis.Buffer?.prototype?.latin1Slice;
const ucs2Slice = globalThis.Buffer?.prototype?.ucs2Slice;

function asciiText(bytes) {
  if (bytes.length === 0) return '';
  return latin1Slice ? latin1Slice.call(bytes, 0, bytes.length) : utf8.decode(bytes);
}

function utf16Text(units) {
  if (units.length === 0) return '';
  if (!ucs2Slice) return utf16.decode(units);
  return ucs2Slice.call(new Uint8Array(units.buffer, units.byteOffset, units.byteLength), 0, units.byteLength);
}

export function sseEvents(asciiBytes, utf16Units, lengths, large) {
  // Both views point into wasm memory: decode them before anything can allocate there.
  const ascii = asciiText(asciiBytes);
  const utf16Run = utf16Text(utf16Units);
  let inAscii = 0;
  let inUtf16 = 0;
  let inLarge = 0;
  const take = (length) => {
    if (length === LARGE) return large[inLarge++];
    if (length & UTF16) {
      const start = inUtf16;
      inUtf16 += length ^ UTF16;
      return utf16Run.slice(start, inUtf16);
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

/** One large string, decoded as it lies in wasm memory. */
export function sseText(bytes, ascii) {
  return ascii ? asciiText(bytes) : utf8.decode(bytes);
}

/** A string chunk as UTF-8 bytes: TextEncoder's native loop beats wasm-bindgen's JS one. */
export function utf8Bytes(text) {
  return encoder.encode(text);
}

const encoder = new TextEncoder();
