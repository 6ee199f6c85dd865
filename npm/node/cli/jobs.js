// What `i2v make` was asked to do: one video from images, or a batch from a folder of image
// sets or a JSON list of jobs.
//
// - `i2v make a.jpg b.jpg --prompt … --out v.mp4`: one job.
// - `i2v make photos/ …` where photos/ holds images: one job from them, in name order.
// - `i2v make sets/ … --out videos/` where sets/ holds folders of images: one job per folder,
//   its prompt from the folder's `prompt.txt` when there is one, else `--prompt`.
// - `i2v make jobs.json --out videos/`: `[{ "images": [...] | "folder", "prompt": "…",
//   "out": "name.mp4" }]` (or `{ "jobs": [...] }`), paths relative to the JSON file.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';

import { checkBatchFiles, videoFile, videoFolder } from './out.js';
import { UsageError } from './studio.js';

/** What the agent turns into videos: pictures, and clips to cut in. */
const MEDIA = new Set(['jpg', 'jpeg', 'png', 'gif', 'webp', 'heic', 'mp4', 'mov', 'webm', 'mkv', 'avi']);

const byName = (a, b) => a.localeCompare(b, undefined, { numeric: true });

function isDirectory(path) {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** The media files in `dir`, in natural name order. */
function mediaIn(dir) {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isFile() && MEDIA.has(extname(entry.name).slice(1).toLowerCase()))
    .map((entry) => entry.name)
    .sort(byName)
    .map((name) => join(dir, name));
}

function readPrompt(dir) {
  try {
    return readFileSync(join(dir, 'prompt.txt'), 'utf8').trim() || null;
  } catch {
    return null;
  }
}

function outputName(name, format) {
  return `${name.replace(/[^\p{L}\p{N}._-]+/gu, '_') || 'video'}.${format}`;
}

/** Jobs from a JSON job list. */
function fromJobList(file, prompt, outDir, format) {
  let list;
  try {
    list = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new UsageError(`${file} is not a readable JSON job list: ${error.message}`);
  }
  if (!Array.isArray(list)) list = list?.jobs;
  if (!Array.isArray(list) || list.length === 0) {
    throw new UsageError(`${file} should hold a list of jobs: [{ "images": [...], "prompt": "…" }]`);
  }
  const base = dirname(resolve(file));
  return list.map((job, index) => {
    if (job === null || typeof job !== 'object') throw new UsageError(`job ${index + 1} in ${file} is not an object`);
    const images =
      typeof job.images === 'string'
        ? isDirectory(resolve(base, job.images))
          ? mediaIn(resolve(base, job.images))
          : [resolve(base, job.images)]
        : Array.isArray(job.images)
          ? job.images.map((image) => resolve(base, String(image)))
          : [];
    const name = typeof job.name === 'string' && job.name ? job.name : `job-${index + 1}`;
    const jobPrompt = typeof job.prompt === 'string' && job.prompt.trim() ? job.prompt : prompt;
    if (images.length === 0) throw new UsageError(`job ${name} in ${file} has no images`);
    if (!jobPrompt) throw new UsageError(`job ${name} in ${file} has no prompt (and no --prompt was given)`);
    const out = typeof job.out === 'string' && job.out ? resolve(outDir, job.out) : join(outDir, outputName(name, format));
    return { name, images, prompt: jobPrompt, out };
  });
}

/**
 * The jobs of `i2v make`: `{ name, images, prompt, out }` each, and whether it is a batch.
 * `out` (`--out`) is the video file or a folder for one job, the folder of videos for a batch;
 * each job's `out` is its file, checked before any work (./out.js).
 */
export function planJobs(inputs, { prompt, out, format = 'mp4' }) {
  if (inputs.length === 0) throw new UsageError('i2v make needs images, a folder of images, or a JSON job list');
  if (inputs.length === 1 && extname(inputs[0]).toLowerCase() === '.json') {
    const outDir = videoFolder(out);
    return { batch: true, jobs: checkBatchFiles(fromJobList(inputs[0], prompt, outDir, format), outDir, format) };
  }
  if (inputs.length === 1 && isDirectory(inputs[0])) {
    const dir = inputs[0];
    const sets = readdirSync(dir, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      .sort(byName)
      .filter((name) => mediaIn(join(dir, name)).length > 0);
    if (sets.length > 0) {
      const jobs = sets.map((name) => {
        const jobPrompt = readPrompt(join(dir, name)) ?? prompt;
        if (!jobPrompt) throw new UsageError(`${join(dir, name)} has no prompt.txt and no --prompt was given`);
        return { name, images: mediaIn(join(dir, name)), prompt: jobPrompt, out: outputName(name, format) };
      });
      const outDir = videoFolder(out);
      for (const job of jobs) job.out = join(outDir, job.out);
      return { batch: true, jobs: checkBatchFiles(jobs, outDir, format) };
    }
    const images = mediaIn(dir);
    if (images.length === 0) throw new UsageError(`${dir} holds no images`);
    return { batch: false, jobs: [single(basename(resolve(dir)), images, prompt, out, format)] };
  }
  return { batch: false, jobs: [single('video', inputs, prompt, out, format)] };
}

function single(name, images, prompt, out, format) {
  if (!prompt) throw new UsageError('say what video to make with --prompt "…"');
  return { name, images, prompt, out: videoFile(out, { name, format }) };
}
