// What differs for @i2v/web: where options come from and where the client id is kept.
//
// The client id is kept in `localStorage` when the page has one (and in memory otherwise, for
// the life of the page or process). The token is kept in `localStorage` only when the caller
// asks with `persistToken: true`. Under Node the `NEMO_*` variables of docs/PROTOCOL.md §1 are
// honoured as well, as @i2v/node does. Whatever is not given takes the core's defaults: the
// cloud's URLs and attribution.

const CLIENT_ID_KEY = 'nemovideo.client_id';
const TOKEN_KEY = 'nemovideo.token';

/** The client id when no `localStorage` can keep it. */
let memoryClientId;

/** `localStorage`, or null where there is none or it refuses to be used (private modes). */
function storage() {
  try {
    const store = globalThis.localStorage;
    return store && typeof store.getItem === 'function' ? store : null;
  } catch {
    return null;
  }
}

function readStored(key) {
  try {
    return storage()?.getItem(key) || undefined;
  } catch {
    return undefined;
  }
}

/** Writes `value` under `key`; false when nothing could keep it. */
function writeStored(key, value) {
  const store = storage();
  if (!store) return false;
  try {
    store.setItem(key, value);
    return true;
  } catch {
    return false;
  }
}

/** `process.env` under Node, else nothing. */
function env(name) {
  const value = globalThis.process?.versions?.node ? globalThis.process.env?.[name] : undefined;
  return value || undefined;
}

/** The options with the platform's defaults filled in, as the shell builds the native `config` from. */
export function resolveOptions(options = {}) {
  const persistClientId = options.persistClientId !== false;
  const persistToken = options.persistToken === true;
  let token = options.token ?? env('NEMO_TOKEN');
  if (token === undefined && persistToken) token = readStored(TOKEN_KEY);
  if (persistToken && typeof token === 'string' && token !== '') writeStored(TOKEN_KEY, token);
  const clientId =
    options.clientId ??
    env('NEMO_CLIENT_ID') ??
    (persistClientId ? (readStored(CLIENT_ID_KEY) ?? memoryClientId) : undefined);
  const attribution = { ...(options.attribution ?? {}) };
  attribution.platform ??= env('SKILL_SOURCE');
  return {
    apiUrl: options.apiUrl ?? env('NEMO_API_URL'),
    webUrl: options.webUrl ?? env('NEMO_WEB_URL'),
    token,
    clientId,
    attribution,
    language: options.language,
    // The person's languages as the browser knows them; the core takes the first it can read.
    locales: [
      ...(globalThis.navigator?.languages ?? [globalThis.navigator?.language]),
      Intl.DateTimeFormat().resolvedOptions().locale,
    ].filter(Boolean),
    timeout: options.timeout,
    maxRetries: options.maxRetries,
    logger: options.logger,
    timing: options.timing,
    persistToken,
  };
}

/** Remembers the client id (in `localStorage`, else in memory) unless the options say not to. */
export function persistClientId(id, options = {}) {
  if (options.persistClientId === false || typeof id !== 'string' || id === '') return;
  if (!writeStored(CLIENT_ID_KEY, id)) memoryClientId = id;
}

/** Bytes of any binary view or buffer as a `Uint8Array` over the same memory (no copy). */
function bytesOf(data) {
  if (data instanceof Uint8Array) return data;
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  return null;
}

/** A `ReadableStream` or async iterable of byte chunks as one `Blob`, checked against `size`. */
async function blobOfStream(name, size, stream) {
  if (!Number.isSafeInteger(size) || size < 0) {
    throw new TypeError(`${name}: a stream needs its size in bytes`);
  }
  const chunks = [];
  let read = 0;
  const take = (chunk) => {
    const bytes = bytesOf(chunk);
    if (!bytes) throw new TypeError(`${name}: a stream must yield bytes`);
    chunks.push(bytes);
    read += bytes.byteLength;
  };
  if (typeof stream.getReader === 'function') {
    // A reader, not `for await`: Safari's ReadableStream is not async-iterable.
    const reader = stream.getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        take(value);
      }
    } finally {
      reader.releaseLock();
    }
  } else if (typeof stream[Symbol.asyncIterator] === 'function') {
    for await (const chunk of stream) take(chunk);
  } else {
    throw new TypeError(`${name}: stream must be a ReadableStream or an async iterable`);
  }
  if (read !== size) {
    throw new TypeError(`${name}: the stream gave ${read} bytes, not the ${size} declared`);
  }
  return new Blob(chunks);
}

/**
 * Upload inputs as the native side's `{ name, blob }` or `{ name, data }`. Files and blobs are
 * passed as they are, so their bytes are read by `fetch` as it sends, never copied into wasm.
 */
export async function toNativeFiles(files) {
  if (!Array.isArray(files)) throw new TypeError('files must be an array');
  const out = [];
  for (const file of files) {
    if (typeof Blob !== 'undefined' && file instanceof Blob) {
      if (typeof file.name !== 'string' || file.name === '') {
        throw new TypeError('a Blob needs a name: pass a File, or { name, data }');
      }
      out.push({ name: file.name, blob: file });
      continue;
    }
    if (typeof file === 'string' || (file && typeof file === 'object' && 'path' in file)) {
      throw new TypeError('@i2v/web cannot read file paths: pass a File, a Blob or { name, data }');
    }
    if (!file || typeof file !== 'object' || typeof file.name !== 'string' || file.name === '') {
      throw new TypeError('each file is a File, a Blob with a name, or an object with a name');
    }
    if ('data' in file) {
      const data = bytesOf(file.data);
      if (!data) throw new TypeError(`${file.name}: data must be a Uint8Array or an ArrayBuffer`);
      out.push({ name: file.name, data });
    } else if ('stream' in file) {
      out.push({ name: file.name, blob: await blobOfStream(file.name, file.size, file.stream) });
    } else {
      throw new TypeError(`${file.name}: give data, a stream with its size, or a File`);
    }
  }
  return out;
}

/** 16 hex characters from the platform's cryptographic random source. */
export function randomSeed() {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(8));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
