// The local i2v-studio the CLI starts when no NEMO_API_URL is set, so a video can be made with
// no cloud account. It listens on a free port, keeps its data in one folder across runs (so a
// later `i2v chat` or `i2v export` finds the project), and stops when the CLI exits.

import { spawn } from 'node:child_process';
import { accessSync, constants, mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const STARTUP_TIMEOUT_MS = 30_000;

function executable(path) {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * The studio binary: `I2V_STUDIO_BIN`, else the workspace's release or debug build (when this
 * package sits in the i2v repository), else `i2v-studio` on the PATH.
 */
export function studioBinary() {
  if (process.env.I2V_STUDIO_BIN) return process.env.I2V_STUDIO_BIN;
  const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
  for (const profile of ['release', 'debug']) {
    const candidate = join(repo, 'target', profile, 'i2v-studio');
    if (executable(candidate)) return candidate;
  }
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir && executable(join(dir, 'i2v-studio'))) return join(dir, 'i2v-studio');
  }
  return null;
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
  if (!binary) {
    throw new UsageError(
      'no NEMO_API_URL is set and no local i2v-studio was found: build it with ' +
        '`cargo build --release -p i2v-studio`, set I2V_STUDIO_BIN, or set NEMO_API_URL',
    );
  }
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
