// @i2v/web in a bundler's output, as a user gets it: `npm pack` of the built package installed
// into a fresh project, a small app (app/) bundled with each bundler's default settings, served
// statically, and one chat turn run in headless Chromium against a real studio.
//
// - Vite: `vite build` and the dev server, no config. Both find the `.wasm` through
//   `new URL(…, import.meta.url)`.
// - esbuild: `esbuild main.js --bundle --outfile=dist/main.js` (an iife, its default), plus the
//   one step the package README gives: copy `i2v_wasm_bg.wasm` next to the bundle (also as
//   `--format=esm`), or `--loader:.wasm=file` and `init({ wasm })`. Without either step, the
//   app gets an error it can catch that names them.
//
// Needs npm/web/pkg (scripts/build-web.sh), the studio (cargo build -p i2v-studio), Chromium.

import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { promisify } from 'node:util';

import { launchChromium, repoRoot, startStaticServer, startStudio } from '../browser/support.mjs';

const run = promisify(execFile);
const bin = (name) => join(repoRoot, 'node_modules/.bin', name);
const appSource = join(repoRoot, 'tests/bundlers/app');

let work;
let project;
let studio;
let browser;

before(async () => {
  work = await mkdtemp(join(tmpdir(), 'i2v-bundlers-'));
  // The package as npm would ship it, installed as a dependency of a fresh project.
  const { stdout } = await run('npm', ['pack', '--silent', '--pack-destination', work], {
    cwd: join(repoRoot, 'npm/web/pkg'),
  });
  const tarball = join(work, stdout.trim().split('\n').pop());
  project = join(work, 'app');
  await mkdir(project);
  await writeFile(
    join(project, 'package.json'),
    JSON.stringify({ name: 'bundled-app', private: true, type: 'module', dependencies: { '@i2v/web': `file:${tarball}` } }),
  );
  await run('npm', ['install', '--offline', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: project });
  for (const name of await readdir(appSource)) await copyFile(join(appSource, name), join(project, name));
  [studio, browser] = await Promise.all([startStudio(), launchChromium()]);
});

after(async () => {
  await browser?.close();
  await studio?.stop();
  if (work) await rm(work, { recursive: true, force: true });
});

/** Opens the built app in `dir` and waits for its turn; the page's text, errors and requests. */
async function runApp(dir) {
  const server = await startStaticServer(dir);
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  try {
    await page.goto(`${server.url}/?api=${encodeURIComponent(studio.url)}`);
    await page.waitForSelector('body[data-state]', { timeout: 30_000 });
    return {
      state: await page.getAttribute('body', 'data-state'),
      status: await page.textContent('#status'),
      reply: await page.textContent('#reply'),
      errors,
      missing: server.requests.filter((r) => r.status !== 200).map((r) => r.path),
      wasm: server.requests.filter((r) => r.path.endsWith('.wasm')).map((r) => r.path),
    };
  } finally {
    await page.close();
    await server.stop();
  }
}

function assertTurn(result) {
  assert.equal(result.state, 'done', result.status);
  assert.ok(result.reply.trim().length > 0, 'the reply is in the page');
  assert.deepEqual(result.errors, []);
  assert.deepEqual(result.missing, []);
  assert.equal(result.wasm.length, 1, 'the .wasm was fetched once');
}

test('Vite: `vite build` with no config', { timeout: 120_000 }, async () => {
  await run(bin('vite'), ['build', '--logLevel', 'warn'], { cwd: project });
  assertTurn(await runApp(join(project, 'dist')));
});

/** esbuild with its defaults (and `extra`), the page given a classic script, the .wasm copied. */
async function esbuild(outdir, extra, scriptTag, { entry = 'main.js', copyWasm = true } = {}) {
  const out = join(project, outdir);
  await run(bin('esbuild'), [entry, '--bundle', `--outfile=${outdir}/main.js`, '--log-level=error', ...extra], {
    cwd: project,
  });
  const html = await readFile(join(project, 'index.html'), 'utf8');
  await writeFile(join(out, 'index.html'), html.replace('<script type="module" src="./main.js">', scriptTag));
  // The one step: the .wasm next to the bundle (or init({ wasm }) with its URL).
  if (copyWasm) {
    await copyFile(join(project, 'node_modules/@i2v/web/i2v_wasm_bg.wasm'), join(out, 'i2v_wasm_bg.wasm'));
  }
  return out;
}

test('esbuild: defaults (an iife), the .wasm copied next to the bundle', { timeout: 120_000 }, async () => {
  assertTurn(await runApp(await esbuild('dist-esbuild', [], '<script src="./main.js">')));
});

test('esbuild: defaults without the step: a 404 the app can catch, naming the fix', { timeout: 120_000 }, async () => {
  const dir = await esbuild('dist-esbuild-bare', [], '<script src="./main.js">', { copyWasm: false });
  const result = await runApp(dir);
  assert.equal(result.state, 'failed');
  assert.match(result.status, /could not load i2v_wasm_bg\.wasm from http:\/\/127\.0\.0\.1:\d+\/i2v_wasm_bg\.wasm/);
  assert.match(result.status, /init\(\{ wasm \}\)/);
  assert.deepEqual(result.missing, ['/i2v_wasm_bg.wasm']);
});

test('esbuild: defaults plus --loader:.wasm=file, the URL it gives passed to init()', { timeout: 120_000 }, async () => {
  // The app's entry names the .wasm before its first call, as the README shows.
  const app = await readFile(join(project, 'main.js'), 'utf8');
  const entry = [
    "import { init } from '@i2v/web';",
    "import wasm from '@i2v/web/i2v_wasm_bg.wasm';",
    'init({ wasm });',
    app,
  ].join('\n');
  await writeFile(join(project, 'main-file-loader.js'), entry);
  const dir = await esbuild('dist-esbuild-file', ['--loader:.wasm=file'], '<script src="./main.js">', {
    entry: 'main-file-loader.js',
    copyWasm: false,
  });
  const result = await runApp(dir);
  assertTurn(result);
  assert.match(result.wasm[0], /^\/i2v_wasm_bg-[A-Z0-9]+\.wasm$/, 'the file esbuild copied, by its hashed name');
});

test('esbuild: --format=esm, the .wasm copied next to the bundle', { timeout: 120_000 }, async () => {
  const dir = await esbuild('dist-esbuild-esm', ['--format=esm'], '<script type="module" src="./main.js">');
  assertTurn(await runApp(dir));
});

test('Vite: the dev server (`vite`), no config', { timeout: 120_000 }, async () => {
  const child = spawn(bin('vite'), ['--port', '0', '--host', '127.0.0.1'], {
    cwd: project,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  try {
    let output = '';
    const url = await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`vite did not start: ${output}`)), 30_000);
      const read = (chunk) => {
        output += chunk;
        const found = output.replace(/\x1b\[[0-9;]*m/g, '').match(/http:\/\/127\.0\.0\.1:\d+\//);
        if (found) {
          clearTimeout(timer);
          resolve(found[0]);
        }
      };
      child.stdout.on('data', read);
      child.stderr.on('data', read);
      child.on('exit', (code) => reject(new Error(`vite exited ${code}: ${output}`)));
    });
    const page = await browser.newPage();
    const errors = [];
    page.on('pageerror', (error) => errors.push(error.message));
    try {
      await page.goto(`${url}?api=${encodeURIComponent(studio.url)}`);
      await page.waitForSelector('body[data-state]', { timeout: 30_000 });
      assert.equal(await page.getAttribute('body', 'data-state'), 'done', await page.textContent('#status'));
      assert.ok((await page.textContent('#reply')).trim().length > 0);
      assert.deepEqual(errors, []);
    } finally {
      await page.close();
    }
  } finally {
    child.kill();
  }
});
