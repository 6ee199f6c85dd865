// `init()`: both packages export it; @i2v/web loads its `.wasm` on first use, so importing it
// does no I/O, a client's calls need no `init()`, and the synchronous functions throw a typed
// error until the module is loaded. Those cases run in a fresh Node process each, where nothing
// has loaded the module yet.

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { after, before, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';

import { clientOptions, loadPackage, packageName, repoRoot, startStudio } from './support.mjs';

const pkg = await loadPackage();
const web = packageName === 'web';
const webEntry = pathToFileURL(resolve(repoRoot, 'npm/web/pkg/index.js')).href;

/** Runs `body` (an async function's text, given `i2v` and `options`) in a fresh process. */
async function fresh(body, options = {}) {
  const script = `
    const i2v = await import(${JSON.stringify(webEntry)});
    const options = ${JSON.stringify(options)};
    const result = await (async () => { ${body} })();
    process.stdout.write(JSON.stringify(result));
  `;
  const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script], {
    timeout: 60_000,
  });
  return JSON.parse(stdout);
}

let studio;
before(async () => {
  if (web) studio = await startStudio();
});
after(async () => {
  await studio?.stop();
});

test('init() resolves, again and again, and takes only an options object', async () => {
  assert.equal(await pkg.init(), undefined);
  assert.equal(await pkg.init({}), undefined);
  assert.throws(() => pkg.init(null), TypeError);
  assert.equal(pkg.routeIntent('export in 4k').action, 'export');
});

test('@i2v/web before init(): synchronous calls throw not_initialised, a client needs nothing', { skip: !web }, async () => {
  const result = await fresh(
    `
    const errors = [];
    const tries = [
      () => i2v.routeIntent('export'),
      () => i2v.parseDraft('{"t":[]}'),
      () => i2v.diffDrafts('{"t":[]}', '{"t":[]}'),
      () => i2v.translateGui('Click Export'),
      () => i2v.checkExportOptions({}),
      () => new i2v.SseParser(),
    ];
    for (const run of tries) {
      try { run(); errors.push(null); } catch (e) {
        errors.push({ ok: e instanceof i2v.ApiError, kind: e.kind, message: e.message });
      }
    }
    const client = new i2v.Client(options);
    const before = { session: client.session, lastDraft: client.lastDraft, bindUrl: client.bindUrl };
    let clientId;
    try { clientId = client.clientId; } catch (e) { clientId = e.kind; }
    const session = await client.connect();
    let reply = '';
    for await (const event of client.chat('hello')) if (event.type === 'textDelta') reply += event.text;
    return { errors, before, clientId, session: session.sessionId, reply,
      after: client.clientId, intent: i2v.routeIntent('export in 4k').action };
    `,
    clientOptions(studio),
  );
  for (const error of result.errors) {
    assert.equal(error?.ok, true);
    assert.equal(error.kind, 'not_initialised');
    assert.match(error.message, /await init\(\)/);
  }
  assert.deepEqual(result.before, { session: null, lastDraft: null, bindUrl: null });
  assert.equal(result.clientId, 'not_initialised');
  assert.match(result.session, /^ses_/);
  assert.ok(result.reply.length > 0, 'the turn replied');
  assert.match(result.after, /^[0-9a-f-]{36}$/);
  assert.equal(result.intent, 'export');
});

test('@i2v/web init({ wasm }): bytes or a module; a failed load can be tried again', { skip: !web }, async () => {
  const wasmPath = join(repoRoot, 'npm/web/pkg/i2v_wasm_bg.wasm');
  const result = await fresh(
    `
    const { readFile } = await import('node:fs/promises');
    const bytes = await readFile(options.wasmPath);
    let failed;
    try { await i2v.init({ wasm: new URL('file:///nonexistent/i2v_wasm_bg.wasm') }); } catch (e) { failed = e.code; }
    await i2v.init({ wasm: await WebAssembly.compile(bytes) });
    await i2v.init({ wasm: 'ignored once loaded' });
    return { failed, intent: i2v.routeIntent('export in 4k').action };
    `,
    { wasmPath },
  );
  assert.equal(result.failed, 'ENOENT');
  assert.equal(result.intent, 'export');
  assert.ok((await readFile(wasmPath)).byteLength > 0);
});
