// How long a person waits on the demo page, and how many renders the studio makes for it: the
// first prompt, an edit, the Export button, and Export again with nothing changed (5 photos of
// 1280x720, a 30-second video). Prints one JSON line.
//
//   node tests/bench/page-turns.mjs [repo root] [studio binary]
//
// The arguments let one run compare two checkouts side by side on the same machine (a `git
// worktree` of an older commit, built with its own target dir).

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { launchBrowser } from '../e2e/support.mjs';
import { launchStudio, repoRoot, studioBinary } from '../studio.mjs';

const [root = repoRoot, binary = studioBinary()] = process.argv.slice(2);
process.env.I2V_STUDIO_BIN = binary;
const studio = await launchStudio(
  ['--web-root', join(root, 'web-demo'), '--pkg-root', join(root, 'npm/web/pkg'), '--tokens-per-address', '1000'],
  { logLimit: Infinity },
);
const renders = () =>
  studio.log().split('\n').filter((line) => /method=POST path=\/api\/render\/proxy\/lambda status=/.test(line)).length;

const dir = mkdtempSync(join(tmpdir(), 'i2v-bench-'));
const images = ['testsrc2', 'smptebars', 'rgbtestsrc', 'testsrc', 'smptehdbars'].map((source, i) => {
  const path = join(dir, `${i}.png`);
  execFileSync('ffmpeg', ['-loglevel', 'error', '-y', '-f', 'lavfi', '-i', `${source}=s=1280x720`, '-frames:v', '1', path]);
  return { name: `photo${i + 1}.png`, mimeType: 'image/png', buffer: readFileSync(path) };
});

const browser = await launchBrowser();
try {
  const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
  await page.goto(studio.url);
  await page.waitForSelector('body[data-connection="ready"]');
  await page.setInputFiles('#file-input', images);
  await page.waitForFunction(() => [...document.querySelectorAll('.file')].filter((f) => f.dataset.status === 'done').length === 5);

  const seconds = async (work) => {
    const started = Date.now();
    await work();
    return (Date.now() - started) / 1000;
  };
  const turn = (n, text) =>
    seconds(async () => {
      await page.fill('#composer-input', text);
      await page.click('#send-button');
      await page.waitForFunction(
        (count) => {
          const turns = document.querySelectorAll('.turn');
          return turns.length >= count && turns[count - 1].dataset.state !== 'running';
        },
        n,
        { timeout: 300_000 },
      );
    });
  // The panel turns "running" in the click's own handler, so "done" after the click is this
  // export's end (an export of an unchanged project may keep the earlier render id).
  const exportClick = () =>
    seconds(async () => {
      await page.click('#export-button');
      await page.waitForFunction(() => document.getElementById('export').dataset.state === 'done', null, {
        timeout: 300_000,
      });
    });

  const result = {};
  result.firstPromptS = await turn(1, 'turn these images into a 30-second video with smooth transitions and background music');
  result.rendersAfterFirstPrompt = renders();
  result.editS = await turn(2, 'make the music louder');
  result.rendersAfterEdit = renders();
  result.exportS = await exportClick();
  result.rendersAfterExport = renders();
  result.exportAgainS = await exportClick();
  result.rendersAfterExportAgain = renders();
  console.log(JSON.stringify(result));
} finally {
  await browser.close();
  await studio.stop();
  rmSync(dir, { recursive: true, force: true });
}
