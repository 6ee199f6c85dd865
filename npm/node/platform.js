// What Node supplies to the shared shell: defaults from the environment, the client id kept in
// `~/.config/nemovideo/client_id`, files as the addon reads them, and entropy.

import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A variable's value, or undefined when it is unset or empty. */
function env(name) {
  const value = process.env[name];
  return value === undefined || value === '' ? undefined : value;
}

/** Where the client id lives: `$XDG_CONFIG_HOME/nemovideo/client_id`, else `~/.config/…`. */
export function clientIdPath() {
  const config = env('XDG_CONFIG_HOME') ?? join(env('HOME') ?? homedir(), '.config');
  return join(config, 'nemovideo', 'client_id');
}

/** The persisted client id, when there is a valid one. */
function persistedClientId() {
  try {
    const id = readFileSync(clientIdPath(), 'utf8').trim();
    return UUID.test(id) ? id : undefined;
  } catch {
    return undefined;
  }
}

/** A debug line on stderr. */
function stderrLine(line) {
  process.stderr.write(`i2v: ${line}\n`);
}

/** The person's locales, most specific first; the core takes the language of the first that has one. */
function locales() {
  const posix = ['LC_ALL', 'LC_MESSAGES', 'LANG'].map(env);
  return [...posix, Intl.DateTimeFormat().resolvedOptions().locale].filter(Boolean);
}

/** The options with Node's defaults filled in. */
export function resolveOptions(options) {
  const attribution = options.attribution ?? {};
  const persist = options.persistClientId !== false;
  return {
    apiUrl: options.apiUrl ?? env('NEMO_API_URL'),
    webUrl: options.webUrl ?? env('NEMO_WEB_URL'),
    token: options.token ?? env('NEMO_TOKEN'),
    clientId:
      options.clientId ?? env('NEMO_CLIENT_ID') ?? (persist ? persistedClientId() : undefined),
    attribution: {
      source: attribution.source,
      version: attribution.version,
      platform: attribution.platform ?? env('SKILL_SOURCE'),
      // Without either, the core names the platform from where the package is installed.
      installPath: fileURLToPath(import.meta.url),
    },
    language: options.language,
    locales: locales(),
    timeout: options.timeout,
    maxRetries: options.maxRetries,
    // `I2V_LOG=debug` writes the client's debug lines to stderr (tokens never appear in them).
    logger: options.logger ?? (env('I2V_LOG') === 'debug' ? stderrLine : undefined),
    timing: options.timing,
    persistToken: false,
  };
}

/**
 * Remembers a client id the client made up (the UUID only), so the next run keeps its anonymous
 * account. An id the caller or `NEMO_CLIENT_ID` chose is theirs to keep; a disk that cannot be
 * written costs only that memory, never the call.
 */
export function persistClientId(id, options = {}) {
  if (options.persistClientId === false || options.clientId !== undefined) return;
  if (env('NEMO_CLIENT_ID') !== undefined || !UUID.test(id)) return;
  if (persistedClientId() === id) return;
  const path = clientIdPath();
  try {
    mkdirSync(join(path, '..'), { recursive: true, mode: 0o700 });
    const temporary = `${path}.${process.pid}.tmp`;
    writeFileSync(temporary, `${id}\n`, { mode: 0o600 });
    renameSync(temporary, path);
  } catch {
    // A read-only home: the id lives as long as this process.
  }
}

/**
 * `{ next, cancel }` over an async iterable of byte (or text) chunks: `next()` pulls one chunk
 * (null at the end); `cancel()`, called when the upload will not read it all, closes the
 * iterator, which destroys a Node stream and so closes the file behind it.
 */
function puller(iterable) {
  let iterator;
  const encoder = new TextEncoder();
  const open = () => (iterator ??= iterable[Symbol.asyncIterator]());
  const next = async () => {
    for (;;) {
      const { done, value } = await open().next();
      if (done) return null;
      if (typeof value === 'string') {
        if (value.length) return encoder.encode(value);
      } else if (value instanceof Uint8Array) {
        if (value.byteLength) return value;
      } else if (value instanceof ArrayBuffer) {
        if (value.byteLength) return new Uint8Array(value);
      } else {
        throw new TypeError('a stream to upload must yield bytes');
      }
    }
  };
  const cancel = () => {
    Promise.resolve()
      .then(() => {
        if (iterator) return iterator.return?.();
        // An iterator never started would not run its cleanup: end the source itself.
        if (typeof iterable.destroy === 'function') return iterable.destroy();
        if (typeof iterable.cancel === 'function') return iterable.cancel();
        return iterable.return?.();
      })
      .catch(() => {});
  };
  return { next, cancel };
}

function isAsyncIterable(value) {
  return value !== null && typeof value === 'object' && Symbol.asyncIterator in value;
}

/** A size in bytes, or a TypeError. */
function byteCount(size, name) {
  if (!Number.isSafeInteger(size) || size < 0) {
    throw new TypeError(`${name}: a streamed file needs its size in bytes`);
  }
  return size;
}

/** One upload input as the addon reads it. */
function toNativeFile(input) {
  if (typeof input === 'string') {
    if (input === '') throw new TypeError('a file path cannot be empty');
    return { name: basename(input), path: input };
  }
  if (typeof Blob !== 'undefined' && input instanceof Blob) {
    const name = typeof input.name === 'string' && input.name ? input.name : 'blob';
    return { name, size: input.size, ...puller(input.stream()) };
  }
  if (input === null || typeof input !== 'object') {
    throw new TypeError('a file is a path, { path }, { name, data }, { name, size, stream } or a Blob');
  }
  if (typeof input.path === 'string' && input.path !== '') {
    const name = typeof input.name === 'string' && input.name ? input.name : basename(input.path);
    return { name, path: input.path };
  }
  if (typeof input.name !== 'string' || input.name === '') {
    throw new TypeError('a file given as bytes or a stream needs a name');
  }
  if (input.data instanceof Uint8Array) return { name: input.name, data: input.data };
  if (input.data instanceof ArrayBuffer) return { name: input.name, data: new Uint8Array(input.data) };
  if (isAsyncIterable(input.stream)) {
    return { name: input.name, size: byteCount(input.size, input.name), ...puller(input.stream) };
  }
  throw new TypeError(`${input.name}: give the file's data (a Uint8Array) or a stream with its size`);
}

/** Upload inputs as the addon's `NativeFile`s; a TypeError for anything else. */
export async function toNativeFiles(files) {
  if (!Array.isArray(files)) throw new TypeError('files must be an array');
  return files.map(toNativeFile);
}

/** 16 hex digits from the platform's secure random source. */
export function randomSeed() {
  const bytes = crypto.getRandomValues(new Uint8Array(8));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}
