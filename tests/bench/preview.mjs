// How smoothly the live preview plays and how fast it seeks, in headless Chromium: a 30-second
// draft of 5 photos made by a chat turn against a real studio, played for a few seconds at the
// video's own size (1920x1080) and at a page's size (a 640 px wide canvas), then seeked to 30
// random times. Prints one JSON line; asserts nothing (machines are shared: the figures are to
// read, not to gate on).
//
//   node tests/bench/preview.mjs [seconds of play, default 4]
//
// - `rafFps`: requestAnimationFrame callbacks per second while playing (what the page's loop
//   gets: slow drawing lowers it), `drawnFps`: distinct video frames drawn per second (at most
//   the video's rate, 30), `longestGapMs`: the longest wait between two callbacks;
// - `seek`: ms from `seek(ms)` to its promise resolving (the drawing calls made), to the pixels
//   being there (a pixel read back forces the canvas to raster them), and to the next animation
//   frame (the frame on screen): medians and the worst.

import { loadPreviewInPage, makeDraftInPage, makePhotos } from '../browser/preview-support.mjs';
import { launchChromium, startPageServer, startStudio } from '../browser/support.mjs';

const seconds = Number(process.argv[2] ?? 4);
const pages = await startPageServer();
const studio = await startStudio(['--tokens-per-address', '1000']);
const browser = await launchChromium(['--autoplay-policy=no-user-gesture-required']);
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(pages.url);
  await page.waitForFunction(() => document.title === 'ready' && window.i2v);
  const made = await makeDraftInPage(page, studio.url, makePhotos(5),
    'turn these 5 images into a 30-second video with smooth transitions and background music');
  const results = { canvas: made.canvas };
  for (const [label, options] of [['video', { resolution: 'video' }], ['page640', { resolution: 'display', cssWidth: 640 }]]) {
    const loaded = await loadPreviewInPage(page, options);
    const measured = await page.evaluate(async (seconds) => {
      const { preview, el } = window.__preview;
      const frames = new Set();
      const onTime = () => frames.add(preview.timeline.sceneAt(preview.currentTime).frame);
      preview.addEventListener('timeupdate', onTime);
      await preview.seek(0);
      const stamps = [];
      let running = true;
      const count = (at) => {
        stamps.push(at);
        if (running) requestAnimationFrame(count);
      };
      preview.play();
      requestAnimationFrame(count);
      await new Promise((done) => setTimeout(done, seconds * 1000));
      running = false;
      const played = preview.currentTime;
      preview.pause();
      preview.removeEventListener('timeupdate', onTime);
      const span = (stamps.at(-1) - stamps[0]) / 1000;
      let longest = 0;
      for (let i = 1; i < stamps.length; i += 1) longest = Math.max(longest, stamps[i] - stamps[i - 1]);

      // Seeks to random times (a fixed sequence), each to a frame not drawn before.
      let seed = 7;
      const random = () => {
        seed = (seed * 16807) % 2147483647;
        return seed / 2147483647;
      };
      const drawn = [];
      const rastered = [];
      const onScreen = [];
      const ctx = el.getContext('2d');
      for (let i = 0; i < 30; i += 1) {
        const ms = random() * preview.duration;
        const t0 = performance.now();
        await preview.seek(ms);
        drawn.push(performance.now() - t0);
        // Reading a pixel makes the canvas carry out every drawing call queued for it.
        ctx.getImageData(0, 0, 1, 1);
        rastered.push({ ms: performance.now() - t0, at: Math.round(ms) });
        await new Promise((done) => requestAnimationFrame(done));
        onScreen.push(performance.now() - t0);
      }
      const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
      const round = (x) => Math.round(x * 10) / 10;
      return {
        size: `${el.width}x${el.height}`,
        playedMs: Math.round(played),
        rafFps: round((stamps.length - 1) / span),
        drawnFps: round(frames.size / span),
        longestGapMs: round(longest),
        seek: { medianMs: round(median(drawn)), worstMs: round(Math.max(...drawn)),
          rasteredMedianMs: round(median(rastered.map((r) => r.ms))),
          rasteredWorst: rastered.reduce((a, b) => (b.ms > a.ms ? b : a)),
          onScreenMedianMs: round(median(onScreen)), onScreenWorstMs: round(Math.max(...onScreen)) },
      };
    }, seconds);
    results[label] = { loadMs: Math.round(loaded.loadMs), errors: loaded.errors.length, ...measured };
    await page.evaluate(() => {
      window.__preview.preview.destroy();
      window.__preview.el.remove();
    });
  }
  console.log(JSON.stringify(results));
} finally {
  await browser.close();
  await pages.stop();
  await studio.stop();
}
