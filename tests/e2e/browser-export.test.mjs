// The demo's export made in the browser (web-demo/js/browser-export.js): the export panel offers
// "Make it in this browser (WebM)" (and MP4 where Chromium encodes H.264); one click makes the
// video in the page with no render request, shows it in the player like a studio-made one, with
// its download link, and says it was made in the browser. Screenshots in target/e2e-screenshots/.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { generateImages, openDemoBrowser, screenshot } from './support.mjs';

let demo;
let studio;
let page;
let renderRequests;
let pageErrors;

before(async () => {
  demo = await openDemoBrowser({ width: 1280, height: 900 });
  ({ studio, page, renderRequests, pageErrors } = demo);
});

after(async () => {
  await demo?.close();
});

test('the export panel makes the video in this browser, with no render', { timeout: 240_000 }, async () => {
  await page.goto(studio.url);
  await page.waitForSelector('body[data-connection="ready"]');
  const images = generateImages([
    { name: 'sea.png', source: 'testsrc2', size: '640x360' },
    { name: 'hills.png', source: 'mandelbrot', size: '480x640' },
  ]);
  await page.setInputFiles('#file-input', images);
  await page.waitForFunction(() => document.querySelectorAll('.file[data-status="done"]').length === 2);
  await page.fill('#composer-input', "turn these images into a 4-second video with a fade and a title 'In the browser'");
  await page.click('#send-button');
  await page.waitForFunction(() => {
    const turn = document.querySelector('.turn');
    return turn && turn.dataset.state !== 'running';
  }, null, { timeout: 60_000 });
  assert.equal(await page.getAttribute('.turn', 'data-state'), 'done');
  await page.waitForSelector('#browser-export-webm:not([hidden]):not([disabled])', { timeout: 30_000 });
  assert.equal(await page.textContent('#browser-export-webm'), 'Make it in this browser (WebM)');
  await page.locator('#export').scrollIntoViewIfNeeded();
  await screenshot(page, 'browser-export-01-option');

  await page.click('#browser-export-webm');
  await page.waitForSelector('#export[data-state="ready"]', { timeout: 120_000 });
  assert.equal(await page.textContent('#export-status'), 'Your video is ready: made in this browser.');
  assert.match(await page.textContent('#export-meta'), /^WebM · \d+×\d+ · 4 s · .* · made in this browser$/);
  assert.equal(await page.getAttribute('#export', 'data-format'), 'webm');
  assert.match(await page.getAttribute('#download-link', 'href'), /^blob:/);
  assert.match(await page.getAttribute('#download-link', 'download'), /\.webm$/);
  assert.equal(await page.textContent('#download-link'), 'Download WebM');
  // The player shows it, and it plays: its length is the draft's.
  assert.equal(await page.getAttribute('#player', 'data-mode'), 'video');
  const duration = await page.evaluate(async () => {
    const video = document.getElementById('video');
    if (video.readyState < 1) await new Promise((done) => video.addEventListener('loadedmetadata', done, { once: true }));
    return video.duration;
  });
  assert.ok(Math.abs(duration - 4) < 0.1, `the video lasts ${duration} s`);
  await screenshot(page, 'browser-export-02-made');
  await page.locator('#export').screenshot({ path: 'target/e2e-screenshots/browser-export-03-panel.png' });

  assert.deepEqual(renderRequests, [], 'no render was asked of the studio');
  assert.deepEqual(pageErrors, []);
});
