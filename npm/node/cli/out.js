// Where the videos go (`--out`), settled and checked before anything is uploaded or rendered, so
// a bad path costs a second, not a render.
//
// One video: `--out trip.mp4` is the file (`.mp4` added to a name without an extension); an
// existing folder, or a path ending in `/`, gets `<name>.mp4` inside it, as `cp` puts a file into
// a folder. A batch: `--out` is the folder of videos, made if it is missing. Either way the folder
// written into must exist (or be the one folder to make, in an existing one) and take a file.

import { randomBytes } from 'node:crypto';
import { rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, extname, join, relative, resolve, sep } from 'node:path';

import { say } from './messages.js';
import { UsageError } from './studio.js';

function statOrNull(path) {
  try {
    return statSync(path);
  } catch {
    return null;
  }
}

/** `path` as a person reads it: relative to the working folder when inside it. */
function shown(path) {
  const rel = relative(process.cwd(), path);
  return rel === '' ? '.' : rel.startsWith('..') ? path : rel;
}

/** Why a file could not be written, in a few words. */
function reason(error) {
  const words = {
    EACCES: 'permission denied',
    EPERM: 'not permitted',
    EROFS: 'a read-only file system',
    ENOSPC: 'no space left',
    ENOENT: 'no new files can be made there',
  };
  return words[error.code] ?? error.code ?? error.message;
}

/**
 * Checks that `dir` is an existing folder a file can be written in (by writing and removing a
 * small file: permissions, read-only mounts and ACLs all answer the same way).
 */
function checkFolder(dir, out) {
  const st = statOrNull(dir);
  if (!st) throw new UsageError(say('noFolder', { out, dir: shown(dir) }));
  if (!st.isDirectory()) throw new UsageError(say('notFolder', { out, dir: shown(dir) }));
  const probe = join(dir, `.i2v-write-check-${process.pid}-${randomBytes(4).toString('hex')}`);
  try {
    writeFileSync(probe, '', { flag: 'wx' });
  } catch (error) {
    throw new UsageError(say('notWritable', { out, dir: shown(dir), reason: reason(error) }));
  }
  rmSync(probe, { force: true });
}

/** A folder that will be made if it is missing: it, or else its parent, must take files. */
function checkFolderToMake(dir, out) {
  if (statOrNull(dir)) checkFolder(dir, out);
  else checkFolder(dirname(dir), out);
}

/** A file name made of `name` (a folder's name, a job's). */
function fileName(name, format) {
  return `${String(name).replace(/[^\p{L}\p{N}._-]+/gu, '_') || 'video'}.${format}`;
}

/** The file's extension checked against the format (an empty one is added). */
function withExtension(path, out, format) {
  const extension = extname(path);
  if (!extension) return `${path}.${format}`;
  if (extension.toLowerCase() !== `.${format}`) throw new UsageError(say('wrongExtension', { out, format }));
  return path;
}

/**
 * The file one video is written to, checked: `out` as given (default `video.mp4`), or
 * `<name>.<format>` inside the folder it names. Throws a `UsageError` before any work.
 */
export function videoFile(out, { name = 'video', format = 'mp4' } = {}) {
  const given = out ?? `video.${format}`;
  const label = `--out ${given}`;
  const path = resolve(given);
  const st = statOrNull(path);
  const folderMeant = /[\\/]$/.test(given);
  if (st?.isDirectory() || (folderMeant && !st)) {
    checkFolderToMake(path, label);
    return join(path, fileName(name, format));
  }
  if (folderMeant) throw new UsageError(say('notFolder', { out: label, dir: shown(path) }));
  const file = withExtension(path, label, format);
  if (statOrNull(file)?.isDirectory()) return videoFile(`${file}${sep}`, { name, format });
  checkFolder(dirname(file), label);
  return file;
}

/** The folder a batch writes its videos into, checked (it is made when missing). */
export function videoFolder(out) {
  const given = out ?? '.';
  const dir = resolve(given);
  const st = statOrNull(dir);
  if (st && !st.isDirectory()) throw new UsageError(say('batchIsFile', { out: `--out ${given}` }));
  checkFolderToMake(dir, `--out ${given}`);
  return dir;
}

/**
 * Checks each batch job's file before any work: its extension, its folder (inside `folder`,
 * made as needed; elsewhere, an existing one), and that no two jobs write the same file.
 */
export function checkBatchFiles(jobs, folder, format = 'mp4') {
  const writers = new Map();
  for (const job of jobs) {
    const label = `job ${job.name}'s out ${shown(job.out)}`;
    job.out = withExtension(job.out, label, format);
    const dir = dirname(job.out);
    if (dir !== folder && !dir.startsWith(`${folder}${sep}`)) checkFolder(dir, label);
    const other = writers.get(job.out);
    if (other) throw new UsageError(say('sameOut', { a: other, b: job.name, out: shown(job.out) }));
    writers.set(job.out, job.name);
  }
  return jobs;
}

export { shown };
