// Builds the event objects of one `SseParser.feed` from two byte runs in wasm memory, so a feed
// crosses from wasm into JS once and decodes its text at most twice, however many events it
// completed.
//
// `ascii` holds the strings that are pure ASCII, `unicode` the others (valid UTF-8), each
// string after the one before. `lengths` has three entries per event: type, data, last event
// id. An entry is SAME for a type or id equal to the previous event's (not repeated in the
// bytes), LARGE for the next string of `large` (decoded on its own), a UTF-16 length with the
// UNICODE bit for a string in `unicode`, else a byte length in `ascii`. Keeping ASCII apart lets most strings become one-byte strings, which engines build
// and later read faster, and lets Node decode them with its fast Latin-1 path.

const SAME = 0xffffffff;
const LARGE = 0xfffffffe;
const UNICODE = 0x80000000;

const utf8 = new TextDecoder();
// Node only: several times faster than TextDecoder for ASCII (which Latin-1 decodes as it is).
const latin1Slice = globalThis.Buffer?.prototype?.latin1Slice;

function asciiText(bytes) {
  if (bytes.length === 0) return '';
  return latin1Slice ? latin1Slice.call(bytes, 0, bytes.length) : utf8.decode(bytes);
}

export function sseEvents(asciiBytes, unicodeBytes, lengths, large) {
  // Both views point into wasm memory: decode them before anything can allocate there.
  const ascii = asciiText(asciiBytes);
  const unicode = unicodeBytes.length === 0 ? '' : utf8.decode(unicodeBytes);
  let inAscii = 0;
  let inUnicode = 0;
  let inLarge = 0;
  const take = (length) => {
    if (length === LARGE) return large[inLarge++];
    if (length & UNICODE) {
      const start = inUnicode;
      inUnicode += length ^ UNICODE;
      return unicode.slice(start, inUnicode);
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
