// One video from images and an instruction: upload, the agent's turn, the render, the download.

import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

import { megabytes, renderProgress, uploadProgress } from './progress.js';
import { printTurn } from './turn.js';

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

/** What a finished video is, in a few words. */
export function describeVideo(result) {
  const parts = [];
  if (result.width && result.height) parts.push(`${result.width}x${result.height}`);
  if (result.durationMs) parts.push(`${(result.durationMs / 1000).toFixed(1)} s`);
  if (result.size) parts.push(megabytes(result.size));
  return parts.join(', ');
}

/**
 * Makes `job`'s video with `client` (connected or resumed). With `verbose`, progress bars and
 * the agent's reply are shown as they come; a batch runs quietly. `onDraft` is called once the
 * agent has made something, before the render, so the project can be picked up again.
 */
export async function makeVideo(client, job, { verbose, signal, onDraft }) {
  const upload = verbose ? uploadProgress(`uploading ${job.images.length} file${job.images.length === 1 ? '' : 's'}`) : null;
  try {
    const media = await client.upload(job.images, { signal, onProgress: upload?.onProgress });
    upload?.bar.done(`${media.length} stored`);
  } catch (error) {
    upload?.bar.abandon();
    throw error;
  }
  const turn = client.chat(job.prompt, { signal });
  if (verbose) await printTurn(turn, { linksLast: false });
  else await turn.outcome;
  onDraft?.();
  const render = verbose ? renderProgress('rendering') : null;
  let result;
  try {
    result = await client.export({ signal, onProgress: render?.onProgress });
    render?.bar.done(describeVideo(result) || 'done');
  } catch (error) {
    render?.bar.abandon();
    throw error;
  }
  await download(result.url || result.downloadUrl, job.out, signal);
  return result;
}
