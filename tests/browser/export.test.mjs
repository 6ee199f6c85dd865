// The export made in the page itself (`exportVideo`: WebCodecs and mediabunny, no server), in
// headless Chromium: a 4 s draft of 3 real photos with transitions, a title and music, made by
// a real chat turn against a real studio, exported to WebM in the page, the Blob saved and read
// by ffprobe (VP9, the size, every frame, the length within a frame, an Opus stream), then
// frames of it compared with the studio's own MP4 of the same draft by ffmpeg's `ssim` filter.
// Also: cancelling stops it (an AbortError, no Blob, no more progress), and a format the
// browser cannot make is a typed error naming it. The files stay in target/browser-export/.

import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { extractFrame, makeDraftInPage, makePhotos, ssimOf } from './preview-support.mjs';
import { openTestPage, repoRoot } from './support.mjs';

const outDir = join(repoRoot, 'target/browser-export');
const PROMPT = "make a 4-second video with fade transitions, a title 'Export' and calm music";

let opened;
let studio;
let page;
let pageErrors;

before(async () => {
  opened = await openTestPage({ studioArgs: ['--tokens-per-address', '1000'] });
  ({ studio, page, pageErrors } = opened);
  mkdirSync(outDir, { recursive: true });
  await makeDraftInPage(page, studio.url, makePhotos(3), PROMPT);
  await page.evaluate(() => window.i2v.initPreview());
});

after(async () => {
  await opened?.close();
});

/** In the page: `exportVideo` of the draft with `options`; the video as base64, and what it said. */
function exportInPage(options) {
  return page.evaluate(async (options) => {
    const { exportVideo } = window.i2v;
    const state = window.__preview;
    const phases = new Set();
    let calls = 0;
    const started = performance.now();
    const blob = await exportVideo(state.draft, {
      ...options,
      canvas: state.canvas,
      client: state.client,
      onProgress: (p) => {
        calls += 1;
        phases.add(p.phase);
      },
    });
    const ms = performance.now() - started;
    const url = await new Promise((done) => {
      const reader = new FileReader();
      reader.onload = () => done(reader.result);
      reader.readAsDataURL(blob);
    });
    const timeline = state.draft.timeline(state.canvas);
    const info = { frames: timeline.frames, durationMs: timeline.durationMs, canvas: timeline.canvas };
    timeline.free();
    return { base64: url.slice(url.indexOf(',') + 1), type: blob.type, size: blob.size, ms, calls, phases: [...phases], ...info };
  }, options);
}

function probe(file) {
  const json = execFileSync('ffprobe', ['-v', 'error', '-count_frames', '-show_entries',
    'stream=codec_type,codec_name,width,height,nb_read_frames,r_frame_rate,sample_rate,channels,color_space:format=duration',
    '-of', 'json', file], { encoding: 'utf8' });
  return JSON.parse(json);
}

/** The integrated loudness of a file's sound in LUFS, as ffmpeg's ebur128 filter measures it. */
function integratedLufs(file) {
  const run = spawnSync('ffmpeg', ['-hide_banner', '-nostats', '-i', file, '-map', '0:a', '-af', 'ebur128', '-f', 'null', '-'],
    { encoding: 'utf8' });
  const summary = run.stderr.slice(run.stderr.lastIndexOf('Summary:'));
  const found = /I:\s+(-?[\d.]+) LUFS/.exec(summary);
  assert.ok(found, `no loudness in ffmpeg's summary: ${summary}`);
  return Number(found[1]);
}

/** Frame `n` of an in-browser video as an RGB PNG, decoded by the colour tags it carries. */
function extractOwnFrame(video, n, out) {
  execFileSync('ffmpeg', ['-loglevel', 'error', '-y', '-i', video, '-vf',
    `select=eq(n\\,${n}),scale=out_range=pc,format=rgb24`, '-frames:v', '1', '-update', '1', out]);
}

test('exportVideo makes the WebM in the page: VP9 and Opus, every frame, the studio\'s pictures (SSIM)', { timeout: 400_000 }, async (t) => {
  const formats = await page.evaluate(() => window.i2v.exportFormats());
  t.diagnostic(`exportFormats(): ${JSON.stringify(formats)}`);
  assert.equal(formats.find((f) => f.format === 'webm')?.available, true);

  const made = await exportInPage({ format: 'webm' });
  const webm = join(outDir, 'browser.webm');
  writeFileSync(webm, Buffer.from(made.base64, 'base64'));
  t.diagnostic(`${made.frames} frames (${made.durationMs} ms at ${JSON.stringify(made.canvas)}) in ${Math.round(made.ms)} ms: `
    + `${(made.frames / (made.ms / 1000)).toFixed(1)} frames/s; ${made.size} bytes; ${made.calls} progress calls (${made.phases.join(', ')})`);
  assert.equal(made.type, 'video/webm');
  assert.ok(made.calls >= made.frames, 'progress at every frame');

  const info = probe(webm);
  const videoStream = info.streams.find((s) => s.codec_type === 'video');
  const audioStream = info.streams.find((s) => s.codec_type === 'audio');
  t.diagnostic(`ffprobe: ${JSON.stringify(info)}`);
  assert.equal(videoStream.codec_name, 'vp9');
  assert.equal(videoStream.width, made.canvas.width);
  assert.equal(videoStream.height, made.canvas.height);
  assert.equal(Number(videoStream.nb_read_frames), made.frames);
  const frameMs = 1000 / made.canvas.fps;
  assert.ok(Math.abs(Number(info.format.duration) * 1000 - made.durationMs) <= frameMs + 1,
    `duration ${info.format.duration} s for ${made.durationMs} ms`);
  assert.ok(audioStream, 'an audio stream');
  assert.equal(audioStream.codec_name, 'opus');

  // The studio renders the same draft with its ffmpeg graph: the same pictures, frame for frame.
  const exported = await page.evaluate(async () => {
    const result = await window.__preview.client.export({ format: 'mp4' });
    return { url: result.url };
  });
  const response = await fetch(exported.url);
  assert.equal(response.status, 200);
  const mp4 = join(outDir, 'studio.mp4');
  writeFileSync(mp4, Buffer.from(await response.arrayBuffer()));
  const studioFrames = Number(probe(mp4).streams.find((s) => s.codec_type === 'video').nb_read_frames);
  t.diagnostic(`the studio's MP4: ${studioFrames} frames`);
  assert.equal(studioFrames, made.frames);

  const results = [];
  for (const fraction of [0.05, 0.25, 0.45, 0.6, 0.8, 0.97]) {
    const n = Math.floor(made.frames * fraction);
    const ours = join(outDir, `browser-${String(n).padStart(4, '0')}.png`);
    const theirs = join(outDir, `studio-${String(n).padStart(4, '0')}.png`);
    extractOwnFrame(webm, n, ours);
    extractFrame(mp4, n, theirs);
    const ssim = ssimOf(ours, theirs);
    results.push({ frame: n, ssim });
    t.diagnostic(`frame ${n}: SSIM ${ssim.toFixed(4)} against the studio's MP4`);
  }
  // The sound is levelled to the timeline's loudness, as the studio's normaliser levels its own.
  const loudness = { browser: integratedLufs(webm), studio: integratedLufs(mp4) };
  t.diagnostic(`integrated loudness: in the page ${loudness.browser} LUFS, the studio's ${loudness.studio} LUFS`);
  console.log(JSON.stringify({ exportSsim: results, framesPerSecond: made.frames / (made.ms / 1000), loudness }));
  for (const r of results) assert.ok(r.ssim >= 0.9, `frame ${r.frame}: SSIM ${r.ssim}`);
  assert.ok(Math.abs(loudness.browser - loudness.studio) <= 2, JSON.stringify(loudness));
  assert.deepEqual(pageErrors, []);
});

test('MP4 where Chromium encodes H.264: an H.264 stream of every frame, with its sound', { timeout: 120_000 }, async (t) => {
  const mp4Format = (await page.evaluate(() => window.i2v.exportFormats())).find((f) => f.format === 'mp4');
  if (!mp4Format.available) {
    t.skip(`this Chromium makes no MP4: ${mp4Format.reason}`);
    return;
  }
  const made = await exportInPage({ format: 'mp4', width: 1280 });
  const file = join(outDir, 'browser.mp4');
  writeFileSync(file, Buffer.from(made.base64, 'base64'));
  const info = probe(file);
  t.diagnostic(`ffprobe: ${JSON.stringify(info)}`);
  const videoStream = info.streams.find((s) => s.codec_type === 'video');
  assert.equal(made.type, 'video/mp4');
  assert.equal(videoStream.codec_name, 'h264');
  assert.deepEqual([videoStream.width, videoStream.height], [1280, 720]);
  assert.equal(Number(videoStream.nb_read_frames), made.frames);
  assert.equal(info.streams.find((s) => s.codec_type === 'audio')?.codec_name, mp4Format.audio === 'opus' ? 'opus' : 'aac');
});

test('cancelling stops the export: an AbortError, no Blob, no progress after', { timeout: 120_000 }, async () => {
  const outcome = await page.evaluate(async () => {
    const { exportVideo } = window.i2v;
    const state = window.__preview;
    const controller = new AbortController();
    let frames = 0;
    let afterAbort = 0;
    const run = exportVideo(state.draft, {
      format: 'webm',
      canvas: state.canvas,
      client: state.client,
      signal: controller.signal,
      onProgress: (p) => {
        if (controller.signal.aborted) afterAbort += 1;
        else if (p.phase === 'video') frames = p.frame;
        if (p.frame >= 10 && !controller.signal.aborted) controller.abort(new Error('the person stopped it'));
      },
    });
    let result;
    try {
      result = { blob: await run };
    } catch (error) {
      result = { name: error.name, kind: error.kind, cause: error.cause?.message };
    }
    await new Promise((done) => setTimeout(done, 300));
    return { ...result, blob: result.blob ? result.blob.size : null, frames, afterAbort };
  });
  assert.equal(outcome.blob, null);
  assert.equal(outcome.name, 'AbortError');
  assert.equal(outcome.kind, 'cancelled');
  assert.equal(outcome.cause, 'the person stopped it');
  assert.equal(outcome.frames, 10);
  assert.equal(outcome.afterAbort, 0);
});

test('a format the browser cannot make is an export_option RenderError that names it', async () => {
  const outcome = await page.evaluate(async () => {
    const { exportVideo, exportFormats } = window.i2v;
    const state = window.__preview;
    const mp4 = (await exportFormats()).find((f) => f.format === 'mp4');
    const tries = {};
    for (const format of ['gif', ...(mp4.available ? [] : ['mp4'])]) {
      try {
        await exportVideo(state.draft, { format, canvas: state.canvas, client: state.client });
        tries[format] = 'made';
      } catch (error) {
        tries[format] = { name: error.name, kind: error.kind, option: error.option, message: error.message };
      }
    }
    return { mp4, tries };
  });
  for (const [format, error] of Object.entries(outcome.tries)) {
    assert.equal(error.name, 'RenderError', format);
    assert.equal(error.kind, 'export_option');
    assert.equal(error.option.name, 'format');
    assert.equal(error.option.value, format);
    assert.match(error.message, new RegExp(format));
  }
});

test('a video longer than the page can hold is refused at once, saying to export it from the studio', async () => {
  const refused = await page.evaluate(async () => {
    const { exportVideo, parseDraft } = window.i2v;
    const long = parseDraft({ t: [{ tt: 0, sg: [{ d: 11 * 60 * 1000, m: { src: 'a' } }] }] });
    const started = performance.now();
    try {
      await exportVideo(long, { loadMedia: () => Promise.reject(new Error('nothing is loaded')) });
      return { made: true };
    } catch (error) {
      return { name: error.name, kind: error.kind, message: error.message, ms: performance.now() - started };
    }
  });
  assert.equal(refused.name, 'RenderError', JSON.stringify(refused));
  assert.equal(refused.kind, 'render');
  assert.match(refused.message, /lasts 11 min.*at most 10 min.*studio/);
});
