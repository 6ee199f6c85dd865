// One video from images and an instruction: upload, the agent's turn, the render, the download,
// each step told to a reporter (bars and the streamed reply for one video, a row of a batch's
// board for many).

import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

import { sizeMismatch } from './asks.js';
import { checkFiles, uploadEach } from './files.js';
import { say } from './messages.js';
import { megabytes } from './progress.js';
import { renderProject } from './render.js';

/** Fetches `url` into the file `out` (through a temporary file, so `out` is whole or absent). */
export async function download(url, out, signal) {
  const response = await fetch(url, { signal });
  if (!response.ok || !response.body) {
    throw new Error(`the video could not be downloaded (HTTP ${response.status})`);
  }
  await mkdir(dirname(out), { recursive: true });
  const partial = `${out}.part`;
  try {
    await pipeline(Readable.fromWeb(response.body), createWriteStream(partial), { signal });
    await rename(partial, out);
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
}

/** What a finished video is, in a few words: `webm, 1280x720, 2.0 s, 25 fps, 0.4 MB`. */
export function describeVideo(result) {
  const parts = [];
  if (result.format) parts.push(result.format);
  if (result.width && result.height) parts.push(`${result.width}x${result.height}`);
  if (result.durationMs) parts.push(`${(result.durationMs / 1000).toFixed(1)} s`);
  if (result.fps) parts.push(`${Math.round(result.fps * 100) / 100} fps`);
  if (result.size) parts.push(megabytes(result.size));
  return parts.join(', ');
}

/**
 * The link that opens the project in the web app, or null when there is none to give (the
 * backend gave none, or the call failed: the video is made, and the link is only a courtesy).
 */
async function claimLink(client, signal) {
  try {
    return await client.claimUrl({ signal });
  } catch {
    return null;
  }
}

/**
 * The lines that follow a video made, `{ err, text }` each: a note (for stderr) when it was
 * made at another size than `resolution` (`--resolution`, read) asked, then (for stdout) the
 * poster and the claim link, unless the backend is `local`, its links ending with this run.
 */
export async function afterVideo(client, result, { local, resolution = null, interrupt }) {
  const lines = [];
  const size = sizeMismatch(resolution, result);
  if (size) lines.push({ err: true, text: say('sizeNote', { asked: resolution.resolution, size }) });
  if (!local && result.posterUrl) lines.push({ err: false, text: say('poster', { url: result.posterUrl }) });
  const link = local ? null : await claimLink(client, interrupt);
  if (link) lines.push({ err: false, text: say('claim', { url: link }) });
  return lines;
}

/** The agent's turn made nothing to render; `reply` is what it said instead. */
export class NoVideo extends Error {
  constructor(reply) {
    super(say('noVideo'));
    this.reply = reply;
  }
}

/**
 * Makes `job`'s video (`{ images, prompt, out }`) with `client` (connected) and resolves to the
 * SDK's `ExportResult`. `report` is told each step: `uploading({ sent, total })`,
 * `uploaded(media)`, `turn(turnStream)` (which consumes the turn and resolves to its outcome),
 * `rendering(progress|null)`,
 * `rendered(result)`, `downloading()` and `note(line)`; each is optional but `turn`.
 * `onDraft` is called once the agent has made something, before the render; `render` holds
 * `renderProject`'s options (memory, detachable, again, exportOptions). `interrupt` is Ctrl-C.
 */
export async function makeVideo(client, job, { report, interrupt, onDraft, render = {} }) {
  const sizes = checkFiles(job.images);
  report.uploading?.({ sent: 0, total: sizes.reduce((sum, size) => sum + size, 0) });
  const media = await uploadEach(client, job.images, { sizes, signal: interrupt, onProgress: report.uploading });
  report.uploaded?.(media);
  const said = await report.turn(client.chat(job.prompt, { signal: interrupt }));
  if (!(said?.outcome?.draft ?? client.lastDraft)?.isExportReady()) throw new NoVideo(said?.outcome?.texts ?? []);
  onDraft?.();
  report.rendering?.(null);
  const result = await renderProject(client, {
    ...render,
    interrupt,
    note: report.note,
    onProgress: report.rendering,
  });
  report.rendered?.(result);
  report.downloading?.();
  await download(result.url || result.downloadUrl, job.out, interrupt);
  return result;
}
