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
import initPreviewBindings, * as previewBindings from './i2v_preview.js';

// The base when `import.meta.url` is empty: read now, while a classic script is running.
const scriptBase = globalThis.document?.currentScript?.src || globalThis.location?.href;

/** The default URL of the client's `.wasm`, or null when nothing says where this file is. */
function defaultWasmUrl() {
  if (import.meta.url) return new URL('./i2v_wasm_bg.wasm', import.meta.url);
  return scriptBase ? new URL('./i2v_wasm_bg.wasm', scriptBase) : null;
}

/** The default URL of the preview's `.wasm` (the same forms, for the same bundlers). */
function defaultPreviewUrl() {
  if (import.meta.url) return new URL('./i2v_preview_bg.wasm', import.meta.url);
  return scriptBase ? new URL('./i2v_preview_bg.wasm', scriptBase) : null;
}

async function readFileUrl(url) {
  // Hidden from bundlers, which would otherwise try to resolve a Node module for the browser.
  const fsModule = 'node:fs/promises';
  const { readFile } = await import(/* webpackIgnore: true */ /* @vite-ignore */ fsModule);
  return readFile(url);
}

/** What wasm-bindgen's init takes, from what `init({ wasm })` was given (or the default). */
async function wasmSource(given, fallback = defaultWasmUrl, file = 'i2v_wasm_bg.wasm', call = 'init') {
  const source = given === undefined ? fallback() : await given;
  if (source === null) {
    throw new Error(`@i2v/web: cannot tell where ${file} is; pass it: ${call}({ wasm: url })`);
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

/**
 * Loads one of the package's `.wasm` modules once: later calls return the same promise, and a
 * failed load is forgotten, so it may be tried again (with another `wasm`).
 */
function moduleLoader(bind, file, fallback, call) {
  let loading = null;
  let loaded = false;
  return {
    load(wasm) {
      loading ??= (async () => {
        const source = await wasmSource(wasm, fallback, file, call);
        try {
          await bind({ module_or_path: source });
        } catch (error) {
          // A 404 or a page served in the .wasm's place: say where it was looked for, and the fix.
          const where = source instanceof URL || typeof source === 'string' ? ` from ${source}` : '';
          throw new Error(
            `@i2v/web could not load ${file}${where} (${error?.message ?? error}): ` +
              `serve it there as application/wasm (copy it next to your bundle), or pass it: ${call}({ wasm })`,
            { cause: error },
          );
        }
        loaded = true;
      })().catch((error) => {
        loading = null;
        throw error;
      });
      return loading;
    },
    isLoaded: () => loaded,
  };
}

const client = moduleLoader(initBindings, 'i2v_wasm_bg.wasm', defaultWasmUrl, 'init');
const preview = moduleLoader(initPreviewBindings, 'i2v_preview_bg.wasm', defaultPreviewUrl, 'initPreview');

/**
 * Loads the client's `.wasm` once. `wasm` is a URL (string or `URL`), a `Response` or a promise
 * of one, the bytes, or a compiled `WebAssembly.Module`.
 */
export function init({ wasm } = {}) {
  return client.load(wasm);
}

/**
 * Loads the live preview's `.wasm` (the timeline evaluator, `Draft.timeline`) once, in the same
 * forms as `init`. Only a page that draws a preview needs it; `Preview.load` calls it.
 */
export function initPreview({ wasm } = {}) {
  return preview.load(wasm);
}

/** Whether the preview's module is loaded, so `Draft.timeline()` can run. */
export function isPreviewReady() {
  return preview.isLoaded();
}

/** The module, loaded from its default place unless `init` was called first. */
export function ready() {
  return init();
}

/** Whether the module is loaded, so synchronous calls can run. */
export function isReady() {
  return client.isLoaded();
}

export const { NativeClient, SseParser, routeIntent, parseDraft, diffDrafts, translateGui,
  checkExportOptions } = bindings;

/**
 * The preview module's timeline with the shell's interface: the module answers JSON text
 * (crates/i2v-preview says why), parsed here into the contract's objects.
 */
export class NativeTimeline {
  #inner;

  constructor(json, width, height, fps) {
    this.#inner = new previewBindings.NativeTimeline(json, width, height, fps);
  }

  info() {
    return JSON.parse(this.#inner.info());
  }

  sceneAt(ms) {
    const text = this.#inner.sceneAt(ms);
    return text === null || text === undefined ? null : JSON.parse(text);
  }

  free() {
    this.#inner.free();
  }
}
