// The demo's live preview (web-demo/js/player.js): after a chat turn the player shows the draft
// playing in the page, every edit shows at once, and none of it asks the studio for a render;
// the exported video takes the player's place only when the person exports, and the person can
// go back to the live preview. Screenshots at desktop and phone sizes in target/e2e-screenshots/.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { generateImages, openDemoBrowser, screenshot } from './support.mjs';

const PHONE = { width: 390, height: 844 };

let demo;
let studio;
let page;
let renderRequests;
let pageErrors;

before(async () => {
  demo = await openDemoBrowser({ width: 1280, height: 800 });
  ({ studio, page, renderRequests, pageErrors } = demo);
});

after(async () => {
  await demo?.close();
});

/** Sends `text` and waits for its turn to finish well. */
async function say(p, text) {
  const n = (await p.locator('.turn').count()) + 1;
  await p.fill('#composer-input', text);
  await p.click('#send-button');
  await p.waitForFunction((count) => {
    const turns = document.querySelectorAll('.turn');
    return turns.length >= count && turns[count - 1].dataset.state !== 'running';
  }, n, { timeout: 60_000 });
  const turn = p.locator('.turn').nth(n - 1);
  assert.equal(await turn.getAttribute('data-state'), 'done', `the turn ended with: ${await turn.textContent()}`);
}

/** The live canvas: its size and a fingerprint of its pixels. */
function canvasPrint(p) {
  return p.evaluate(() => {
    const el = document.getElementById('live-canvas');
    const data = el.getContext('2d').getImageData(0, 0, el.width, el.height).data;
    let hash = 0x811c9dc5;
    for (let i = 0; i < data.length; i += 16) {
      hash ^= data[i];
      hash = Math.imul(hash, 0x01000193) >>> 0;
    }
    return { width: el.width, height: el.height, hash };
  });
}

test('the player previews each edit live, with no render, until the person exports', { timeout: 240_000 }, async (t) => {
  await t.test('an empty player says what it will show', async () => {
    await page.goto(studio.url);
    await page.waitForSelector('body[data-connection="ready"]');
    assert.equal(await page.getAttribute('#player', 'data-live'), 'empty');
    assert.equal(await page.isVisible('#live-empty'), true);
    assert.equal(await page.isDisabled('#live-play'), true);
  });

  await t.test('after a turn the draft plays in the page', async () => {
    const images = generateImages([
      { name: 'sea.png', source: 'testsrc2', size: '640x360' },
      { name: 'hills.png', source: 'mandelbrot', size: '480x640' },
    ]);
    await page.setInputFiles('#file-input', images);
    await page.waitForFunction(() => document.querySelectorAll('.file[data-status="done"]').length === 2);
    await say(page, 'turn these images into a 6-second video with smooth transitions');
    await page.waitForSelector('#player[data-live="ready"]', { timeout: 30_000 });
    assert.equal(await page.getAttribute('#player', 'data-mode'), 'live');
    assert.equal(await page.isVisible('#live-canvas'), true);
    assert.equal(await page.isHidden('#live-empty'), true);
    assert.match(await page.textContent('#live-time'), /^0:00 \/ 0:06$/);
    assert.ok(await page.isHidden('#live-note'), await page.textContent('#live-note'));

    // Play: the time runs and the picture moves; pause stops it.
    const still = await canvasPrint(page);
    await page.click('#live-play');
    await page.waitForFunction(() => Number(document.getElementById('player').dataset.timeMs) > 1200);
    await page.click('#live-play');
    const paused = Number(await page.getAttribute('#player', 'data-time-ms'));
    await page.waitForTimeout(300);
    assert.equal(Number(await page.getAttribute('#player', 'data-time-ms')), paused, 'paused');
    assert.notEqual((await canvasPrint(page)).hash, still.hash, 'the picture moved');
    assert.equal(await page.getAttribute('#live-play', 'aria-label'), 'Play');

    // The scrubber seeks.
    await page.locator('#live-scrub').fill('1500');
    await page.waitForFunction(() => document.getElementById('player').dataset.timeMs === '1500');
    await screenshot(page, 'preview-01-desktop');
  });

  await t.test('an edit shows at once, at the same time, and no render is asked for', async () => {
    const before = await canvasPrint(page);
    await say(page, 'add a title "Hello there"'); // the studio shows it over the first 3 s
    await page.waitForFunction((hash) => {
      const el = document.getElementById('live-canvas');
      const data = el.getContext('2d').getImageData(0, 0, el.width, el.height).data;
      let h = 0x811c9dc5;
      for (let i = 0; i < data.length; i += 16) {
        h ^= data[i];
        h = Math.imul(h, 0x01000193) >>> 0;
      }
      return h !== hash;
    }, before.hash, { timeout: 30_000 });
    assert.equal(await page.getAttribute('#player', 'data-time-ms'), '1500', 'the same instant, with the title over it');
    await screenshot(page, 'preview-02-title');

    await say(page, 'make it vertical');
    await page.waitForFunction(() => {
      const el = document.getElementById('live-canvas');
      return el.height > el.width;
    }, null, { timeout: 30_000 });
    await screenshot(page, 'preview-03-vertical');
    await page.setViewportSize(PHONE);
    await page.waitForTimeout(300);
    await page.locator('#player').scrollIntoViewIfNeeded();
    await screenshot(page, 'preview-04-phone');
    await screenshot(page, 'preview-04-phone-full', { fullPage: true });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `the page is ${overflow}px wider than the phone`);
    await page.setViewportSize({ width: 1280, height: 800 });

    assert.deepEqual(renderRequests, [], 'the live preview asked for no render');
    assert.equal(studio.log().split('\n').filter((line) => /path=\/api\/render/.test(line)).length, 0);
  });

  await t.test('exporting shows the video in the player; the live preview is one click away', async () => {
    await page.click('#export-button');
    await page.waitForSelector('#export[data-state="ready"]', { timeout: 120_000 });
    assert.equal(await page.getAttribute('#player', 'data-mode'), 'video');
    assert.equal(await page.isVisible('#video'), true);
    assert.equal(await page.isVisible('#live-canvas'), false);
    await screenshot(page, 'preview-05-exported');
    await page.click('#show-live');
    assert.equal(await page.getAttribute('#player', 'data-mode'), 'live');
    assert.equal(await page.isVisible('#live-canvas'), true);
    assert.equal(await page.isVisible('#video'), false);
    await page.click('#show-export');
    assert.equal(await page.isVisible('#video'), true);

    // An edit after the export: the player goes back to the live preview, the video is kept.
    await say(page, 'make it 8 seconds long');
    await page.waitForSelector('#export[data-state="outdated"]');
    await page.waitForSelector('#player[data-mode="live"]');
    await page.waitForFunction(() => /0:08$/.test(document.getElementById('live-time').textContent));
    assert.equal(await page.isVisible('#show-export'), true);
    await screenshot(page, 'preview-06-edited-after-export');
  });

  await t.test('no page errors', () => {
    assert.deepEqual(pageErrors, []);
  });
});
