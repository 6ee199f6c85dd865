// Loads the native addon: the one scripts/build-node.sh puts beside this file (a build from
// the repository), else the package of this platform, `@i2v/node-<platform>`, that npm installed
// among @i2v/node's optionalDependencies (the napi-rs convention: npm installs only the one
// whose `os`, `cpu` and `libc` match).

import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);

/** The platforms a package is published for (scripts/release-node.sh builds them). */
export const PUBLISHED = ['linux-x64-gnu', 'linux-arm64-gnu', 'darwin-x64', 'darwin-arm64', 'win32-x64-msvc'];

/** This process's platform in the packages' naming: `linux-x64-gnu`, `darwin-arm64`, … */
export function platformName() {
  const { platform, arch } = process;
  if (platform === 'linux') return `${platform}-${arch}-${isMusl() ? 'musl' : 'gnu'}`;
  if (platform === 'win32') return `${platform}-${arch}-msvc`;
  return `${platform}-${arch}`;
}

/** Whether this Linux runs on musl rather than glibc (Node's report names glibc when it is). */
function isMusl() {
  try {
    return !process.report?.getReport()?.header?.glibcVersionRuntime;
  } catch {
    return false;
  }
}

function load() {
  const name = platformName();
  const local = `./i2v-node.${name}.node`;
  if (existsSync(fileURLToPath(new URL(local, import.meta.url)))) return require(local);
  const pkg = `@i2v/node-${name}`;
  try {
    return require(pkg);
  } catch (error) {
    if (error?.code !== 'MODULE_NOT_FOUND' || !String(error.message).includes(pkg)) {
      throw new Error(`@i2v/node: the native addon in ${pkg} could not be loaded: ${error.message}`, {
        cause: error,
      });
    }
    const published = PUBLISHED.includes(name);
    throw new Error(
      published
        ? `@i2v/node: no native addon for ${name}: the package ${pkg} is not installed. ` +
            'It is an optional dependency of @i2v/node: reinstall without --no-optional / ' +
            '--omit=optional (npm skips it when the lockfile was made on another platform: ' +
            `npm install ${pkg}), or build it from the repository with scripts/build-node.sh.`
        : `@i2v/node: no native addon is published for ${name} (there are: ${PUBLISHED.join(', ')}); ` +
            'build one from the repository with scripts/build-node.sh.',
      { cause: error },
    );
  }
}

const addon = load();

export const { NativeClient, NativeTimeline, routeIntent, parseDraft, diffDrafts, translateGui,
  checkExportOptions } = addon;

// The lengths table's special entries (i2v-sse's `packed` module; the browser build's
// `sse_events.js` reads the same layout out of wasm memory).
const SAME = 0xffffffff;
const LARGE = 0xfffffffe;
const UTF16 = 0x80000000;

/**
 * The addon's parser with the contract's `feed`: the addon hands over a chunk's events packed,
 * in one crossing (`[ascii, utf16, table, ...large]`), and the objects are made here, where
 * making them is cheap; strings are slices of the two runs.
 */
export class SseParser {
  #inner;

  constructor(...args) {
    this.#inner = new addon.SseParser(...args);
  }

  feed(chunk) {
    const packed = this.#inner.feedPacked(chunk);
    return packed === null ? [] : unpack(packed);
  }

  finish() {
    this.#inner.finish();
    return [];
  }

  reset() {
    this.#inner.reset();
  }

  get lastEventId() {
    return this.#inner.lastEventId;
  }

  get retry() {
    return this.#inner.retry;
  }
}

function unpack([ascii, utf16, table, ...large]) {
  // The addon copies the table into a Buffer of its own, which starts aligned; a pooled one
  // would not have to, and is copied out first.
  const bytes = table.byteOffset % 4 === 0 ? table : Uint8Array.prototype.slice.call(table);
  const lengths = new Uint32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
  let inAscii = 0;
  let inUtf16 = 0;
  let inLarge = 0;
  const take = (length) => {
    if (length === LARGE) return large[inLarge++];
    if (length & UTF16) {
      const start = inUtf16;
      inUtf16 += length ^ UTF16;
      return utf16.slice(start, inUtf16);
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
