// Small DOM helpers. Everything that comes from the backend or from a file name reaches the page
// through `textContent` or `setAttribute` (via `h`), never as markup: no `innerHTML` in this page.

/**
 * Builds an element. `props`: `class`, `dataset` (an object), `on<event>` (a listener), or any
 * attribute (`true` sets it empty, `false`/`null` leaves it out). Children are nodes or strings;
 * a string always becomes a text node.
 */
export function h(tag, props = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value == null || value === false) continue;
    if (key === 'class') el.className = value;
    else if (key === 'dataset') Object.assign(el.dataset, value);
    else if (key.startsWith('on') && typeof value === 'function') {
      el.addEventListener(key.slice(2), value);
    } else el.setAttribute(key, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

/** Appends nodes and strings (as text) to `el`, skipping null, undefined and false. */
export function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child == null || child === false) continue;
    el.append(child instanceof Node ? child : String(child));
  }
}

/** Replaces what `el` holds. */
export function replace(el, ...children) {
  el.replaceChildren();
  append(el, children);
}

/** `document.getElementById` that fails loudly when the page and the script disagree. */
export function byId(id) {
  const el = document.getElementById(id);
  if (!el) throw new Error(`the page has no #${id}`);
  return el;
}

/**
 * A URL that is safe to put in `href` or `src`: http(s) or blob, resolved against the page.
 * A backend could send anything (`javascript:` included); anything else becomes null.
 */
export function safeUrl(value) {
  if (typeof value !== 'string' || value === '') return null;
  try {
    const url = new URL(value, document.baseURI);
    return ['http:', 'https:', 'blob:'].includes(url.protocol) ? url.href : null;
  } catch {
    return null;
  }
}

/** Seconds for a person: `6 s`, `2.5 s`, `1 min 5 s`. */
export function formatSeconds(ms) {
  const seconds = Math.round(ms / 100) / 10;
  if (seconds < 60) return `${trimNumber(seconds)} s`;
  const minutes = Math.floor(seconds / 60);
  const rest = Math.round(seconds - minutes * 60);
  return rest ? `${minutes} min ${rest} s` : `${minutes} min`;
}

/** A span of time for a person: `2–4 s`, or `55 s–1 min 5 s` across a minute. */
export function formatRange(startMs, endMs) {
  if (endMs < 59_950) return `${formatSeconds(startMs).replace(/ s$/, '')}–${formatSeconds(endMs)}`;
  return `${formatSeconds(startMs)}–${formatSeconds(endMs)}`;
}

/** Bytes for a person: `512 KB`, `3.4 MB`. */
export function formatBytes(bytes) {
  if (!Number.isFinite(bytes)) return '';
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  if (bytes < 1024 ** 3) return `${trimNumber(Math.round(bytes / 1024 ** 2 * 10) / 10)} MB`;
  return `${trimNumber(Math.round(bytes / 1024 ** 3 * 10) / 10)} GB`;
}

function trimNumber(n) {
  return Number.isInteger(n) ? String(n) : n.toFixed(1);
}
