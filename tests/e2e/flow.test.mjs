// The whole job on the page, as a new user does it, at a desktop size and on a 390×844 phone:
// pictures and a song uploaded, the suggestion chips used once and gone, the song put in the
// video, an export, a vertical edit that makes the video out of date and a one-click export
// again, a reload that keeps the conversation, the thumbnails and the last video, Stop during an
// export the chat started, and a Chinese message that turns the page's own lines to Chinese.
//
// Every wait is for a state the page shows; screenshots of each state go to
// target/e2e-screenshots/ (names starting with `flow-`).

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import {
  checkBuilt, generateImages, generateSong, launchBrowser, pageRecorder, screenshot, startStudio,
} from './support.mjs';

const PHONE = { width: 390, height: 844 };
const SONG = 'my-song.wav';

let studio;
let browser;
let context;
let page;
const problems = [];

before(async () => {
  checkBuilt();
  studio = await startStudio(['--chunk-delay-ms', '1', '--silent-share', '0', '--seed', '11']);
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

async function watch(p) {
  p.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  p.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });
  p.on('dialog', async (dialog) => {
    problems.push(`dialog: ${dialog.message()}`);
    await dialog.dismiss();
  });
  return p;
}

/** Sends `text` and waits for its turn (the last one) to end as `expected`. */
async function say(p, text, expected = 'done') {
  const count = await p.locator('.turn').count();
  await p.fill('#composer-input', text);
  await p.click('#send-button');
  return endOfTurn(p, count + 1, expected);
}

async function endOfTurn(p, n, expected = 'done') {
  await p.waitForFunction((count) => {
    const turns = document.querySelectorAll('.turn');
    return turns.length >= count && turns[count - 1].dataset.state !== 'running';
  }, n);
  const turn = p.locator('.turn').nth(n - 1);
  assert.equal(await turn.getAttribute('data-state'), expected, `turn ${n} ended with: ${await turn.textContent()}`);
  return turn;
}

/** How far the page is wider than the window (0 or less: no sideways scrolling). */
function overflow(p) {
  return p.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

/** The step numbers' boxes, in the order 1 to 4. */
async function stepBoxes(p) {
  const boxes = [];
  for (const step of await p.locator('h2 .step').all()) boxes.push({ n: (await step.textContent()).trim(), ...(await step.boundingBox()) });
  return boxes;
}

/** Checks the steps read 1, 2, 3, 4: each one to the right on the same row, or on a later row. */
async function assertReadingOrder(p, where) {
  const boxes = await stepBoxes(p);
  assert.deepEqual(boxes.map((b) => b.n), ['1', '2', '3', '4']);
  for (let i = 1; i < boxes.length; i++) {
    const [a, b] = [boxes[i - 1], boxes[i]];
    const sameRow = Math.abs(a.y - b.y) < 12;
    assert.ok(sameRow ? b.x > a.x : b.y > a.y, `${where}: step ${b.n} is not after step ${a.n}: ${JSON.stringify(boxes)}`);
  }
}

function cancelsSent() {
  return studio.log().split('\n').filter((line) => /method=POST path=\/api\/render\/proxy\/lambda\/\S+\/cancel status=2/.test(line)).length;
}

test('the whole job on the page, kept across a reload, in the person’s language', { timeout: 300_000 }, async (t) => {
  await t.test('offers chips on a blank page, and takes pictures', async () => {
    await page.goto(studio.url);
    await page.waitForSelector('body[data-connection="ready"]');
    assert.equal(await page.locator('#suggestions .chip').count(), 3);
    await assertReadingOrder(page, 'desktop');
    const images = generateImages([
      { name: 'sea.png', source: 'testsrc2', size: '640x360' },
      { name: 'hills.png', source: 'smptehdbars', size: '640x360' },
    ]);
    await page.setInputFiles('#file-input', images);
    await page.waitForFunction(() => document.querySelectorAll('.file[data-status="done"]').length === 2);
    // Accepted uploads cannot be removed (the studio has no delete), and the page says why.
    assert.equal(await page.isVisible('#files-keep'), true);
    assert.equal(await page.locator('.file[data-status="done"] .file-dismiss:visible').count(), 0);
    await screenshot(page, 'flow-01-uploaded');
  });

  await t.test('a refused file can be dismissed from the list', async () => {
    await page.setInputFiles('#file-input', [{ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('no') }]);
    const refused = page.locator('.file[data-status="rejected"]');
    await refused.waitFor();
    assert.match(await refused.textContent(), /MP3, WAV, M4A, AAC/);
    await refused.getByRole('button', { name: 'Remove notes.txt from this list' }).click();
    assert.equal(await refused.count(), 0);
    assert.equal(await page.locator('.file').count(), 2);
  });

  await t.test('a starting chip fills the box, and the starting chips go once used', async () => {
    await page.locator('#suggestions .chip:not(.chip-music)').first().click();
    assert.match(await page.inputValue('#composer-input'), /30-second video/);
    assert.equal(await page.locator('#suggestions .chip:not(.chip-music)').count(), 0);
    // 30 seconds, so that a render lasts long enough to be stopped below.
    await say(page, 'turn these images into a 30-second video with background music');
    await page.waitForSelector('.track-audio');
    assert.equal(await page.locator('#suggestions .chip').count(), 0, 'no chips once the conversation has begun');
  });

  await t.test('an uploaded song can be put in the video with one chip, and the export succeeds', async () => {
    assert.ok(!(await page.textContent('.track-audio')).includes(SONG));
    await page.setInputFiles('#file-input', [generateSong(SONG, 12)]);
    const song = page.locator('.file', { hasText: SONG });
    await song.locator('.file-status', { hasText: 'Uploaded' }).waitFor();
    assert.equal(await song.getAttribute('data-kind'), 'audio');
    assert.match(await song.locator('.thumb').textContent(), /WAV/);
    assert.match(await song.locator('.file-status').textContent(), /12 s/);
    await page.waitForSelector('#suggestions .chip-music');
    await screenshot(page, 'flow-02-song-uploaded');
    const count = await page.locator('.turn').count();
    await page.click('#suggestions .chip-music');
    await endOfTurn(page, count + 1);
    assert.equal(await page.locator('#suggestions .chip').count(), 0, 'a used chip is gone');
    await page.waitForFunction((name) => document.querySelector('.track-audio')?.textContent.includes(name), SONG);
    assert.match(await page.getAttribute('.track-audio .segment', 'title'), new RegExp(SONG.replace('.', '\\.')));
    await page.click('#export-button');
    await page.waitForSelector('#export[data-state="rendering"]');
    await page.waitForSelector('#export[data-state="ready"]', { timeout: 90_000 });
    assert.match(await page.textContent('#export-meta'), /^MP4 · \d+×\d+ · 30 s/);
    assert.equal(await page.textContent('#export-status'), 'Your video is ready.');
    await screenshot(page, 'flow-02-ready', { fullPage: true });
    await screenshot(page, 'flow-02-ready-viewport');
  });

  await t.test('a vertical edit marks the video out of date; one click exports it again', async () => {
    await say(page, 'make it vertical');
    await page.waitForSelector('#export[data-state="outdated"]');
    const notice = await page.evaluate(() => getComputedStyle(document.querySelector('.export-notice')).backgroundColor);
    assert.equal(notice, 'rgb(255, 244, 224)', 'the warning colour');
    assert.match(await page.textContent('#export-status'), /no longer matches/);
    await screenshot(page, 'flow-03-outdated', { fullPage: true });
    await page.click('#reexport-button');
    await page.waitForSelector('#export[data-state="rendering"]');
    await page.waitForSelector('#export[data-state="ready"]', { timeout: 90_000 });
    const [, w, h] = (await page.textContent('#export-meta')).match(/(\d+)×(\d+)/).map(Number);
    assert.ok(h > w, `the new video is vertical: ${w}×${h}`);
    assert.equal(await page.isVisible('#reexport-button'), false);
  });

  await t.test('"status" answers with the summary, and the timeline is drawn', async () => {
    const turn = await say(page, 'status');
    assert.match(await turn.locator('.note').allTextContents().then((n) => n.join('\n')), /Timeline \(\d tracks\)/);
    assert.ok(await page.isVisible('.track-audio'));
  });

  await t.test('a reload keeps the conversation, the uploads with their thumbnails, and the last video', async () => {
    const sent = await page.locator('.message.user').allTextContents();
    await page.reload();
    await page.waitForSelector('#export[data-state="ready"]', { timeout: 60_000 });
    assert.deepEqual(await page.locator('.message.user').allTextContents(), sent);
    assert.ok(await page.locator('.restored .message.assistant').count() >= 3, 'the replies are shown again');
    await page.waitForFunction(() => document.querySelectorAll('.file .thumb img').length === 2);
    assert.ok((await page.getAttribute('.file .thumb img', 'src')).startsWith('blob:'));
    assert.match(await page.locator('.file', { hasText: SONG }).locator('.thumb').textContent(), /WAV/);
    assert.ok(await page.isVisible('#video'));
    assert.equal(await page.locator('#suggestions .chip:visible').count(), 0, 'no chips once a conversation exists');
    assert.ok(await overflow(page) <= 0);
    await screenshot(page, 'flow-04-reloaded', { fullPage: true });
  });

  await t.test('on a phone the chat and the video come before the file list, and nothing overflows', async () => {
    const phone = await watch(await context.newPage());
    await phone.setViewportSize(PHONE);
    await phone.goto(studio.url);
    await phone.waitForSelector('#export[data-state="ready"]', { timeout: 60_000 });
    await phone.waitForSelector('#timeline[data-tracks]');
    assert.ok(await overflow(phone) <= 0, `the page is ${await overflow(phone)}px wider than the phone`);
    await assertReadingOrder(phone, 'phone');
    const top = async (selector) => (await phone.locator(selector).boundingBox()).y;
    const files = await top('#files');
    assert.ok(await top('#messages') < files, 'the chat comes before the file list');
    assert.ok(await top('#video') < files, 'the video comes before the file list');
    // The title block shows its text, not only its time; blocks too narrow for theirs say it in a tooltip.
    for (const name of await phone.locator('.segment-name').all()) {
      assert.ok(await name.isVisible(), 'every block shows its name');
    }
    assert.equal(await phone.locator('.segment:not([title])').count(), 0);
    assert.equal(await phone.evaluate(() => {
      const lane = document.querySelector('.timeline');
      return lane.scrollWidth - lane.clientWidth;
    }), 0, 'the timeline fits the phone');
    await screenshot(phone, 'flow-05-phone', { fullPage: true });
    await phone.close();
  });

  await t.test('Stop during an export the chat started cancels the render and returns to idle', async () => {
    await say(page, 'add a title "Stop me"');
    await page.waitForSelector('#export[data-state="outdated"]');
    const cancels = cancelsSent();
    const count = await page.locator('.turn').count();
    await page.fill('#composer-input', 'export');
    await page.click('#send-button');
    await page.waitForSelector('#export[data-state="rendering"][data-render-id]');
    await page.click('#stop-button');
    await endOfTurn(page, count + 1, 'cancelled');
    await page.waitForSelector('#export[data-state="idle"]');
    assert.equal(await page.textContent('#export-status'), 'Export stopped.');
    assert.equal(await page.isVisible('#export-progress'), false);
    assert.equal(await page.isEnabled('#export-button'), true);
    assert.equal(cancelsSent(), cancels + 1, 'the render was cancelled at the studio');
    const saved = await page.evaluate(() => JSON.parse(localStorage.getItem('i2v-demo:v1')));
    assert.equal(saved.render, null, 'a stopped render is not picked up again after a reload');
    await screenshot(page, 'flow-07-stopped', { fullPage: true });
  });

  await t.test('a Chinese message turns the page’s own lines to Chinese', async () => {
    await say(page, '把音乐调小一点');
    assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN');
    assert.equal(await page.textContent('#send-button'), '发送');
    assert.equal(await page.textContent('#export-button'), '导出 MP4');
    assert.equal(await page.textContent('#export-status'), '导出已停止。');
    assert.match(await page.textContent('#media-title'), /你的图片和音乐/);
    assert.match(await page.locator('.file', { hasText: SONG }).locator('.file-status').textContent(), /^之前已上传$/, 'uploaded earlier, in Chinese');
    await page.click('#export-button');
    await page.waitForSelector('#export[data-state="ready"]', { timeout: 90_000 });
    assert.equal(await page.textContent('#export-status'), '你的视频做好了。');
    assert.match(await page.textContent('#download-link'), /^下载 MP4$/);
    await screenshot(page, 'flow-08-chinese', { fullPage: true });

    const phone = await watch(await context.newPage());
    await phone.setViewportSize(PHONE);
    await phone.goto(studio.url);
    await phone.waitForSelector('#export[data-state="ready"]', { timeout: 60_000 });
    assert.equal(await phone.textContent('#send-button'), '发送', 'the language is kept with the conversation');
    assert.ok(await overflow(phone) <= 0);
    await screenshot(phone, 'flow-09-chinese-phone', { fullPage: true });
    await phone.close();
  });

  await t.test('nothing went wrong on the way', () => {
    assert.deepEqual(problems, []);
  });
});
