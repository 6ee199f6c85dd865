// The native interface of @i2v/web: the wasm-bindgen module, loaded on first use.
//
// Importing the package does no I/O and has no top-level await, so it works in every bundler's
// default output (esbuild's iife, Vite's and webpack's default targets). The `.wasm` is loaded
// once, by `init()` or by the first call that needs it (`ready()`); the shell in
// npm/shared awaits `ready()` before every asynchronous call, and makes the synchronous ones
// throw a clear error until it is done (`isReady()`).
//
// Where the `.wasm` is, by default: next to this file, written as
// `new URL('./i2v_wasm_bg.wasm', import.meta.url)`, the form Vite, webpack 5 and Parcel find
// and copy into the build. Where a bundler leaves `import.meta.url` empty (esbuild's default
// iife output) the base is the script that loaded the bundle, so a `.wasm` copied next to the
// bundle is found; `init({ wasm })` names it anywhere else. Node cannot fetch a `file:` URL,
// so there the bytes are read from disk.

import initBindings, * as bindings from './i2v_wasm.js';

// The base when `import.meta.url` is empty: read now, while a classic script is running.
const scriptBase = globalThis.document?.currentScript?.src || globalThis.location?.href;

/** The default `.wasm` URL, or null when nothing says where this file is. */
function defaultWasmUrl() {
  if (import.meta.url) return new URL('./i2v_wasm_bg.wasm', import.meta.url);
  return scriptBase ? new URL('./i2v_wasm_bg.wasm', scriptBase) : null;
}

async function readFileUrl(url) {
  // Hidden from bundlers, which would otherwise try to resolve a Node module for the browser.
  const fsModule = 'node:fs/promises';
  const { readFile } = await import(/* webpackIgnore: true */ /* @vite-ignore */ fsModule);
  return readFile(url);
}

/** What wasm-bindgen's init takes, from what `init({ wasm })` was given (or the default). */
async function wasmSource(given) {
  const source = given === undefined ? defaultWasmUrl() : await given;
  if (source === null) {
    throw new Error('@i2v/web: cannot tell where i2v_wasm_bg.wasm is; pass it: init({ wasm: url })');
  }
  const url = typeof source === 'string' || source instanceof URL ? urlOf(source) : null;
  if (url?.protocol === 'file:') return readFileUrl(url);
  return source;
}

/** A URL string or `URL` as a `URL`, or null where it is relative to nothing known. */
function urlOf(source) {
  try {
    return new URL(source, scriptBase);
  } catch {
    return null;
  }
}

let loading = null;
let loaded = false;

/**
 * Loads the `.wasm` once; later calls return the same promise. `wasm` is a URL (string or
 * `URL`), a `Response` or a promise of one, the bytes, or a compiled `WebAssembly.Module`.
 * A failed load is forgotten, so `init` may be called again (with another `wasm`).
 */
export function init({ wasm } = {}) {
  loading ??= (async () => {
    const source = await wasmSource(wasm);
    try {
      await initBindings({ module_or_path: source });
    } catch (error) {
      // A 404 or a page served in the .wasm's place: say where it was looked for, and the fix.
      const where = source instanceof URL || typeof source === 'string' ? ` from ${source}` : '';
      throw new Error(
        `@i2v/web could not load i2v_wasm_bg.wasm${where} (${error?.message ?? error}): ` +
          'serve it there as application/wasm (copy it next to your bundle), or pass it: init({ wasm })',
        { cause: error },
      );
    }
    loaded = true;
  })().catch((error) => {
    loading = null;
    throw error;
  });
  return loading;
}

/** The module, loaded from its default place unless `init` was called first. */
export function ready() {
  return init();
}

/** Whether the module is loaded, so synchronous calls can run. */
export function isReady() {
  return loaded;
}

export const { NativeClient, SseParser, routeIntent, parseDraft, diffDrafts, translateGui,
  checkExportOptions } = bindings;
