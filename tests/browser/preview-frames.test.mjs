// The live preview is the video: real photos uploaded to a real studio, a draft made by a chat
// turn, the MP4 exported by the studio's ffmpeg, then the preview drawn in headless Chromium
// (the real `draft.timeline()` of the wasm core) at 10 sample times — inside a transition,
// during the title, along a zoom, in the fades — each canvas saved as a PNG and compared with the
// MP4's frame of the same index by ffmpeg's `ssim` filter: each at least 0.9. The figures are
// printed (the note wants them); the PNGs stay in target/preview-frames/ to look at.

import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { extractFrame, loadPreviewInPage, makeDraftInPage, makeHeic, makePhotos, ssimOf } from './preview-support.mjs';
import { openTestPage, repoRoot } from './support.mjs';

const outDir = join(repoRoot, 'target/preview-frames');
const PROMPT = "make a 12-second video with fade transitions, a title 'Preview' and calm music, and fade the video in and out";

let opened;
let studio;
let page;
let pageErrors;

before(async () => {
  opened = await openTestPage({ studioArgs: ['--tokens-per-address', '1000'], chromiumArgs: ['--autoplay-policy=no-user-gesture-required'] });
  ({ studio, page, pageErrors } = opened);
  mkdirSync(outDir, { recursive: true });
});

after(async () => {
  await opened?.close();
});

/**
 * Ten frames worth comparing, from the timeline's own scenes: the first (fading in), two inside
 * transitions (early and late in one), the title at full strength and fading, the middle of a
 * zoom, a plain frame of each later clip, and the last (faded out).
 */
function pickFrames(scenes) {
  const picked = new Map();
  const add = (why, scene) => {
    if (scene && !picked.has(scene.frame) && picked.size < 10) picked.set(scene.frame, why);
  };
  const transitions = scenes.filter((s) => s.transition);
  add('fade in', scenes.find((s) => s.black > 0 && s.black < 1));
  add('transition, early', transitions.find((s) => s.transition.progress < 0.8 && s.transition.progress > 0.6));
  add('transition, late', transitions.find((s) => s.transition.progress < 0.35 && s.transition.progress > 0.15));
  add('title', scenes.find((s) => s.texts.length && s.texts[0].opacity === 1 && s.frame > 20));
  add('title fading', scenes.find((s) => s.texts.length && s.texts[0].opacity > 0.2 && s.texts[0].opacity < 0.8 && s.frame > 30));
  const moving = scenes.filter((s) => s.pictures.length === 1 && !s.transition && s.texts.length === 0
    && (s.pictures[0].view.width !== s.pictures[0].composed.width || s.pictures[0].view.x !== 0));
  add('zoom', moving[Math.floor(moving.length / 2)]);
  add('second transition', transitions.filter((s) => s.frame > (transitions[0]?.frame ?? 0) + 40)
    .find((s) => s.transition.progress < 0.6 && s.transition.progress > 0.4));
  add('fade out', scenes.findLast((s) => s.black > 0.2 && s.black < 0.8));
  add('last', scenes.at(-1));
  for (const fraction of [0.4, 0.6, 0.8, 0.9]) add('plain', scenes[Math.floor(scenes.length * fraction)]);
  return [...picked].sort((a, b) => a[0] - b[0]);
}

test('the preview draws the exported MP4 frame for frame: SSIM >= 0.9 at 10 sample times', { timeout: 300_000 }, async (t) => {
  const made = await makeDraftInPage(page, studio.url, makePhotos(3), PROMPT);
  t.diagnostic(`canvas ${JSON.stringify(made.canvas)}`);

  // The studio renders the same draft (its own ffmpeg graph, from the same core timeline).
  const exported = await page.evaluate(async () => {
    const result = await window.__preview.client.export({ format: 'mp4' });
    return { url: result.url, width: result.width, height: result.height, durationMs: result.durationMs };
  });
  const response = await fetch(exported.url);
  assert.equal(response.status, 200);
  const video = join(outDir, 'exported.mp4');
  writeFileSync(video, Buffer.from(await response.arrayBuffer()));

  const loaded = await loadPreviewInPage(page, { resolution: 'video' });
  t.diagnostic(`preview ${loaded.width}x${loaded.height}, ${loaded.durationMs} ms, media loaded in ${Math.round(loaded.loadMs)} ms`
    + ` (${loaded.previewMedia ? 'client.previewMedia' : 'the uploaded files'}); errors: ${loaded.errors.join('; ') || 'none'}`);
  assert.deepEqual([loaded.width, loaded.height], [exported.width, exported.height]);
  assert.ok(loaded.errors.every((e) => e.startsWith('library:') || !loaded.previewMedia), loaded.errors.join());

  // Every scene, to choose the frames worth comparing (sceneAt at each frame's middle).
  const scenes = await page.evaluate(() => {
    const { timeline } = window.__preview.preview;
    const { fps } = timeline.canvas;
    const out = [];
    for (let n = 0; n < timeline.frames; n += 1) {
      const s = timeline.sceneAt(((n + 0.5) * 1000) / fps);
      out.push({ frame: s.frame, timeMs: s.timeMs, black: s.black, transition: s.transition, texts: s.texts.map((x) => ({ opacity: x.opacity })),
        pictures: s.pictures.map((p) => ({ composed: p.composed, view: p.view })) });
    }
    return out;
  });
  const frames = pickFrames(scenes);
  assert.equal(frames.length, 10, JSON.stringify(frames));

  const results = [];
  for (const [frame, why] of frames) {
    const { dataUrl, timeMs } = await page.evaluate(async (frame) => {
      const { preview, el } = window.__preview;
      const ms = ((frame + 0.5) * 1000) / preview.timeline.canvas.fps;
      await preview.seek(ms);
      return { dataUrl: el.toDataURL('image/png'), timeMs: ms };
    }, frame);
    const drawn = join(outDir, `preview-${String(frame).padStart(4, '0')}.png`);
    const rendered = join(outDir, `mp4-${String(frame).padStart(4, '0')}.png`);
    writeFileSync(drawn, Buffer.from(dataUrl.slice(dataUrl.indexOf(',') + 1), 'base64'));
    extractFrame(video, frame, rendered);
    const score = ssimOf(drawn, rendered);
    results.push({ frame, timeMs: Math.round(timeMs), why, ssim: score });
    t.diagnostic(`frame ${frame} (${Math.round(timeMs)} ms, ${why}): SSIM ${score.toFixed(4)}`);
  }
  console.log(JSON.stringify({ ssim: results }));
  for (const r of results) assert.ok(r.ssim >= 0.9, `frame ${r.frame} (${r.why}): SSIM ${r.ssim}`);
  assert.deepEqual(pageErrors, []);
});

test('a HEIC photo, which Chromium cannot decode, is drawn from the studio\'s proxy', { timeout: 120_000 }, async () => {
  const heic = makeHeic('#e02020');
  await makeDraftInPage(page, studio.url, [heic, ...makePhotos(1)], 'make a 6-second video with no transitions');
  const decodable = await page.evaluate(async (base64) => {
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    try {
      await createImageBitmap(new Blob([bytes], { type: 'image/heic' }));
      return true;
    } catch {
      return false;
    }
  }, heic.base64);
  const loaded = await loadPreviewInPage(page, { resolution: 'video' });
  assert.deepEqual(loaded.errors, []);
  // The middle of the HEIC's clip (the first: a still, blurred around, no move).
  const pixel = await page.evaluate(async () => {
    const { preview, el } = window.__preview;
    const first = preview.timeline.sceneAt(1000).pictures[0];
    await preview.seek(1000);
    const data = el.getContext('2d').getImageData(el.width / 2, el.height / 2, 1, 1).data;
    return { src: first.src, rgb: [...data.slice(0, 3)] };
  });
  const [r, g, b] = pixel.rgb;
  assert.ok(r > 180 && g < 80 && b < 80, `the HEIC's red at the centre (Chromium decodes HEIC itself: ${decodable}): ${pixel.rgb}`);
  assert.deepEqual(pageErrors, []);
});
