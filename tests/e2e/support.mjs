// What the browser tests need: a real studio serving the demo page and the browser package,
// Debian's Chromium driven by playwright-core, and generated images.

import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { launchStudio, studioBinary } from '../studio.mjs';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const screenshotDir = join(repoRoot, 'target/e2e-screenshots');

/** Fails early, in words, when something the test serves has not been built. */
export function checkBuilt() {
  const missing = [];
  if (!existsSync(studioBinary())) missing.push(`${studioBinary()} (cargo build -p i2v-studio)`);
  if (!existsSync(join(repoRoot, 'npm/web/pkg/index.js'))) missing.push('npm/web/pkg (bash scripts/build-web.sh)');
  if (missing.length) throw new Error(`build these first: ${missing.join('; ')}`);
}

/**
 * Starts a real studio on a free port with a fresh data dir, serving `web-demo` at `/` and the
 * browser package at `/pkg/`. `studio.log()` is everything it wrote to stderr (the access log).
 */
export function startStudio(args = []) {
  const served = ['--web-root', join(repoRoot, 'web-demo'), '--pkg-root', join(repoRoot, 'npm/web/pkg')];
  return launchStudio([...served, '--tokens-per-address', '1000', ...args], { logLimit: Infinity });
}

/** The flags TOOLCHAIN.md found Debian's Chromium needs here. */
const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage',
  // The test plays the video muted and headless: no user gesture to wait for.
  '--autoplay-policy=no-user-gesture-required',
];

/** Launches headless Chromium (`CHROMIUM_PATH`, else `/usr/bin/chromium`). */
export async function launchBrowser() {
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
    headless: true,
  });
}

/**
 * The studio (built first) and a headless Chromium page of `viewport`, with what the page
 * reports: its errors (uncaught, and `console.error`) and every render request it makes (a
 * test of what needs no render asserts there is none). `close()` ends both.
 */
export async function openDemoBrowser(viewport, studioArgs = []) {
  checkBuilt();
  const studio = await startStudio(studioArgs);
  const browser = await launchBrowser();
  const page = await browser.newPage({ viewport });
  const pageErrors = [];
  const renderRequests = [];
  page.on('pageerror', (error) => pageErrors.push(String(error)));
  page.on('console', (message) => {
    if (message.type() === 'error') pageErrors.push(message.text());
  });
  page.on('request', (request) => {
    if (new URL(request.url()).pathname.startsWith('/api/render')) renderRequests.push(request.url());
  });
  const close = async () => {
    await browser.close();
    await studio.stop();
  };
  return { studio, browser, page, pageErrors, renderRequests, close };
}

/**
 * Real PNG photos made by ffmpeg's test sources: `[{ name, mimeType, buffer }]` as Playwright's
 * `setInputFiles` takes them. Each spec: `{ name, source, size }`.
 */
export function generateImages(specs) {
  const dir = mkdtempSync(join(tmpdir(), 'i2v-e2e-img-'));
  try {
    return specs.map((spec, i) => {
      const path = join(dir, `${i}.png`);
      execFileSync('ffmpeg', ['-loglevel', 'error', '-y', '-f', 'lavfi', '-i', `${spec.source}=s=${spec.size}`,
        '-frames:v', '1', path]);
      return { name: spec.name, mimeType: 'image/png', buffer: readFileSync(path) };
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Saves a screenshot of `page` as `target/e2e-screenshots/<name>.png`. */
export async function screenshot(page, name, options = {}) {
  mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: join(screenshotDir, `${name}.png`), ...options });
}

/**
 * Installed before the page's own scripts: records every text an assistant message showed (so
 * the test can tell partial text came before the final text) and any `<img>` not made from a
 * local file (what markup injected from backend data would create).
 */
export function pageRecorder() {
  const ids = new WeakMap();
  let next = 0;
  const last = new Map();
  window.__i2vTexts = [];
  window.__i2vForeignImages = [];
  const check = () => {
    for (const el of document.querySelectorAll('.message.assistant:not(.intro)')) {
      if (!ids.has(el)) ids.set(el, next++);
      const id = ids.get(el);
      const entry = { id, state: el.dataset.state, text: el.textContent };
      const key = `${entry.state}\u0000${entry.text}`;
      if (last.get(id) !== key) {
        last.set(id, key);
        window.__i2vTexts.push(entry);
      }
    }
    // Pictures from anywhere but the page's own uploads (blob: URLs) would come from markup in
    // a reply; the export panel's GIF (the studio's own file, empty until one is made) is not.
    for (const img of document.querySelectorAll('img:not(#gif)')) {
      const src = img.getAttribute('src') ?? '';
      if (!src.startsWith('blob:')) window.__i2vForeignImages.push(src);
    }
  };
  new MutationObserver(check).observe(document, {
    subtree: true, childList: true, characterData: true, attributes: true,
  });
}

/** A real song file made by ffmpeg (a tone, `seconds` long): `{ name, mimeType, buffer }`. */
export function generateSong(name, seconds) {
  const dir = mkdtempSync(join(tmpdir(), 'i2v-e2e-audio-'));
  try {
    const path = join(dir, 'song.wav');
    execFileSync('ffmpeg', ['-loglevel', 'error', '-y', '-f', 'lavfi', '-i', `sine=frequency=440:duration=${seconds}`,
      '-ac', '2', '-ar', '44100', path]);
    return { name, mimeType: 'audio/wav', buffer: readFileSync(path) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
