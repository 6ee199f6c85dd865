// The files a person gives, checked and uploaded so that every problem names its file and says
// what is wrong with it: missing, a folder, empty (0 bytes) or unreadable before anything is
// sent; of a type the SDK refuses by its name, too large, or refused by the backend for its
// content while uploading. Files go up one at a time, so a refusal is always of a known file.

import { constants, accessSync, statSync } from 'node:fs';
import { basename } from 'node:path';

import { FileError } from '../index.js';
import { say } from './messages.js';
import { megabytes } from './progress.js';

/** A file that cannot be used, named, in plain words. */
export class FileProblem extends Error {}

/** The problem with the file at `path`, in plain words, or null when it can be uploaded. */
function problemOf(path) {
  let st;
  try {
    st = statSync(path);
  } catch (error) {
    if (error.code === 'ENOENT' || error.code === 'ENOTDIR') return say('missing', { file: path });
    return say('unreadable', { file: path, reason: error.code ?? error.message });
  }
  if (st.isDirectory()) return say('folder', { file: path });
  if (st.size === 0) return say('empty', { file: path });
  try {
    accessSync(path, constants.R_OK);
  } catch (error) {
    return say('unreadable', { file: path, reason: error.code === 'EACCES' ? 'permission denied' : error.code });
  }
  return null;
}

/**
 * Checks every file before anything is uploaded; throws one `FileProblem` that names each file
 * that cannot be used (one per line). Returns the files' sizes, in order.
 */
export function checkFiles(paths) {
  const problems = paths.map(problemOf).filter(Boolean);
  if (problems.length > 0) throw new FileProblem(problems.join('\n'));
  return paths.map((path) => statSync(path).size);
}

/** Whether `error` is the backend refusing a file by its content (not the SDK by its name). */
function refusedByContent(error, names) {
  return error.kind === 'file_type' && error.status !== null && !names.some((name) => error.message.includes(name));
}

/**
 * An upload error about `paths` (one path, or the files of one message, uploaded together),
 * named and in plain words when it is about a file itself; any other error as it is.
 */
export function explainFileError(error, paths) {
  if (!(error instanceof FileError)) return error;
  const list = Array.isArray(paths) ? paths : [paths];
  if (refusedByContent(error, list.map((path) => basename(path)))) {
    const file = list.length === 1 ? list[0] : say('oneOf', { files: list.join(', ') });
    const formats = (error.acceptedFormats ?? []).join(', ');
    return new FileProblem(say('contentRefused', { file, formats }), { cause: error });
  }
  if (error.kind === 'file_size' && error.maxBytes && list.length === 1) {
    let size;
    try {
      size = megabytes(statSync(list[0]).size);
    } catch {
      return error;
    }
    return new FileProblem(say('tooLarge', { file: list[0], size, max: megabytes(error.maxBytes) }), { cause: error });
  }
  return error;
}

/**
 * Uploads `paths` with `client`, one file at a time, reporting `{ sent, total }` over all of
 * them; resolves to the stored media. A refusal names its file (`explainFileError`).
 */
export async function uploadEach(client, paths, { sizes, signal, onProgress }) {
  const total = sizes.reduce((sum, size) => sum + size, 0);
  const media = [];
  let before = 0;
  for (const [index, path] of paths.entries()) {
    try {
      const stored = await client.upload([path], {
        signal,
        onProgress: ({ sent }) => onProgress?.({ sent: before + sent, total }),
      });
      media.push(...stored);
    } catch (error) {
      throw explainFileError(error, path);
    }
    before += sizes[index];
    onProgress?.({ sent: before, total });
  }
  return media;
}
