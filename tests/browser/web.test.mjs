// @i2v/web in headless Chromium against a real i2v-studio on another origin (CORS): connect,
// upload Files, a streamed chat turn, state, export with progress, cancellation with an
// AbortSignal, and where the client id and the token are kept. The page imports the built
// package (npm/web/pkg) as any page would; run `bash scripts/build-web.sh` first.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { launchChromium, startPageServer, startStudio } from './support.mjs';

let pages;
let studio;
let browser;
let page;
const pageErrors = [];

before(async () => {
  pages = await startPageServer();
  // Slow enough streams that partial text arrives over time, and a turn can be caught mid-way.
  studio = await startStudio(['--chunk-delay-ms', '25', '--silent-share', '0', '--tokens-per-address', '1000']);
  browser = await launchChromium();
  page = await browser.newPage();
  page.on('pageerror', (error) => pageErrors.push(String(error)));
  page.on('console', (message) => {
    if (message.type() === 'error') pageErrors.push(message.text());
  });
  await page.goto(pages.url);
  await page.waitForFunction(() => document.title === 'ready' && window.i2v);
  assert.notEqual(new URL(pages.url).origin, new URL(studio.url).origin, 'two origins');
});

after(async () => {
  await browser?.close();
  await pages?.stop();
  await studio?.stop();
});

/** Options for a client of the studio with short waits (passed into the page). */
function options() {
  return {
    apiUrl: studio.url,
    webUrl: studio.url,
    timing: { exportPollIntervalMs: 200, exportMaxPolls: 600, retryBaseBackoffMs: 20 },
  };
}

test('the whole job in a page: connect, upload Files, a streamed turn, state, export', { timeout: 180_000 }, async () => {
  const result = await page.evaluate(async (options) => {
    const { Client, Draft } = window.i2v;
    /** A real PNG File drawn on a canvas. */
    async function photo(name, width, height, hue) {
      const canvas = new OffscreenCanvas(width, height);
      const context = canvas.getContext('2d');
      const gradient = context.createLinearGradient(0, 0, width, height);
      gradient.addColorStop(0, `hsl(${hue}, 80%, 40%)`);
      gradient.addColorStop(1, `hsl(${hue + 90}, 80%, 70%)`);
      context.fillStyle = gradient;
      context.fillRect(0, 0, width, height);
      const blob = await canvas.convertToBlob({ type: 'image/png' });
      return new File([blob], name, { type: 'image/png' });
    }

    const client = new Client(options);
    const session = await client.connect();
    const files = [await photo('beach.png', 320, 180, 10), await photo('hills.png', 180, 320, 200)];
    const progress = [];
    const media = await client.upload(files, { onProgress: (p) => progress.push(p) });

    const start = performance.now();
    const events = [];
    for await (const event of client.send(
      'turn these images into a 6-second video with smooth transitions and background music',
    )) {
      events.push({ type: event.type, at: performance.now() - start, text: event.text ?? null, draft: event.draft instanceof Draft });
    }
    const state = await client.state();

    const exportProgress = [];
    const exported = await client.export({ onProgress: (p) => exportProgress.push(p) });
    const video = await fetch(exported.url);
    const head = new Uint8Array(await video.arrayBuffer()).subarray(4, 8);

    return {
      session,
      media,
      totalBytes: files.reduce((sum, f) => sum + f.size, 0),
      progress,
      events,
      state: { hasDraft: state.draft instanceof Draft, durationMs: state.draft?.durationMs, videoInfos: state.videoInfos.length },
      exportProgress,
      exported,
      video: { status: video.status, type: video.headers.get('content-type'), box: new TextDecoder().decode(head) },
    };
  }, options());

  assert.match(result.session.sessionId, /^ses_/);
  assert.deepEqual(result.media.map((m) => [m.name, m.kind, m.mime]), [
    ['beach.png', 'image', 'image/png'],
    ['hills.png', 'image', 'image/png'],
  ]);
  assert.deepEqual(result.media.map((m) => [m.width, m.height]), [[320, 180], [180, 320]]);
  // fetch reports nothing while a FormData body goes out: 0 before, everything once stored.
  assert.deepEqual(result.progress, [
    { sent: 0, total: result.totalBytes },
    { sent: result.totalBytes, total: result.totalBytes },
  ]);

  const types = result.events.map((e) => e.type);
  assert.equal(types.at(-1), 'done');
  assert.ok(types.includes('toolStarted'), types.join());
  assert.ok(result.events.some((e) => e.draft), 'a draft event');
  // Text streams sentence by sentence: a sentence shows once it is known whole (it could still
  // have become a GUI step the SDK rewrites), and no piece carries one.
  const deltas = result.events.filter((e) => e.type === 'textDelta');
  assert.ok(deltas.length >= 2, `partial text in pieces (${deltas.length})`);
  assert.ok(deltas.every((e) => !/click|button|timeline/i.test(e.text)), JSON.stringify(deltas));
  // Streamed, not buffered: the pieces arrived over the time the studio took to send them.
  assert.ok(deltas.at(-1).at - deltas[0].at >= 25, `deltas spread over ${deltas.at(-1).at - deltas[0].at} ms`);
  const doneAt = result.events.at(-1).at;
  assert.ok(doneAt - deltas[0].at >= 50, 'the first text came well before the end');

  assert.deepEqual(result.state, { hasDraft: true, durationMs: 6000, videoInfos: 2 });
  assert.ok(result.exportProgress.length >= 1);
  assert.equal(result.exportProgress[0].renderId, result.exported.renderId);
  assert.equal(result.exportProgress.at(-1).status, 'completed');
  assert.equal(result.exported.width, 1920);
  assert.deepEqual(result.video, { status: 200, type: 'video/mp4', box: 'ftyp' });
  assert.deepEqual(pageErrors, []);
});

test('an AbortSignal cancels a turn mid-stream, its fetch included, and calls aborted before they start', { timeout: 120_000 }, async () => {
  const result = await page.evaluate(async (options) => {
    const { Client, AbortError, I2vError } = window.i2v;
    // Watch the package's own fetches: their signals say whether the request was cancelled.
    const realFetch = window.fetch;
    const requests = [];
    // The package calls `fetch(request)` with a `Request` (its signal follows the package's).
    window.fetch = (input, init) => {
      const request = input instanceof Request ? input : null;
      requests.push({ url: request?.url ?? String(input), signal: init?.signal ?? request?.signal });
      return realFetch(input, init);
    };
    try {
      const client = new Client(options);
      await client.connect();
      const describe = (error) => ({
        name: error?.name,
        abortError: error instanceof AbortError,
        i2vError: error instanceof I2vError,
        kind: error?.kind,
        cause: error?.cause?.message ?? null,
      });

      const early = [];
      for (const call of [
        () => client.credits({ signal: AbortSignal.abort(new Error('too late')) }),
        () => client.upload([new File([new Uint8Array(8)], 'x.png')], { signal: AbortSignal.abort(new Error('too late')) }),
        () => client.export({ signal: AbortSignal.abort(new Error('too late')) }),
      ]) {
        const before = requests.length;
        try {
          await call();
          early.push('resolved');
        } catch (error) {
          early.push({ ...describe(error), requests: requests.length - before });
        }
      }

      const controller = new AbortController();
      const seen = [];
      let thrown;
      try {
        for await (const event of client.chat('make a 4-second video from my photos', {
          signal: controller.signal,
        })) {
          seen.push(event.type);
          if (event.type === 'textDelta') controller.abort(new Error('enough'));
        }
      } catch (error) {
        thrown = describe(error);
      }
      const turnRequest = requests.find((r) => r.url.endsWith('/run_sse'));
      // Nothing more arrives once cancelled; the client stays usable.
      await new Promise((resolve) => setTimeout(resolve, 300));
      const credits = await client.credits();
      return { early, seen, thrown, turnAborted: turnRequest?.signal?.aborted ?? null, credits };
    } finally {
      window.fetch = realFetch;
    }
  }, options());

  for (const early of result.early) {
    assert.deepEqual(early, {
      name: 'AbortError',
      abortError: true,
      i2vError: true,
      kind: 'cancelled',
      cause: 'too late',
      requests: 0,
    });
  }
  assert.ok(result.seen.includes('textDelta'));
  assert.ok(!result.seen.includes('done'), result.seen.join());
  assert.deepEqual(result.thrown, {
    name: 'AbortError',
    abortError: true,
    i2vError: true,
    kind: 'cancelled',
    cause: 'enough',
  });
  assert.equal(result.turnAborted, true, "the turn's fetch was aborted");
  assert.equal(typeof result.credits.available, 'number');
  assert.deepEqual(pageErrors, []);
});

test('the client id is kept in localStorage, the token only when asked', { timeout: 60_000 }, async () => {
  const result = await page.evaluate(async (options) => {
    const { Client } = window.i2v;
    localStorage.clear();
    const first = new Client(options);
    await first.connect();
    const second = new Client(options);
    const stored = { ...localStorage };
    const persisting = new Client({ ...options, token: 'nmv_usr_given', persistToken: true });
    const tokenKept = Object.values(localStorage).includes('nmv_usr_given');
    localStorage.clear();
    return { first: first.clientId, second: second.clientId, stored, tokenKept, persisting: persisting.clientId };
  }, options());

  assert.match(result.first, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  assert.equal(result.second, result.first, 'a new client in the page reuses the id');
  assert.deepEqual(Object.values(result.stored), [result.first], 'the id, and no token');
  assert.equal(result.tokenKept, true);
  assert.deepEqual(pageErrors, []);
});

test('uploads from bytes and from a ReadableStream; nonsense inputs are TypeErrors', { timeout: 60_000 }, async () => {
  const result = await page.evaluate(async (options) => {
    const { Client, FileError } = window.i2v;
    const client = new Client(options);
    const canvas = new OffscreenCanvas(64, 48);
    canvas.getContext('2d').fillRect(0, 0, 64, 48);
    const png = new Uint8Array(await (await canvas.convertToBlob({ type: 'image/png' })).arrayBuffer());
    const stream = new ReadableStream({
      start(controller) {
        controller.enqueue(png.subarray(0, 10));
        controller.enqueue(png.subarray(10));
        controller.close();
      },
    });
    const media = await client.upload([
      { name: 'bytes.png', data: png.buffer },
      { name: 'stream.png', size: png.length, stream },
    ]);
    const refusals = [];
    for (const input of [
      'photo.png',
      { path: 'photo.png' },
      new Blob([png]),
      { name: 'short.png', size: png.length + 1, stream: new Blob([png]).stream() },
      { name: 'nothing.png' },
    ]) {
      try {
        await client.upload([input]);
        refusals.push('uploaded');
      } catch (error) {
        refusals.push(error.constructor.name);
      }
    }
    let wrongType;
    try {
      await client.upload([new File([png], 'notes.txt')]);
    } catch (error) {
      wrongType = { fileError: error instanceof FileError, kind: error.kind };
    }
    return { media: media.map((m) => [m.name, m.width, m.height, m.size]), size: png.length, refusals, wrongType };
  }, options());

  assert.deepEqual(result.media, [
    ['bytes.png', 64, 48, result.size],
    ['stream.png', 64, 48, result.size],
  ]);
  assert.deepEqual(result.refusals, ['TypeError', 'TypeError', 'TypeError', 'TypeError', 'TypeError']);
  assert.deepEqual(result.wrongType, { fileError: true, kind: 'file_type' });
  assert.deepEqual(pageErrors, []);
});
