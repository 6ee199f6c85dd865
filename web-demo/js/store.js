// What survives a reload: the session the page works in and the render it last started, so a
// reload during a render picks the same render back up instead of orphaning it; the conversation
// (its lines' text, and the language it is in) and small thumbnails of the uploaded pictures, each
// kept per session and bounded, since the studio gives back neither. The token is not kept here:
// the persisted client id gets the same anonymous user back.

const KEY = 'i2v-demo:v1';
/** The conversation and the thumbnails of one session live under these, plus its id. */
const CONVERSATION = 'i2v-demo:conversation:';
const THUMBS = 'i2v-demo:thumbs:';
/** A conversation keeps its latest lines within both bounds; a thumbnail table, its latest. */
const MAX_LINES = 60;
const MAX_CONVERSATION_CHARS = 24_000;
const MAX_LINE_CHARS = 4_000;
const MAX_THUMBS = 40;
const MAX_THUMB_CHARS = 12_000;

/** The saved `{ session, render }`, each null when absent or malformed. */
export function load() {
  let raw = null;
  try {
    raw = JSON.parse(localStorage.getItem(KEY) ?? 'null');
  } catch {
    raw = null;
  }
  return {
    session: validSession(raw?.session) ? raw.session : null,
    render: validRender(raw?.render) ? raw.render : null,
  };
}

/** Saves the session, dropping any render of another session. */
export function saveSession(session) {
  const saved = load();
  const sameSession = saved.session?.sessionId === session.sessionId;
  write({ session, render: sameSession ? saved.render : null });
}

/** Records the render `id`; `finished` once it has completed (or failed for good); `key`, what
 * it was made of (timeline and frame), to tell after a reload whether it is out of date. */
export function saveRender(id, finished, key = null) {
  const earlier = load().render;
  const made = key ?? (earlier?.id === id ? earlier.key : null) ?? null;
  write({ ...load(), render: { id, finished, key: made } });
}

/** Forgets the render. */
export function clearRender() {
  write({ ...load(), render: null });
}

/**
 * The saved conversation of session `sessionId`: `{ language, lines: [{ role, text }] }`, where
 * `role` is `user`, `assistant` or `note`; empty when none was saved.
 */
export function loadConversation(sessionId) {
  const raw = readJson(CONVERSATION + sessionId);
  const lines = Array.isArray(raw?.lines) ? raw.lines.filter(validLine) : [];
  return { language: typeof raw?.language === 'string' ? raw.language : null, lines };
}

/** Saves a conversation (as `loadConversation` gives it), keeping only its latest lines within
 * the bounds, each line cut to a length a person reads. */
export function saveConversation(sessionId, { language, lines }) {
  const kept = [];
  let chars = 0;
  for (let i = lines.length - 1; i >= 0 && kept.length < MAX_LINES; i -= 1) {
    const line = { role: lines[i].role, text: String(lines[i].text).slice(0, MAX_LINE_CHARS) };
    chars += line.text.length;
    if (chars > MAX_CONVERSATION_CHARS) break;
    kept.unshift(line);
  }
  writeJson(CONVERSATION + sessionId, { language, lines: kept });
}

/** The saved thumbnails of session `sessionId`: media id → `data:image/jpeg` URL. */
export function loadThumbnails(sessionId) {
  const raw = readJson(THUMBS + sessionId);
  const out = {};
  for (const [id, url] of Object.entries(raw && typeof raw === 'object' ? raw : {})) {
    if (typeof url === 'string' && url.startsWith('data:image/jpeg;base64,')) out[id] = url;
  }
  return out;
}

/** Saves the thumbnail `dataUrl` of medium `mediaId`, dropping the oldest past the bound. */
export function saveThumbnail(sessionId, mediaId, dataUrl) {
  if (typeof dataUrl !== 'string' || dataUrl.length > MAX_THUMB_CHARS) return;
  const table = loadThumbnails(sessionId);
  delete table[mediaId];
  table[mediaId] = dataUrl;
  const ids = Object.keys(table);
  for (const id of ids.slice(0, Math.max(0, ids.length - MAX_THUMBS))) delete table[id];
  writeJson(THUMBS + sessionId, table);
}

/** Forgets everything (a new project): the session, and every session's conversation and
 * thumbnails. */
export function clearAll() {
  try {
    const keys = [];
    for (let i = 0; i < localStorage.length; i += 1) keys.push(localStorage.key(i));
    for (const key of keys) {
      if (key?.startsWith(CONVERSATION) || key?.startsWith(THUMBS)) localStorage.removeItem(key);
    }
    localStorage.removeItem(KEY);
  } catch {
    // Storage may be disabled (private mode); there is then nothing to forget.
  }
}

function write(value) {
  try {
    localStorage.setItem(KEY, JSON.stringify(value));
  } catch {
    // Without storage the page still works; only reload recovery is lost.
  }
}

function readJson(key) {
  try {
    return JSON.parse(localStorage.getItem(key) ?? 'null');
  } catch {
    return null;
  }
}

function writeJson(key, value) {
  try {
    localStorage.setItem(key, JSON.stringify(value));
  } catch {
    // Full or disabled storage: the page works on; only this is not restored after a reload.
  }
}

function validLine(line) {
  return line != null && ['user', 'assistant', 'note'].includes(line.role) && typeof line.text === 'string';
}

function validSession(s) {
  return s != null && typeof s.taskId === 'string' && typeof s.sessionId === 'string'
    && (s.bindId === null || s.bindId === undefined || typeof s.bindId === 'string');
}

function validRender(r) {
  return r != null && typeof r.id === 'string' && r.id !== '' && typeof r.finished === 'boolean'
    && (r.key === undefined || r.key === null || typeof r.key === 'string');
}
