// What the Node-only tests share: the CLI run as a person runs it, ffprobe, and scratch homes.
// Studios and images come from the shared suite's support module.

import { spawn, execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { png, repoRoot, studioBinary } from '../js/support.mjs';

export { png, repoRoot, startStudio, studioBinary } from '../js/support.mjs';

export const cliPath = join(repoRoot, 'npm/node/bin/i2v.js');

/** A scratch folder with its own HOME, so nothing touches the real config; `cleanup()` ends it. */
export function scratch(tag) {
  const dir = mkdtempSync(join(tmpdir(), `i2v-node-${tag}-`));
  return {
    dir,
    env: {
      HOME: dir,
      XDG_CONFIG_HOME: join(dir, '.config'),
      XDG_DATA_HOME: join(dir, '.local/share'),
    },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** Writes `count` PNGs of mixed shapes into `dir`; returns their paths. */
export function writePhotos(dir, count, seed = 0) {
  mkdirSync(dir, { recursive: true });
  const shapes = [
    [640, 360],
    [360, 640],
    [480, 480],
  ];
  return Array.from({ length: count }, (_, n) => {
    const [w, h] = shapes[n % shapes.length];
    const path = join(dir, `photo-${n + 1}.png`);
    writeFileSync(path, png(w, h, seed + n));
    return path;
  });
}

/** The environment a CLI run gets: PATH, `env` and (unless `env` sets NEMO_API_URL) the local studio. */
function cliEnv(env) {
  return {
    PATH: process.env.PATH,
    I2V_STUDIO_BIN: studioBinary(),
    I2V_STUDIO_ARGS: '--chunk-delay-ms 0 --heartbeat-every 1',
    ...env,
  };
}

/**
 * Starts the CLI with `args` in `cwd` (its environment as `runCli`'s) and returns
 * `{ child, stdout(), stderr(), waitFor(pattern), done }`: `waitFor` resolves once stderr matches
 * `pattern`, `done` to `{ code, signal, stdout, stderr }` when it exits.
 */
export function startCli(args, { cwd, env = {}, timeoutMs = 120_000 } = {}) {
  const child = spawn(process.execPath, [cliPath, ...args], { cwd, env: cliEnv(env) });
  let stdout = '';
  let stderr = '';
  const waiters = [];
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
    for (const waiter of waiters.splice(0)) {
      if (waiter.pattern.test(stderr)) waiter.resolve(stderr);
      else waiters.push(waiter);
    }
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  const done = new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      for (const waiter of waiters.splice(0)) {
        waiter.reject(new Error(`i2v ${args.join(' ')} ended before ${waiter.pattern}\n${stderr}`));
      }
      resolve({ code, signal, stdout, stderr });
    });
  });
  return {
    child,
    stdout: () => stdout,
    stderr: () => stderr,
    waitFor: (pattern) =>
      pattern.test(stderr)
        ? Promise.resolve(stderr)
        : new Promise((resolve, reject) => waiters.push({ pattern, resolve, reject })),
    done,
  };
}

/**
 * Runs the CLI with `args` in `cwd`, its environment made only of PATH, `env` and (unless `env`
 * sets NEMO_API_URL) the local studio binary; resolves to `{ code, stdout, stderr }`.
 */
export function runCli(args, { cwd, env = {}, timeoutMs = 120_000 } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cliPath, ...args], { cwd, env: cliEnv(env) });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`i2v ${args.join(' ')} ran past ${timeoutMs} ms\n${stderr}`));
    }, timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** The video codec, size and duration (s) of an MP4, by ffprobe. */
export function probe(file) {
  const json = execFileSync(
    'ffprobe',
    ['-v', 'error', '-show_entries', 'stream=codec_type,codec_name,width,height:format=duration', '-of', 'json', file],
    { encoding: 'utf8' },
  );
  const info = JSON.parse(json);
  const video = info.streams.find((s) => s.codec_type === 'video');
  return {
    video: video?.codec_name ?? null,
    audio: info.streams.find((s) => s.codec_type === 'audio')?.codec_name ?? null,
    width: video?.width ?? null,
    height: video?.height ?? null,
    duration: Number(info.format.duration),
  };
}
