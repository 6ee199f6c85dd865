// Builds the event objects of one `SseParser.feed` from a single string, so a feed crosses
// from wasm into JS once and decodes its text once, however many events it completed.
//
// `text` is every event's strings one after another; `lengths` has three UTF-16 lengths per
// event: type, data, last event id. A type or id equal to the previous event's is not repeated
// in `text`: its length is SAME and the previous string is reused.

const SAME = 0xffffffff;

export function sseEvents(text, lengths) {
  const events = new Array(lengths.length / 3);
  let at = 0;
  let type = '';
  let id = '';
  for (let i = 0, n = 0; i < lengths.length; i += 3, n++) {
    const typeLength = lengths[i];
    if (typeLength !== SAME) {
      type = text.slice(at, (at += typeLength));
    }
    const data = text.slice(at, (at += lengths[i + 1]));
    const idLength = lengths[i + 2];
    if (idLength !== SAME) {
      id = text.slice(at, (at += idLength));
    }
    events[n] = { type, data, lastEventId: id };
  }
  return events;
}
