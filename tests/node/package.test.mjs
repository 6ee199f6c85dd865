// @i2v/node as a user installs it: `npm pack` of the built package (scripts/build-node.sh) in a
// fresh project, loaded with `require` from a .cjs file and with `import` from an .mjs one
// (issue 18, item 2). The CommonJS entry is a real one (index.cjs), not Node's require(esm). The
// addon comes in its own per-platform package (item 3), installed beside it as npm would.

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { promisify } from 'node:util';

import { repoRoot } from './support.mjs';

const run = promisify(execFile);
// The napi-rs name of this platform, as native.js and build-node.sh name it (glibc Linux here).
const platform = { linux: `linux-${process.arch}-gnu`, win32: `win32-${process.arch}-msvc` }[process.platform] ??
  `${process.platform}-${process.arch}`;

let work;
let project;

/** Packs `dir` into `work`; the tarball's path. */
async function pack(dir) {
  const { stdout } = await run('npm', ['pack', '--silent', '--pack-destination', work], {
    cwd: dir,
    maxBuffer: 16 * 1024 * 1024,
  });
  return join(work, stdout.trim().split('\n').pop());
}

before(async () => {
  work = await mkdtemp(join(tmpdir(), 'i2v-node-package-'));
  // The main package and this platform's addon package, which npm would fetch from the
  // registry as an optional dependency (the loader's own platform naming: linux-x64-gnu, …).
  const tarball = await pack(join(repoRoot, 'npm/node'));
  const platformTarball = await pack(join(repoRoot, 'npm/platforms', platform));
  project = join(work, 'app');
  await mkdir(project);
  const dependencies = { '@i2v/node': `file:${tarball}`, [`@i2v/node-${platform}`]: `file:${platformTarball}` };
  await writeFile(join(project, 'package.json'), JSON.stringify({ name: 'node-app', private: true, dependencies }));
  await run('npm', ['install', '--offline', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: project });
});

after(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

/** Runs `source` as the file `name` in the project (Node flags `flags`); what it printed, as JSON. */
async function runFile(name, source, flags = []) {
  await writeFile(join(project, name), source);
  const { stdout } = await run(process.execPath, [...flags, name], { cwd: project });
  return JSON.parse(stdout);
}

// What each entry shows of itself: its names, and that it works without a backend.
const probe = (i2v) => `
  const names = Object.keys(i2v).filter((name) => name !== 'default' && name !== '__esModule').sort();
  const parser = new i2v.SseParser();
  const events = parser.feed(new TextEncoder().encode('data: {"a":1}\\n\\n'));
  Promise.resolve(i2v.init()).then((ready) => console.log(JSON.stringify({
    names,
    init: ready === undefined,
    events,
    intent: typeof i2v.routeIntent('export it in 1080p'),
    error: new i2v.CreditsError({ code: 'insufficient_credits', message: 'x' }) instanceof i2v.I2vError,
  })));
`;

test('require("@i2v/node") from a .cjs file gives the same names as the ES module, and works', async () => {
  // With require(esm) off, as on the Node versions before 20.19 that `engines` admits.
  const required = await runFile('probe.cjs', `const i2v = require('@i2v/node');\n${probe('i2v')}`, [
    '--no-experimental-require-module',
  ]);
  const imported = await runFile('probe.mjs', `import * as i2v from '@i2v/node';\n${probe('i2v')}`);
  assert.deepEqual(required, imported);
  assert.ok(required.names.includes('Client') && required.names.includes('init'), required.names.join());
  assert.ok(required.names.includes('Timeline') && required.names.includes('initPreview'), required.names.join());
  assert.equal(required.names.length, 24);
  assert.deepEqual(required.events, [{ type: 'message', data: '{"a":1}', lastEventId: '' }]);
  assert.equal(required.init, true);
  assert.equal(required.error, true);
});

test('one program that both imports and requires the package gets one set of classes', async () => {
  const both = await runFile(
    'both.mjs',
    `import { createRequire } from 'node:module';
     import * as imported from '@i2v/node';
     const required = createRequire(import.meta.url)('@i2v/node');
     const same = Object.keys(imported).every((name) => imported[name] === required[name]);
     console.log(JSON.stringify({ same }));`,
  );
  assert.deepEqual(both, { same: true });
});

test('the main package carries no addon; without its platform package the error names the platform', async () => {
  const { stdout } = await run('npm', ['pack', '--dry-run', '--json'], { cwd: join(repoRoot, 'npm/node') });
  const [{ files }] = JSON.parse(stdout);
  assert.deepEqual(files.filter((file) => file.path.endsWith('.node')), []);
  const addon = join(project, 'node_modules/@i2v', `node-${platform}`);
  await rename(addon, `${addon}.away`);
  try {
    await assert.rejects(
      runFile('missing.cjs', "require('@i2v/node')"),
      (error) => error.stderr.includes(`no native addon for ${platform}`) && error.stderr.includes(`@i2v/node-${platform}`),
    );
  } finally {
    await rename(`${addon}.away`, addon);
  }
});

test('the installed i2v command runs', async () => {
  const { stdout } = await run(join(project, 'node_modules/.bin/i2v'), ['--help'], { cwd: project });
  assert.match(stdout, /i2v make/);
});
