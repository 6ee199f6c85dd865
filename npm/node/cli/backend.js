// The backend a run works with: `NEMO_API_URL`, or a local i2v-studio started for the run (and
// stopped with it), and the clients made for it.

import { Client } from '../index.js';
import { recallSession } from './memory.js';
import { sessionLanguage } from './messages.js';
import { startStudio, studioDataDir } from './studio.js';

/** A studio on this machine renders in seconds: poll its renders often, for up to ten minutes. */
const LOCAL_TIMING = { exportPollIntervalMs: 500, exportMaxPolls: 1200 };

function isLoopback(url) {
  try {
    return ['localhost', '127.0.0.1', '[::1]'].includes(new URL(url).hostname);
  } catch {
    return false;
  }
}

/**
 * The name of this run's backend across runs (the project memory's key), known before it is
 * started: `NEMO_API_URL`, or the local studio's data folder (its port changes every run).
 */
export function backendKey() {
  return process.env.NEMO_API_URL || `local:${studioDataDir()}`;
}

/**
 * The backend for this run: `{ key, local, options, stop() }`. `key` is `backendKey()`; `local`
 * says it stops with this process, its renders and links too.
 */
export async function openBackend() {
  const apiUrl = process.env.NEMO_API_URL;
  if (apiUrl) {
    const options = isLoopback(apiUrl) ? { timing: LOCAL_TIMING } : {};
    return { key: apiUrl, local: false, options, stop: async () => {} };
  }
  const studio = await startStudio();
  return {
    key: `local:${studio.dataDir}`,
    local: true,
    options: { apiUrl: studio.url, webUrl: studio.url, timing: LOCAL_TIMING },
    stop: () => studio.stop(),
  };
}

/**
 * A client of `backend` for what the person typed: a new session is made in Chinese when they
 * type Chinese, whatever the locale says (the SDK takes the locale's language otherwise).
 */
export function newClient(backend, typed = '') {
  const language = sessionLanguage(typed);
  return new Client(language ? { ...backend.options, language } : backend.options);
}

/** A client in the project remembered for `backend`, or in a new project. */
export async function projectClient(backend, { typed = '', signal } = {}) {
  const client = newClient(backend, typed);
  const session = recallSession(backend.key);
  if (session) client.resume(session);
  else await client.connect({ signal });
  return client;
}
