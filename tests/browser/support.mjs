// What the browser test needs: a static server for the page and the built package, a real
// studio on another port (another origin), and headless Chromium.

import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { dirname, extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

import { chromium } from 'playwright-core';

import { launchStudio } from '../studio.mjs';

const here = dirname(fileURLToPath(import.meta.url));
export const repoRoot = resolve(here, '../..');
const pkgDir = join(repoRoot, 'npm/web/pkg');

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.ts': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
};

/** Serves `page.html` at `/` and the built package at `/pkg/`, on a free port of 127.0.0.1. */
export async function startPageServer() {
  if (!existsSync(join(pkgDir, 'index.js'))) {
    throw new Error('npm/web/pkg is missing: run scripts/build-web.sh first');
  }
  const server = createServer(async (request, response) => {
    const path = decodeURIComponent(new URL(request.url, 'http://x').pathname);
    let file;
    if (path === '/') file = join(here, 'page.html');
    else if (path.startsWith('/pkg/')) {
      file = normalize(join(pkgDir, path.slice('/pkg/'.length)));
      if (!file.startsWith(pkgDir + sep)) file = undefined;
    }
    try {
      if (!file) throw new Error('not found');
      const body = await readFile(file);
      response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
      response.end(body);
    } catch {
      response.writeHead(404, { 'content-type': 'text/plain' });
      response.end('not found');
    }
  });
  await new Promise((done) => server.listen(0, '127.0.0.1', done));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    stop: () => new Promise((done) => server.close(done)),
  };
}

/**
 * Serves the files under `dir` as they are (with the right `Content-Type`, `.wasm` as
 * `application/wasm`), `/` as `index.html`, on a free port of 127.0.0.1: what a static host does
 * with a bundler's output. `requests` lists every path asked for, with its status.
 */
export async function startStaticServer(dir) {
  const root = resolve(dir);
  const requests = [];
  const server = createServer(async (request, response) => {
    let path = decodeURIComponent(new URL(request.url, 'http://x').pathname);
    if (path.endsWith('/')) path += 'index.html';
    const file = normalize(join(root, path));
    try {
      if (!file.startsWith(root + sep)) throw new Error('outside');
      const body = await readFile(file);
      response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
      response.end(body);
      requests.push({ path, status: 200 });
    } catch {
      response.writeHead(404, { 'content-type': 'text/plain' });
      response.end('not found');
      requests.push({ path, status: 404 });
    }
  });
  await new Promise((done) => server.listen(0, '127.0.0.1', done));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    requests,
    stop: () => new Promise((done) => server.close(done)),
  };
}

/** Starts a real studio on a free port with a fresh data dir (see tests/studio.mjs). */
export function startStudio(args = []) {
  return launchStudio(args);
}

/** Debian's Chromium, headless, with the flags this machine needs (TOOLCHAIN.md), and `extraArgs`. */
export function launchChromium(extraArgs = []) {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_BIN || '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
      ...extraArgs,
    ],
  });
}

/**
 * The test page (`page.html` with the built package, `window.i2v`) open in headless Chromium,
 * a real studio on another origin, and the page's errors (uncaught, and `console.error`);
 * `close()` ends all three.
 */
export async function openTestPage({ studioArgs = [], chromiumArgs = [] } = {}) {
  const pages = await startPageServer();
  const studio = await startStudio(studioArgs);
  const browser = await launchChromium(chromiumArgs);
  const page = await browser.newPage();
  const pageErrors = [];
  page.on('pageerror', (error) => pageErrors.push(String(error)));
  page.on('console', (message) => {
    if (message.type() === 'error') pageErrors.push(message.text());
  });
  await page.goto(pages.url);
  await page.waitForFunction(() => document.title === 'ready' && window.i2v);
  const close = async () => {
    await browser.close();
    await pages.stop();
    await studio.stop();
  };
  return { pages, studio, browser, page, pageErrors, close };
}
