// Test doubles for the global `fetch`, `clearTimeout` and friends, installed and removed by the
// wasm tests (which run one at a time in the same page).

const realFetch = globalThis.fetch;

// The transport calls `fetch(request)` with a `Request` that gloo-net built; `fetch(url, init)`
// is read too. A `Request`'s signal follows the one it was made with.
const signalOf = (input, init) => init?.signal ?? input?.signal;
const realClearTimeout = globalThis.clearTimeout;
let signals = [];
let clearedTimers = 0;

export function restoreGlobals() {
  globalThis.fetch = realFetch;
  globalThis.clearTimeout = realClearTimeout;
  signals = [];
  clearedTimers = 0;
}

/** The real fetch, remembering each request's signal. */
export function spyFetch() {
  globalThis.fetch = (input, init) => {
    signals.push(signalOf(input, init));
    return realFetch(input, init);
  };
}

/** A fetch that never answers; it rejects only when its signal aborts. */
export function hangingFetch() {
  globalThis.fetch = (input, init) => {
    const signal = signalOf(input, init);
    signals.push(signal);
    return new Promise((_, reject) => {
      signal.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
    });
  };
}

/** A fetch whose body sends one chunk and then nothing more, never ending. */
export function endlessBodyFetch() {
  globalThis.fetch = (input, init) => {
    signals.push(signalOf(input, init));
    const body = new ReadableStream({
      start(controller) {
        controller.enqueue(new Uint8Array([1, 2, 3]));
      },
    });
    return Promise.resolve(new Response(body, { headers: { 'content-type': 'text/event-stream' } }));
  };
}

/** A fetch that answers with the request as encoded: its Content-Type header and its body. */
export function echoFetch() {
  globalThis.fetch = async (input, init) => {
    signals.push(signalOf(input, init));
    const request = input instanceof Request ? input : new Request('http://echo.invalid/', init);
    const body = await request.text();
    return new Response(body, {
      status: 201,
      headers: { 'x-echo-content-type': request.headers.get('content-type') || '' },
    });
  };
}

export function signalCount() {
  return signals.length;
}

export function signalAborted(index) {
  return Boolean(signals[index] && signals[index].aborted);
}

/** Counts `clearTimeout` calls from now on. */
export function countClearTimeout() {
  globalThis.clearTimeout = (handle) => {
    clearedTimers += 1;
    realClearTimeout(handle);
  };
}

export function clearedTimerCount() {
  return clearedTimers;
}

export function textBlob(text, type) {
  return new Blob([text], { type });
}

/** A `blob:` URL of `size` bytes counting 0..=250 over and over. */
export function patternBlobUrl(size) {
  const bytes = new Uint8Array(size);
  for (let i = 0; i < size; i++) bytes[i] = i % 251;
  return URL.createObjectURL(new Blob([bytes]));
}
