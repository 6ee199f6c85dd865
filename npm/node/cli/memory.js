// The project the CLI works on, remembered between runs: one session per backend, so that
// `i2v chat` and then `i2v export` in separate processes work on the same video; and with it
// the session's last render, so that an `i2v export` after an interrupted one picks that render
// up instead of submitting another.

import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

import { clientIdPath } from '../platform.js';

/** `~/.config/nemovideo/i2v-cli.json`, beside the client id. */
function memoryPath() {
  return join(dirname(clientIdPath()), 'i2v-cli.json');
}

function readAll() {
  try {
    const value = JSON.parse(readFileSync(memoryPath(), 'utf8'));
    return value && typeof value === 'object' ? value : {};
  } catch {
    return {};
  }
}

/** The session last used with `backend`, or null. */
export function recallSession(backend) {
  const session = readAll().sessions?.[backend];
  return session && typeof session.taskId === 'string' && typeof session.sessionId === 'string'
    ? session
    : null;
}

function writeAll(all) {
  const path = memoryPath();
  try {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    const temporary = `${path}.${process.pid}.tmp`;
    writeFileSync(temporary, `${JSON.stringify(all, null, 2)}\n`, { mode: 0o600 });
    renameSync(temporary, path);
  } catch {
    // Nowhere to write: the next run starts a new project, nothing worse.
  }
}

/** Remembers `session` as the one to use with `backend` next time. */
export function rememberSession(backend, session) {
  if (!session) return;
  const all = readAll();
  all.sessions = { ...all.sessions, [backend]: session };
  writeAll(all);
}

/**
 * The render last submitted with `backend`: `{ sessionId, renderId, key, done }`, `key` saying
 * what it renders (./render.js), `done` whether it finished; or null.
 */
export function recallRender(backend) {
  const render = readAll().renders?.[backend];
  return render && typeof render.renderId === 'string' && typeof render.sessionId === 'string'
    ? render
    : null;
}

/** Remembers `render` (as `recallRender` gives it) as the last one of `backend`; null forgets it. */
export function rememberRender(backend, render) {
  const all = readAll();
  const renders = { ...all.renders };
  if (render) renders[backend] = render;
  else delete renders[backend];
  all.renders = renders;
  writeAll(all);
}
