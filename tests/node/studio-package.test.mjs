// `npx i2v make` from installed packages, with no repository and no cloud (issue 18, item 4): the
// packed @i2v/node, its addon package and its studio package (@i2v/studio-<platform>, the
// i2v-studio binary alone) installed offline into a fresh project, with NEMO_API_URL unset, a
// HOME of its own, and a PATH that holds no i2v build: the CLI finds the studio in its package and
// renders an MP4. Then what a person sees without ffmpeg, and without the studio package.
//
// The studio in the package is the workspace's debug build (made by `cargo test`), stripped
// here: the release one (`studio-release` profile, scripts/release-node.sh) takes minutes to
// build and is packed the same way. I2V_STUDIO_PACKAGE_BIN names another binary to pack.

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { chmod, copyFile, cp, mkdir, mkdtemp, readdir, rename, rm, symlink, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { after, before, test } from 'node:test';
import { promisify } from 'node:util';

import { probe, repoRoot, scratch, studioBinary, writePhotos } from './support.mjs';

const run = promisify(execFile);
const platform = { linux: `linux-${process.arch}-gnu`, win32: `win32-${process.arch}-msvc` }[process.platform] ??
  `${process.platform}-${process.arch}`;

let work;
let project;
let home;
let photos;

/** Packs `dir` into `work`; the tarball's path. */
async function pack(dir) {
  const { stdout } = await run('npm', ['pack', '--silent', '--pack-destination', work], {
    cwd: dir,
    maxBuffer: 16 * 1024 * 1024,
  });
  return join(work, stdout.trim().split('\n').pop());
}

/** The PATH without the repository's builds and without any i2v-studio on it. */
function pathWithoutStudio() {
  return (process.env.PATH ?? '')
    .split(delimiter)
    .filter((dir) => dir && !dir.startsWith(join(repoRoot, 'target')) && !existsSync(join(dir, 'i2v-studio')))
    .join(delimiter);
}

/** The environment of a person's run: no NEMO_API_URL, no I2V_STUDIO_BIN, a HOME of the test's. */
function personEnv(extra = {}) {
  return {
    ...home.env,
    PATH: pathWithoutStudio(),
    npm_config_cache: join(home.dir, '.npm'),
    I2V_STUDIO_ARGS: '--chunk-delay-ms 0 --heartbeat-every 1',
    ...extra,
  };
}

/** Runs the installed CLI's script with `args` and `env`; `{ code, stdout, stderr }`. */
async function i2v(args, env) {
  try {
    const { stdout, stderr } = await run(process.execPath, [join(project, 'node_modules/@i2v/node/bin/i2v.js'), ...args], {
      cwd: project,
      env,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    return { code: error.code, stdout: error.stdout, stderr: error.stderr };
  }
}

before(async () => {
  work = await mkdtemp(join(tmpdir(), 'i2v-studio-package-'));
  home = scratch('studio-package-home');
  // The studio package as release-node.sh fills it, in a copy (the binary is not the repo's).
  const studioDir = join(work, 'studio-package');
  await cp(join(repoRoot, 'npm/studio-platforms', platform), studioDir, { recursive: true });
  const binary = join(studioDir, 'i2v-studio');
  await copyFile(process.env.I2V_STUDIO_PACKAGE_BIN || studioBinary(), binary);
  await run('strip', [binary]).catch(() => {});
  await chmod(binary, 0o755);
  const tarballs = {
    '@i2v/node': await pack(join(repoRoot, 'npm/node')),
    [`@i2v/node-${platform}`]: await pack(join(repoRoot, 'npm/platforms', platform)),
    [`@i2v/studio-${platform}`]: await pack(studioDir),
  };
  project = join(work, 'app');
  await mkdir(project);
  const dependencies = Object.fromEntries(Object.entries(tarballs).map(([name, file]) => [name, `file:${file}`]));
  await writeFile(join(project, 'package.json'), JSON.stringify({ name: 'studio-app', private: true, dependencies }));
  await run('npm', ['install', '--offline', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: project });
  photos = writePhotos(join(project, 'photos'), 2);
});

after(async () => {
  home?.cleanup();
  if (work) await rm(work, { recursive: true, force: true });
});

test('npx i2v make, from the installed packages with no repository and no cloud, writes an MP4', async () => {
  const { stdout, stderr } = await run(
    'npx',
    ['--offline', 'i2v', 'make', ...photos.map((p) => `photos/${p.split('/').pop()}`), '-p', 'make a 4-second video', '-o', 'out.mp4'],
    { cwd: project, env: personEnv(), timeout: 180_000 },
  ).catch((error) => assert.fail(`npx i2v make failed (${error.code}):\n${error.stdout}\n${error.stderr}`));
  const out = join(project, 'out.mp4');
  assert.ok(existsSync(out), `no out.mp4:\n${stdout}\n${stderr}`);
  const video = probe(out);
  assert.equal(video.video, 'h264');
  assert.ok(Math.abs(video.duration - 4) < 0.5, `duration ${video.duration}`);
});

test('without ffmpeg on the PATH, the CLI says how to install it, before starting anything', async () => {
  // A PATH with no ffmpeg and no ffprobe (the CLI is started with this node, by its path).
  const bare = join(work, 'bare-path');
  await mkdir(bare, { recursive: true });
  const { code, stderr } = await i2v(['make', ...photos, '-p', 'make a 4-second video', '-o', 'none.mp4'], personEnv({ PATH: bare }));
  assert.equal(code, 2, stderr);
  assert.match(stderr, /ffmpeg and ffprobe are not on the PATH/);
  for (const hint of ['sudo apt-get install ffmpeg', 'brew install ffmpeg', 'winget install ffmpeg']) {
    assert.ok(stderr.includes(hint), `no "${hint}" in:\n${stderr}`);
  }
  assert.ok(!existsSync(join(project, 'none.mp4')));
});

test('only ffprobe missing is named as such', async () => {
  const some = join(work, 'ffmpeg-only');
  await mkdir(some, { recursive: true });
  const ffmpeg = (await run('sh', ['-c', 'command -v ffmpeg'])).stdout.trim();
  await symlink(ffmpeg, join(some, 'ffmpeg')).catch(() => {});
  const { code, stderr } = await i2v(['make', ...photos, '-p', 'make a 4-second video', '-o', 'none.mp4'], personEnv({ PATH: some }));
  assert.equal(code, 2, stderr);
  assert.match(stderr, /ffprobe is not on the PATH/);
});

test('without the studio package, the error names the platform and the package to install', async () => {
  const dir = join(project, 'node_modules/@i2v', `studio-${platform}`);
  await rename(dir, `${dir}.away`);
  try {
    const { code, stderr } = await i2v(['make', ...photos, '-p', 'make a 4-second video', '-o', 'none.mp4'], personEnv());
    assert.equal(code, 2, stderr);
    assert.ok(stderr.includes(`no local i2v-studio was found for ${platform}`), stderr);
    assert.ok(stderr.includes(`npm install @i2v/studio-${platform}`), stderr);
  } finally {
    await rename(`${dir}.away`, dir);
  }
  assert.ok((await readdir(join(project, 'node_modules/@i2v'))).includes(`studio-${platform}`));
});
