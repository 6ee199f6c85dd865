// Starting a real i2v-studio for a test: every JS test suite (tests/js, tests/node, tests/browser,
// tests/e2e) starts its studios here.

import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository's root. */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** The studio binary: `I2V_STUDIO_BIN`, else the workspace's debug build. */
export function studioBinary() {
  return process.env.I2V_STUDIO_BIN || join(repoRoot, 'target/debug/i2v-studio');
}

/**
 * Starts the studio on a free port with a fresh data dir and `args`; resolves once it prints
 * its URL. `studio.log()` is what it wrote to stderr (its access log included): the last
 * `logLimit` characters. `await studio.stop()` ends it and removes the data dir.
 */
export async function launchStudio(args = [], { logLimit = 64_000 } = {}) {
  const dataDir = mkdtempSync(join(tmpdir(), 'i2v-test-'));
  const child = spawn(studioBinary(), ['--port', '0', '--data-dir', dataDir, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NO_COLOR: '1' },
  });
  let log = '';
  child.stderr.on('data', (chunk) => {
    log = (log + chunk).slice(-logLimit);
  });
  try {
    const url = await new Promise((found, fail) => {
      let out = '';
      const timer = setTimeout(() => fail(new Error(`the studio did not start:\n${log}`)), 30_000);
      child.stdout.on('data', (chunk) => {
        out += chunk;
        const match = out.match(/listening on (\S+)/);
        if (match) {
          clearTimeout(timer);
          found(match[1]);
        }
      });
      child.on('exit', (code) => {
        clearTimeout(timer);
        fail(new Error(`the studio exited (${code}):\n${log}`));
      });
    });
    return {
      url,
      dataDir,
      log: () => log,
      async stop() {
        if (child.exitCode === null && child.signalCode === null) {
          const exited = new Promise((done) => child.once('exit', done));
          child.kill('SIGTERM');
          await exited;
        }
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
}
