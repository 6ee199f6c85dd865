// Bench of the in-page export (`exportVideo`): frames per second of export in headless Chromium
// for each format this browser makes, at the draft's 1080p and at 720p, on a 12 s draft of 3
// photos with transitions, a title and music made by a real chat turn. Prints one JSON line.
// Needs npm/web/pkg (build-web.sh) and the studio (cargo build -p i2v-studio).
//   node tests/bench/export.mjs

import { makeDraftInPage, makePhotos } from '../browser/preview-support.mjs';
import { launchChromium, startPageServer, startStudio } from '../browser/support.mjs';

const pages = await startPageServer();
const studio = await startStudio(['--tokens-per-address', '1000']);
const browser = await launchChromium();
try {
  const page = await browser.newPage();
  await page.goto(pages.url);
  await page.waitForFunction(() => document.title === 'ready' && window.i2v);
  await makeDraftInPage(page, studio.url, makePhotos(3), "make a 12-second video with fade transitions, a title 'Bench' and calm music");
  const results = await page.evaluate(async () => {
    const { exportVideo, exportFormats, initPreview } = window.i2v;
    await initPreview();
    const state = window.__preview;
    const out = [];
    const formats = (await exportFormats()).filter((f) => f.available);
    for (const f of formats) {
      for (const width of [undefined, 1280]) {
        let frames = 0;
        let videoStarted = 0;
        const started = performance.now();
        const blob = await exportVideo(state.draft, {
          format: f.format, canvas: state.canvas, width, client: state.client,
          onProgress: (p) => {
            if (p.phase === 'video' && p.frame === 0) videoStarted = performance.now();
            frames = p.frames;
          },
        });
        const ms = performance.now() - started;
        const videoMs = performance.now() - videoStarted;
        out.push({ format: f.format, codec: f.video, audio: f.audio, width: width ?? state.canvas.width, frames,
          totalMs: Math.round(ms), fps: +(frames / (ms / 1000)).toFixed(1), videoFps: +(frames / (videoMs / 1000)).toFixed(1), bytes: blob.size });
      }
    }
    return out;
  });
  console.log(JSON.stringify({ cores: (await import('node:os')).cpus().length, export: results }));
} finally {
  await browser.close();
  await pages.stop();
  await studio.stop();
}
