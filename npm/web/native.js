// The native interface of @i2v/web: the wasm-bindgen module, initialised before anything can
// use it (top-level await), so importing the package is all a caller does.
//
// In a browser or worker the `.wasm` is fetched next to this file (`import.meta.url`), compiled
// as it streams when the server says `Content-Type: application/wasm`. Node cannot fetch a
// `file:` URL, so there the bytes are read from disk.

import init, * as bindings from './i2v_wasm.js';

const wasmUrl = new URL('./i2v_wasm_bg.wasm', import.meta.url);

async function wasmSource() {
  if (wasmUrl.protocol !== 'file:') return wasmUrl;
  // Hidden from bundlers, which would otherwise try to resolve a Node module for the browser.
  const fsModule = 'node:fs/promises';
  const { readFile } = await import(/* webpackIgnore: true */ /* @vite-ignore */ fsModule);
  return readFile(wasmUrl);
}

await init({ module_or_path: await wasmSource() });

export const { NativeClient, SseParser, routeIntent, parseDraft, diffDrafts, translateGui,
  checkExportOptions } = bindings;
