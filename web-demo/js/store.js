// What survives a reload: the session the page works in and the render it last started, so a
// reload during a render picks the same render back up instead of orphaning it. The token is not
// kept here: the persisted client id gets the same anonymous user back.

const KEY = 'i2v-demo:v1';

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

/** Forgets everything (a new project). */
export function clearAll() {
  try {
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

function validSession(s) {
  return s != null && typeof s.taskId === 'string' && typeof s.sessionId === 'string'
    && (s.bindId === null || s.bindId === undefined || typeof s.bindId === 'string');
}

function validRender(r) {
  return r != null && typeof r.id === 'string' && r.id !== '' && typeof r.finished === 'boolean'
    && (r.key === undefined || r.key === null || typeof r.key === 'string');
}
