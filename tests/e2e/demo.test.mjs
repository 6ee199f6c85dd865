// The demo page end to end, in Debian's Chromium against a real i2v-studio: upload three generated
// images (and one file the page refuses), ask for a short video, watch the reply stream in and the
// timeline appear, export, reload in the middle of the render, and play the MP4. Along the way:
// backend text carrying markup stays text, the project link opens, and the page fits a phone.
//
// Every wait is for a state the page shows (data attributes on its panels), never a fixed sleep.
// Screenshots of the main states go to target/e2e-screenshots/.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import {
  checkBuilt, generateImages, launchBrowser, pageRecorder, screenshot, screenshotDir, startStudio,
} from './support.mjs';

const XSS = '<img src=x onerror=alert(1)>';
// The video is named in the prompt: a video gets a title only when the person names one.
const PROMPT = 'turn these images into a 6-second video called My Video with smooth transitions and background music';

let studio;
let browser;
let context;
let page;
const problems = []; // page errors, console errors and dialogs: each one fails the test at the end

before(async () => {
  checkBuilt();
  // Partial text arrives 60 ms apart, so it is on screen long enough to be seen; every edit is
  // answered in words (no silent turns), so the replies the test reads are there.
  studio = await startStudio(['--chunk-delay-ms', '60', '--silent-share', '0', '--seed', '7']);
  browser = await launchBrowser();
  context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
  context.setDefaultTimeout(45_000);
  await context.addInitScript(pageRecorder);
  page = await watch(await context.newPage());
});

after(async () => {
  await context?.close().catch(() => {});
  await browser?.close().catch(() => {});
  await studio?.stop();
});

/** Collects into `into` what must never happen on a page: uncaught errors, console errors, dialogs. */
async function watch(p, into = problems) {
  p.on('pageerror', (error) => into.push(`page error: ${error.message}`));
  p.on('console', (message) => {
    if (message.type() === 'error') into.push(`console error: ${message.text()}`);
  });
  p.on('dialog', async (dialog) => {
    into.push(`dialog: ${dialog.message()}`);
    await dialog.dismiss();
  });
  return p;
}

/** Waits for turn number `n` (1-based) to end, and checks it ended well. */
async function waitForTurn(p, n) {
  await p.waitForFunction((count) => {
    const turns = document.querySelectorAll('.turn');
    return turns.length >= count && turns[count - 1].dataset.state !== 'running';
  }, n);
  const turn = p.locator('.turn').nth(n - 1);
  assert.equal(await turn.getAttribute('data-state'), 'done', `turn ${n} ended with: ${await turn.textContent()}`);
  return turn;
}

/** The POST /api/render/proxy/lambda lines in the studio's access log: renders submitted. */
function rendersSubmitted() {
  return studio.log().split('\n').filter((line) => /method=POST path=\/api\/render\/proxy\/lambda status=/.test(line)).length;
}

test('the demo page does the whole job', { timeout: 170_000 }, async (t) => {
  await t.test('opens and connects', async () => {
    await page.goto(studio.url);
    await page.waitForSelector('body[data-connection="ready"]');
    await page.waitForSelector('#credits[data-state="ok"]');
    assert.match(await page.textContent('#credits-available'), /^\d+$/);
    await screenshot(page, '01-start');
  });

  await t.test('uploads three images and refuses a text file, saying why', async () => {
    const images = generateImages([
      { name: 'beach.png', source: 'testsrc2', size: '640x360' },
      { name: 'city.png', source: 'smptehdbars', size: '640x360' },
      { name: `${XSS}.png`, source: 'rgbtestsrc', size: '360x640' },
    ]);
    const notes = { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('not an image') };
    await page.setInputFiles('#file-input', [...images, notes]);
    // Thumbnails show at once, before the uploads finish.
    await page.waitForFunction(() => document.querySelectorAll('.file .thumb img').length >= 3);
    await page.waitForFunction(() => document.querySelectorAll('.file[data-status="done"]').length === 3);
    const refused = page.locator('.file[data-status="rejected"]');
    assert.equal(await refused.count(), 1);
    assert.match(await refused.textContent(), /notes\.txt/);
    assert.match(await refused.textContent(), /Accepted: JPG, JPEG, PNG, WEBP, HEIC, GIF/);
    // The odd name is shown as the text it is.
    const odd = page.locator('.file[data-status="done"] .file-name', { hasText: XSS });
    assert.equal(await odd.textContent(), `${XSS}.png`);
    await screenshot(page, '02-uploaded');
  });

  await t.test('streams the reply and draws the timeline', async () => {
    await page.fill('#composer-input', PROMPT);
    await page.click('#send-button');
    await Promise.race([
      page.waitForSelector('.message.assistant[data-state="streaming"]'),
      page.waitForSelector('.message.assistant[data-state="final"]'),
    ]);
    await screenshot(page, '03-streaming');
    const turn = await waitForTurn(page, 1);

    const final = await turn.locator('.message.assistant').last().textContent();
    assert.match(final, /6-second video/);
    const texts = await page.evaluate(() => window.__i2vTexts);
    const partials = texts.filter((e) => e.state === 'streaming' && e.text.length > 0);
    assert.ok(partials.length >= 2, `expected partial text before the final, saw ${JSON.stringify(texts)}`);
    // Each partial text extends the one before; the first is the start of the final text (the
    // end of the final text may differ: the SDK rewrites wording that assumes an on-screen editor).
    for (let i = 1; i < partials.length; i++) assert.ok(partials[i].text.startsWith(partials[i - 1].text), JSON.stringify(partials));
    assert.ok(final.startsWith(partials[0].text) && partials[0].text.length < final.length, `"${partials[0].text}" does not start "${final}"`);
    // Tool work shows in words, never as JSON or a tool's id.
    const activity = await turn.locator('.activity').allTextContents();
    assert.ok(activity.some((line) => /Put your video together/.test(line)), activity.join(' | '));
    assert.ok(activity.every((line) => !/[{}"_]/.test(line)), activity.join(' | '));
    // No GUI instruction shows, even while it streamed; the offer to export is a button, and
    // nothing was rendered for it.
    assert.ok(texts.every((e) => !/click|button|timeline/i.test(e.text)), JSON.stringify(texts));
    assert.equal(await turn.getByRole('button', { name: 'Export the video' }).count(), 1);
    assert.equal(rendersSubmitted(), 0, 'a reply that offers the export rendered a video');

    await page.waitForSelector('#timeline[data-tracks="3"]');
    assert.equal(await page.getAttribute('#timeline', 'data-duration-ms'), '6000');
    assert.equal(await page.locator('.track-video .segment').count(), 3);
    assert.match(await page.textContent('.track-audio'), /35%/);
    assert.match(await page.textContent('.track-text'), /My Video/);
    assert.equal(await page.locator('.track-video .segment-name').nth(2).textContent(), `${XSS}.png`);
    assert.match(await page.textContent('#summary'), /^Timeline \(3 tracks\): 1\. Video: 3 clips \(0-6s\)/);
    assert.equal(await page.isEnabled('#export-button'), true);
    await screenshot(page, '04-timeline', { fullPage: true });
  });

  await t.test('shows markup in a backend reply as text', async () => {
    await page.fill('#composer-input', `add a title "${XSS}"`);
    await page.keyboard.press('Enter');
    const turn = await waitForTurn(page, 2);
    const reply = await turn.locator('.message.assistant').last().textContent();
    assert.ok(reply.includes(XSS), `the reply was: ${reply}`);
    assert.ok(await turn.locator('.message.assistant', { hasText: XSS }).isVisible());
    await page.waitForFunction((text) => document.querySelector('.track-text')?.textContent.includes(text), XSS);
    assert.deepEqual(await page.evaluate(() => window.__i2vForeignImages), []);
    assert.equal(await page.locator('img[src="x"]').count(), 0);
  });

  let renderId;
  await t.test('exports, and a reload during the render picks it back up', async () => {
    // The first reply said "click the Export button", so the SDK may have exported already.
    const before = rendersSubmitted();
    const previous = await page.getAttribute('#export', 'data-render-id');
    await page.click('#export-button');
    await page.waitForFunction((old) => {
      const panel = document.getElementById('export');
      return panel.dataset.renderId && panel.dataset.renderId !== old;
    }, previous);
    renderId = await page.getAttribute('#export', 'data-render-id');
    assert.equal(await page.getAttribute('#export', 'data-state'), 'rendering', 'the render had already finished');
    const saved = await page.evaluate(() => JSON.parse(localStorage.getItem('i2v-demo:v1')));
    assert.deepEqual({ ...saved.render, key: undefined }, { id: renderId, finished: false, key: undefined });
    assert.match(saved.render.key, /^\d+:[0-9a-f]+$/, 'what the render is made of, as a short fingerprint');
    await screenshot(page, '05-exporting');

    await page.reload();
    await page.waitForSelector('#export[data-resumed="true"]');
    assert.equal(await page.getAttribute('#export', 'data-render-id'), renderId);
    await page.waitForSelector('#timeline[data-tracks="3"]'); // redrawn from the state
    await page.waitForSelector('#export[data-state="ready"]', { timeout: 90_000 });
    assert.equal(await page.getAttribute('#export', 'data-render-id'), renderId);
    assert.equal(rendersSubmitted(), before + 1, 'the reload submitted another render');
    assert.ok((await page.getAttribute('#video', 'src')).includes(renderId));
  });

  await t.test('plays an MP4 as long as the draft, seekable, with a download link', async (t) => {
    const draftMs = Number(await page.getAttribute('#timeline', 'data-duration-ms'));
    const video = await page.evaluate(async () => {
      const v = document.getElementById('video');
      if (v.readyState < 1) await new Promise((ok, fail) => { v.onloadedmetadata = ok; v.onerror = () => fail(new Error(`video error ${v.error?.code}`)); });
      v.muted = true;
      await v.play();
      await new Promise((ok) => { v.ontimeupdate = () => v.currentTime > 0.1 && ok(); });
      v.pause();
      const target = v.duration / 2;
      v.currentTime = target;
      await new Promise((ok) => { v.onseeked = ok; });
      return {
        duration: v.duration, width: v.videoWidth, height: v.videoHeight, target,
        at: v.currentTime, seekableEnd: v.seekable.length ? v.seekable.end(0) : 0,
      };
    });
    t.diagnostic(`video ${video.duration} s (${video.width}×${video.height}), draft ${draftMs} ms`);
    const frameMs = 1000 / 30;
    assert.ok(Math.abs(video.duration * 1000 - draftMs) <= 2 * frameMs, `video ${video.duration}s, draft ${draftMs}ms`);
    assert.ok(video.width > 0 && video.height > 0);
    assert.ok(Math.abs(video.at - video.target) < 0.5, `seeked to ${video.at}, asked ${video.target}`);
    assert.ok(video.seekableEnd >= video.duration - 0.1, `seekable to ${video.seekableEnd} of ${video.duration}`);

    const href = await page.getAttribute('#download-link', 'href');
    const response = await page.request.get(href, { headers: { Range: 'bytes=0-11' } });
    assert.equal(response.status(), 206);
    assert.equal((await response.body()).subarray(4, 8).toString('latin1'), 'ftyp');
    await screenshot(page, '06-exported', { fullPage: true });
  });

  await t.test('makes a quick preview with its poster, and a GIF shown as a picture', async () => {
    await page.click('#preview-button');
    await page.waitForSelector('#export[data-state="rendering"]');
    await page.waitForSelector('#export[data-state="ready"]', { timeout: 60_000 });
    assert.match(await page.textContent('#export-meta'), /^MP4 · 854×480 · /);
    const poster = await page.getAttribute('#video', 'poster');
    const jpeg = await page.request.get(poster);
    assert.equal(jpeg.status(), 200);
    assert.deepEqual([...(await jpeg.body()).subarray(0, 3)], [0xff, 0xd8, 0xff], 'the poster is a JPEG');

    await page.selectOption('#format', 'gif');
    assert.equal(await page.textContent('#export-button'), 'Export GIF');
    await page.click('#export-button');
    await page.waitForSelector('#export[data-state="rendering"]');
    await page.waitForSelector('#export[data-format="gif"][data-state="ready"]', { timeout: 60_000 });
    assert.equal(await page.isVisible('#video'), false);
    const size = await page.evaluate(async () => {
      const img = document.getElementById('gif');
      await img.decode();
      return [img.naturalWidth, img.naturalHeight];
    });
    assert.deepEqual(size, [854, 480]);
    assert.match(await page.getAttribute('#download-link', 'download'), /\.gif$/);
    assert.equal(await page.textContent('#download-link'), 'Download GIF');
    await screenshot(page, '06b-gif', { fullPage: true });
  });

  await t.test('opens the project link', async () => {
    await page.waitForSelector('#project-link:not([hidden])');
    const href = await page.getAttribute('#project-link-anchor', 'href');
    assert.match(href, /\/workspace\/claim\?ct=clm_/);
    const view = await watch(await context.newPage());
    await view.goto(href);
    await view.waitForSelector('body[data-claim="ready"]');
    await view.waitForSelector('#timeline[data-tracks="3"]');
    assert.equal(await view.locator('.track-video .segment-name').nth(2).textContent(), `${XSS}.png`);
    assert.equal(await view.textContent('#continue'), 'Continue editing');
    await screenshot(view, '07-project-link');
    await view.close();
  });

  await t.test('fits a phone and works with the keyboard', async () => {
    const phone = await watch(await context.newPage());
    await phone.setViewportSize({ width: 390, height: 844 });
    await phone.goto(studio.url);
    await phone.waitForSelector('#export[data-state="ready"]'); // the last export, shown again
    await phone.waitForSelector('#timeline[data-tracks="3"]');
    const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `the page is ${overflow}px wider than the phone`);
    await screenshot(phone, '08-phone', { fullPage: true });

    // Tab order: skip link, then header controls, then the drop zone's file input.
    let reached = false;
    for (let i = 0; i < 12 && !reached; i++) {
      await phone.keyboard.press('Tab');
      reached = await phone.evaluate(() => document.activeElement?.id === 'file-input');
    }
    assert.ok(reached, 'the file input is not reachable with Tab');
    const outline = await phone.evaluate(() => getComputedStyle(document.getElementById('dropzone')).outlineStyle);
    assert.notEqual(outline, 'none', 'the focused drop zone shows no focus ring');
    await phone.close();
  });

  await t.test('nothing went wrong on the way', () => {
    assert.deepEqual(problems, []);
    t.diagnostic(`screenshots in ${screenshotDir}`);
  });
});

test('refusals, failures, silent edits and running out are explained', { timeout: 90_000 }, async (t) => {
  // Credits for one video and one edit, and every edit answered silently.
  const studio2 = await startStudio(['--starter-credits', '12', '--silent-share', '1', '--chunk-delay-ms', '1']);
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  ctx.setDefaultTimeout(45_000);
  await ctx.addInitScript(pageRecorder);
  const seen = [];
  try {
    const p = await watch(await ctx.newPage(), seen);
    await p.goto(studio2.url);
    await p.waitForSelector('body[data-connection="ready"]');
    await p.waitForSelector('#credits[data-state="ok"]');

    await t.test('a file the browser cannot show gets a placeholder; the studio says why it refused it', async () => {
      const fakeHeic = { name: 'holiday.heic', mimeType: 'image/heic', buffer: Buffer.from('this is not a HEIC image at all') };
      await p.setInputFiles('#file-input', [fakeHeic]);
      const row = p.locator('.file', { hasText: 'holiday.heic' });
      await row.locator('.thumb.placeholder').waitFor();
      assert.match(await row.locator('.thumb').textContent(), /HEIC/);
      await p.waitForSelector('.file[data-status="rejected"]');
      assert.match(await row.textContent(), /cannot be used.*Accepted: .*PNG/s);
    });

    await t.test('an upload that loses its connection can be retried', async () => {
      const upload = '**/api/upload-video/**';
      await p.route(upload, (route) => route.abort('connectionreset'));
      const [image] = generateImages([{ name: 'one.png', source: 'testsrc2', size: '320x180' }]);
      await p.setInputFiles('#file-input', [image]);
      const row = p.locator('.file', { hasText: 'one.png' });
      await p.waitForSelector('.file[data-status="failed"]');
      assert.match(await row.textContent(), /connection/i);
      await p.unroute(upload);
      await row.getByRole('button', { name: 'Retry' }).click();
      await p.waitForFunction(() => [...document.querySelectorAll('.file')].some((f) => f.dataset.status === 'done' && f.textContent.includes('one.png')));
    });

    await t.test('a silent edit says what changed', async () => {
      // Short, because it is rendered: the reply's offer to export, accepted.
      await p.fill('#composer-input', 'turn this image into a 2-second video with background music');
      await p.click('#send-button');
      const first = await waitForTurn(p, 1);
      await first.getByRole('button', { name: 'Export the video' }).click();
      await p.waitForSelector('#export[data-state="ready"]', { timeout: 90_000 });
      await p.fill('#composer-input', 'make the music quieter');
      await p.click('#send-button');
      const turn = await waitForTurn(p, 2);
      assert.equal(await turn.locator('.message.assistant').count(), 0, 'the edit was not silent');
      const changes = await turn.locator('.changes li').allTextContents();
      assert.ok(changes.some((c) => /volume/i.test(c)), `changes: ${JSON.stringify(changes)}`);
      // The video made from the first reply's offer is out of date after the edit: a warning,
      // with the way out (export again) in it.
      await p.waitForSelector('#export[data-state="outdated"]');
      assert.equal(await p.isVisible('#reexport-button'), true);
      await screenshot(p, '09-silent-edit', { fullPage: true });
      // A reload keeps saying so: what the video was made of is saved with it.
      await p.reload();
      await p.waitForSelector('#export[data-state="outdated"]', { timeout: 60_000 });
      assert.equal(await p.isVisible('#video'), true, 'the last video is shown again, marked out of date');
      assert.match(await p.textContent('#export-status'), /no longer matches/);
    });

    await t.test('running out of credits says what it means and where to get more', async () => {
      await p.fill('#composer-input', 'add a title "One more"');
      await p.click('#send-button');
      // The last turn (the page above was reloaded, which starts a new conversation view).
      await p.waitForFunction(() => [...document.querySelectorAll('.turn')].at(-1)?.dataset.state === 'failed');
      const error = p.locator('.turn').last().locator('.error');
      assert.match(await error.textContent(), /not enough credits/);
      const register = error.getByRole('link', { name: 'Get more credits' });
      assert.match(await register.getAttribute('href'), /\?bind=/);
      await p.waitForSelector('#credits[data-state="empty"]');
      await screenshot(p, '10-out-of-credits', { fullPage: true });
    });

    // The refusals above are answered 4xx, and the dropped upload fails: Chromium logs those.
    assert.deepEqual(seen.filter((x) => !/Failed to load resource/.test(x)), []);
  } finally {
    await ctx.close();
    await studio2.stop();
  }
});
