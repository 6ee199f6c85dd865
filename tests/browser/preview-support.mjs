// What the preview's end-to-end test and its bench share: real photos made by ffmpeg, a draft
// made in the page by a real chat turn against a real studio, a `Preview` on a canvas of the
// page, and ffmpeg's SSIM between two pictures.

import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Photo-like pictures from ffmpeg's sources: `[{ name, type, base64 }]`, landscape and portrait. */
export function makePhotos(count = 5) {
  const sources = [
    ['beach.jpg', 'mandelbrot=s=1600x1000:maxiter=300'],
    ['tower.jpg', 'gradients=s=900x1400:n=5:seed=7'],
    ['bars.png', 'smptehdbars=s=1280x720'],
    ['city.jpg', 'testsrc2=s=1200x900'],
    ['cells.png', 'cellauto=s=1000x750:rule=90:random_seed=3'],
  ].slice(0, count);
  const dir = mkdtempSync(join(tmpdir(), 'i2v-preview-photos-'));
  try {
    return sources.map(([name, source], i) => {
      const path = join(dir, `${i}-${name}`);
      execFileSync('ffmpeg', ['-loglevel', 'error', '-y', '-f', 'lavfi', '-i', source, '-frames:v', '1', '-q:v', '3', path]);
      return { name, type: name.endsWith('.png') ? 'image/png' : 'image/jpeg', base64: readFileSync(path).toString('base64') };
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * A HEIC photo (which Chromium cannot decode) of one colour, `#rrggbb`, made by libheif's
 * `heif-enc` from a PNG of ffmpeg's.
 */
export function makeHeic(color, name = 'holiday.heic') {
  const dir = mkdtempSync(join(tmpdir(), 'i2v-preview-heic-'));
  try {
    const png = join(dir, 'photo.png');
    const heic = join(dir, name);
    execFileSync('ffmpeg', ['-loglevel', 'error', '-y', '-f', 'lavfi', '-i', `color=c=${color}:s=1200x800`, '-frames:v', '1', png]);
    execFileSync('heif-enc', ['-q', '90', '-o', heic, png], { stdio: 'ignore' });
    return { name, type: 'image/heic', base64: readFileSync(heic).toString('base64') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * In the page: connects a client to the studio, uploads `photos`, runs the chat turn `prompt`,
 * and keeps on `window.__preview` what the other steps use: `{ client, draft, canvas, files }`.
 * Returns the draft's JSON and the frame.
 */
export async function makeDraftInPage(page, studioUrl, photos, prompt) {
  return page.evaluate(async ({ studioUrl, photos, prompt }) => {
    const { Client } = window.i2v;
    const client = new Client({
      apiUrl: studioUrl,
      webUrl: studioUrl,
      timing: { exportPollIntervalMs: 200, exportMaxPolls: 900, retryBaseBackoffMs: 20 },
    });
    await client.connect();
    const files = photos.map((p) => new File([Uint8Array.from(atob(p.base64), (c) => c.charCodeAt(0))], p.name, { type: p.type }));
    const media = await client.upload(files);
    for await (const event of client.send(prompt)) {
      if (event.type === 'error') throw new Error(event.message ?? 'the turn failed');
    }
    const state = await client.state();
    const byId = new Map(media.map((m, i) => [m.mediaId, files[i]]));
    window.__preview = { client, draft: state.draft, canvas: state.canvas, files: byId };
    return { draft: state.draft.toJSON(), canvas: state.canvas };
  }, { studioUrl, photos, prompt });
}

/**
 * In the page: a `Preview` of the draft made by `makeDraftInPage` on a new canvas (`cssWidth`
 * wide; `resolution` as Preview takes it), loading media through the client's `previewMedia`
 * where the package has it, else from the files uploaded. Kept as `window.__preview.preview`.
 */
export async function loadPreviewInPage(page, { resolution = 'video', cssWidth = 960 } = {}) {
  return page.evaluate(async ({ resolution, cssWidth }) => {
    const { Preview } = window.i2v;
    const state = window.__preview;
    const el = document.createElement('canvas');
    el.style.width = `${cssWidth}px`;
    document.body.append(el);
    const errors = [];
    const preview = new Preview(el, {
      resolution,
      loadMedia: (src, kind, { signal } = {}) => {
        if (typeof state.client.previewMedia === 'function') return state.client.previewMedia(src, { signal });
        const file = state.files.get(src);
        return file ? Promise.resolve(file) : Promise.reject(new Error(`no file for ${src}`));
      },
    });
    preview.addEventListener('error', (event) => errors.push(`${event.detail.src}: ${event.detail.error?.message}`));
    const started = performance.now();
    await preview.load(state.draft, { canvas: state.canvas });
    const loadMs = performance.now() - started;
    Object.assign(state, { preview, el, errors });
    return { loadMs, errors, width: el.width, height: el.height, durationMs: preview.duration,
      previewMedia: typeof state.client.previewMedia === 'function' };
  }, { resolution, cssWidth });
}

/** ffmpeg's SSIM ("All", 0 to 1) between two pictures of the same size. */
export function ssimOf(a, b) {
  const run = spawnSync('ffmpeg', ['-hide_banner', '-nostats', '-i', a, '-i', b, '-lavfi', 'ssim', '-f', 'null', '-'],
    { encoding: 'utf8' });
  const match = run.stderr.match(/SSIM .*All:([0-9.]+)/);
  if (!match) throw new Error(`ffmpeg ssim gave no figure: ${run.stderr.slice(-2000)}`);
  return Number(match[1]);
}

/**
 * Frame `n` of the video `video` as an RGB PNG at `out`: decoded as the browser decodes the MP4
 * (BT.709, limited range).
 */
export function extractFrame(video, n, out) {
  execFileSync('ffmpeg', ['-loglevel', 'error', '-y', '-i', video, '-vf',
    `select=eq(n\\,${n}),scale=in_color_matrix=bt709:in_range=tv:out_range=pc,format=rgb24`,
    '-frames:v', '1', '-update', '1', out]);
}
