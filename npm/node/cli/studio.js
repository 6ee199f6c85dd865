// The local i2v-studio the CLI starts when no NEMO_API_URL is set, so a video can be made with
// no cloud account. It listens on a free port, keeps its data in one folder across runs (so a
// later `i2v chat` or `i2v export` finds the project), and stops when the CLI exits.

import { spawn } from 'node:child_process';
import { accessSync, chmodSync, constants, existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { platformName, PUBLISHED } from '../native.js';

const STARTUP_TIMEOUT_MS = 30_000;

function executable(path) {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** A program's file name here: `name.exe` on Windows. */
function programFile(name) {
  return process.platform === 'win32' ? `${name}.exe` : name;
}

/** Where `name` is on the PATH, or null. */
export function onPath(name) {
  const file = programFile(name);
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir && executable(join(dir, file))) return join(dir, file);
  }
  return null;
}

/** The package that carries this platform's studio: `@i2v/studio-linux-x64-gnu`, … */
export function studioPackage() {
  return `@i2v/studio-${platformName()}`;
}

/**
 * The studio in this platform's package (an optional dependency of @i2v/node, installed by npm
 * when its `os`, `cpu` and `libc` match), or null when it is not installed.
 */
function packagedStudio() {
  let dir;
  try {
    dir = dirname(createRequire(import.meta.url).resolve(`${studioPackage()}/package.json`));
  } catch {
    return null;
  }
  const binary = join(dir, programFile('i2v-studio'));
  if (!existsSync(binary)) return null;
  if (!executable(binary)) {
    // An unpacker that dropped the mode bits (npm keeps them); the file is ours to fix.
    try {
      chmodSync(binary, 0o755);
    } catch {
      return null;
    }
  }
  return binary;
}

/**
 * The studio binary: `I2V_STUDIO_BIN`, else the workspace's release or debug build (when this
 * package sits in the i2v repository), else the one in this platform's `@i2v/studio-<platform>`
 * package, else `i2v-studio` on the PATH.
 */
export function studioBinary() {
  if (process.env.I2V_STUDIO_BIN) return process.env.I2V_STUDIO_BIN;
  const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
  for (const profile of ['release', 'debug']) {
    const candidate = join(repo, 'target', profile, programFile('i2v-studio'));
    if (executable(candidate)) return candidate;
  }
  return packagedStudio() ?? onPath('i2v-studio');
}

/** Why no studio was found, and how to get one, for this platform. */
export function noStudioMessage() {
  const name = platformName();
  const pkg = studioPackage();
  const get = PUBLISHED.includes(name)
    ? `the package ${pkg} is not installed: it is an optional dependency of @i2v/node, so reinstall ` +
      `without --no-optional / --omit=optional, or run \`npm install ${pkg}\``
    : `no @i2v/studio package is published for ${name} (there are: ${PUBLISHED.join(', ')})`;
  return (
    `no NEMO_API_URL is set and no local i2v-studio was found for ${name}: ${get}; ` +
    'or build it from the repository with `cargo build --release -p i2v-studio` and set I2V_STUDIO_BIN ' +
    'to it (or put it on the PATH); or set NEMO_API_URL to use a NemoVideo backend'
  );
}

/** How to install ffmpeg (with ffprobe) on this system, in a line. */
export function ffmpegInstallHint(platform = process.platform) {
  const all =
    'Debian/Ubuntu: `sudo apt-get install ffmpeg`; Fedora: `sudo dnf install ffmpeg`; ' +
    'macOS: `brew install ffmpeg`; Windows: `winget install ffmpeg`';
  const here = { linux: all, darwin: 'install it with `brew install ffmpeg`', win32: 'install it with `winget install ffmpeg`' };
  return platform === 'linux' ? `install it (${all})` : here[platform] ?? `install it (${all})`;
}

/**
 * Checks that the programs the local studio renders with, ffmpeg and ffprobe, are on the PATH;
 * throws a `UsageError` that says how to install them when they are not.
 */
export function checkFfmpeg() {
  const missing = ['ffmpeg', 'ffprobe'].filter((tool) => !onPath(tool));
  if (missing.length === 0) return;
  throw new UsageError(
    `the local i2v-studio renders videos with ffmpeg, and ${missing.join(' and ')} ` +
      `${missing.length === 1 ? 'is' : 'are'} not on the PATH: ${ffmpegInstallHint()}, then run this again ` +
      '(or set NEMO_API_URL to use a NemoVideo backend)',
  );
}

/** Where the local studio keeps its data: `I2V_DATA_DIR`, else `~/.local/share/i2v/studio`. */
export function studioDataDir() {
  if (process.env.I2V_DATA_DIR) return resolve(process.env.I2V_DATA_DIR);
  const data = process.env.XDG_DATA_HOME || join(process.env.HOME || homedir(), '.local', 'share');
  return join(data, 'i2v', 'studio');
}

/** An error the CLI shows as it is, in plain words. */
export class UsageError extends Error {}

/**
 * Starts the studio on a free port; resolves to `{ url, dataDir, stop() }`. Extra flags come
 * from `I2V_STUDIO_ARGS` (space-separated), e.g. `--chunk-delay-ms 0`.
 */
export async function startStudio() {
  const binary = studioBinary();
  if (!binary) throw new UsageError(noStudioMessage());
  checkFfmpeg();
  const dataDir = studioDataDir();
  mkdirSync(dataDir, { recursive: true });
  const extra = (process.env.I2V_STUDIO_ARGS ?? '').split(/\s+/).filter(Boolean);
  const child = spawn(binary, ['--port', '0', '--data-dir', dataDir, ...extra], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stderr.on('data', (chunk) => {
    log = (log + chunk).slice(-4000);
  });
  const exited = new Promise((done) => child.once('close', done));
  const url = await new Promise((found, failed) => {
    let out = '';
    const timer = setTimeout(() => failed(new Error('the local studio did not start in time')), STARTUP_TIMEOUT_MS);
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const match = out.match(/listening on (\S+)/);
      if (match) {
        clearTimeout(timer);
        found(match[1]);
      }
    });
    child.once('error', (error) => {
      clearTimeout(timer);
      failed(new Error(`the local studio could not be started (${binary}): ${error.message}`));
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      const last = log.trim().split('\n').pop() ?? '';
      failed(new Error(`the local studio stopped at start (exit ${code})${last ? `: ${last}` : ''}`));
    });
  });
  // Nothing more is read from it; an unread pipe must not hold the process up.
  child.stdout.resume();
  return {
    url,
    dataDir,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
