// The i2v CLI as a person runs it: real MP4s from generated images against a real studio,
// a project carried across separate runs, batches, and errors in plain words.

import assert from 'node:assert/strict';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { probe, runCli, scratch, startStudio, writePhotos } from './support.mjs';

let studio;
before(async () => {
  studio = await startStudio(['--chunk-delay-ms', '0']);
});
after(async () => {
  await studio?.stop();
});

/** No stack traces: an error is one plain `i2v: …` line. */
function assertPlainError(stderr) {
  const lines = stderr.trim().split('\n');
  assert.match(lines.at(-1), /^i2v: /);
  assert.doesNotMatch(stderr, /^\s+at /m, 'no stack trace');
}

test('make: a real H.264 MP4 from images and a prompt', async () => {
  const home = scratch('make');
  try {
    const images = writePhotos(join(home.dir, 'in'), 3);
    const out = join(home.dir, 'trip.mp4');
    const run = await runCli(
      ['make', ...images, '--prompt', 'make a 4-second video from my photos', '--out', out],
      { cwd: home.dir, env: { ...home.env, NEMO_API_URL: studio.url, NEMO_WEB_URL: studio.url } },
    );
    assert.equal(run.code, 0, run.stderr);
    const video = probe(out);
    assert.equal(video.video, 'h264');
    assert.equal(video.audio, 'aac');
    assert.ok(Math.abs(video.duration - 4) < 0.5, `duration ${video.duration}`);
    // The reply streamed to stdout, progress and tools to stderr (plain lines: not a TTY).
    assert.match(run.stdout, /3 photos/);
    // The file as the person would type it: relative to where they are.
    assert.match(run.stdout, /^trip\.mp4 \(mp4, 1920x1080, 4\.0 s/m);
    assert.match(run.stderr, /uploading 3 files: 3 stored/);
    assert.match(run.stderr, /rendering: mp4, 1920x1080/);
    assert.doesNotMatch(run.stderr, /\r/, 'no bar redraws when stderr is not a terminal');
  } finally {
    home.cleanup();
  }
});

test('with no NEMO_API_URL: a local studio, and the project kept across chat and export', async () => {
  const home = scratch('local');
  try {
    const images = writePhotos(join(home.dir, 'in'), 2);
    const env = { ...home.env, I2V_DATA_DIR: join(home.dir, 'studio-data') };
    const made = await runCli(
      ['make', ...images, '-p', 'make a 4-second video from my photos', '-o', 'first.mp4'],
      { cwd: home.dir, env },
    );
    assert.equal(made.code, 0, made.stderr);
    assert.ok(existsSync(join(home.dir, 'studio-data')), 'the studio kept its data where asked');

    const chat = await runCli(['chat', 'make it 6 seconds long'], { cwd: home.dir, env });
    assert.equal(chat.code, 0, chat.stderr);
    assert.match(chat.stdout, /6 seconds/);

    const exported = await runCli(['export', '--out', 'edited.mp4'], { cwd: home.dir, env });
    assert.equal(exported.code, 0, exported.stderr);
    const video = probe(join(home.dir, 'edited.mp4'));
    assert.equal(video.video, 'h264');
    assert.ok(Math.abs(video.duration - 6) < 0.5, `the edit made in a separate run: ${video.duration}`);

    const credits = await runCli(['credits'], { cwd: home.dir, env });
    assert.equal(credits.code, 0, credits.stderr);
    assert.match(credits.stdout, /^credits: \d+ available/);
  } finally {
    home.cleanup();
  }
});

test('make: a folder of image sets, several at once, one line per video', async () => {
  const home = scratch('sets');
  try {
    const sets = join(home.dir, 'sets');
    writePhotos(join(sets, 'beach'), 2, 1);
    writePhotos(join(sets, 'city'), 3, 5);
    writePhotos(join(sets, 'forest'), 1, 9);
    writeFileSync(join(sets, 'city', 'prompt.txt'), 'make a 3-second video from my photos\n');
    mkdirSync(join(sets, 'empty'));
    const run = await runCli(
      ['make', sets, '--prompt', 'make a 5-second video from my photos', '--out', 'videos', '--jobs', '3'],
      { cwd: home.dir, env: { ...home.env, NEMO_API_URL: studio.url, NEMO_WEB_URL: studio.url } },
    );
    const output = `stdout:\n${run.stdout}\nstderr:\n${run.stderr}`;
    assert.equal(run.code, 0, output);
    const lines = run.stdout.trim().split('\n');
    assert.equal(lines.length, 4, output);
    assert.equal(lines.at(-1), '3 of 3 videos made');
    for (const [name, seconds] of [
      ['beach', 5],
      ['city', 3],
      ['forest', 5],
    ]) {
      assert.ok(lines.some((line) => line.startsWith(`${name}: `)), `${name} has its line`);
      const video = probe(join(home.dir, 'videos', `${name}.mp4`));
      assert.equal(video.video, 'h264');
      assert.ok(Math.abs(video.duration - seconds) < 0.5, `${name}: ${video.duration}\n${output}`);
    }
  } finally {
    home.cleanup();
  }
});

test('make: a JSON job list; a failing job is reported and the others still made', async () => {
  const home = scratch('jobs');
  try {
    writePhotos(join(home.dir, 'a'), 2);
    writeFileSync(join(home.dir, 'notes.txt'), 'not a picture');
    writeFileSync(
      join(home.dir, 'jobs.json'),
      JSON.stringify([
        { name: 'folder', images: 'a', prompt: 'make a 2-second video from my photos' },
        { name: 'listed', images: ['a/photo-1.png'], prompt: 'make a 3-second video', out: 'custom.mp4' },
        { name: 'notes', images: ['notes.txt'], prompt: 'make a video' },
      ]),
    );
    const run = await runCli(['make', 'jobs.json', '--out', 'out'], {
      cwd: home.dir,
      env: { ...home.env, NEMO_API_URL: studio.url, NEMO_WEB_URL: studio.url },
    });
    assert.equal(run.code, 1, 'a failed job fails the run');
    assert.match(run.stdout, /^notes: failed: unsupported file type \(notes\.txt\)/m);
    assert.match(run.stdout, /^2 of 3 videos made$/m);
    assert.ok(Math.abs(probe(join(home.dir, 'out', 'folder.mp4')).duration - 2) < 0.5);
    assert.ok(Math.abs(probe(join(home.dir, 'out', 'custom.mp4')).duration - 3) < 0.5);
  } finally {
    home.cleanup();
  }
});

test('plain-language errors and exit codes: a text file, a missing file, bad usage', async () => {
  const home = scratch('errors');
  try {
    writeFileSync(join(home.dir, 'notes.txt'), 'not a picture');
    const env = { ...home.env, NEMO_API_URL: studio.url, NEMO_WEB_URL: studio.url };

    const text = await runCli(['make', 'notes.txt', '--prompt', 'a video'], { cwd: home.dir, env });
    assert.equal(text.code, 1);
    assertPlainError(text.stderr);
    assert.match(text.stderr, /unsupported file type \(notes\.txt\); accepted formats: .*jpg/);

    const missing = await runCli(['make', 'gone.jpg', '--prompt', 'a video'], { cwd: home.dir, env });
    assert.equal(missing.code, 1);
    assertPlainError(missing.stderr);
    assert.match(missing.stderr, /cannot read gone\.jpg: no such file/);

    const noPrompt = await runCli(['make', 'notes.txt'], { cwd: home.dir, env });
    assert.equal(noPrompt.code, 2);
    assert.match(noPrompt.stderr, /--prompt/);

    const unknown = await runCli(['frobnicate'], { cwd: home.dir, env });
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /there is no command "frobnicate"/);

    const noProject = await runCli(['export'], { cwd: home.dir, env });
    assert.equal(noProject.code, 2);
    assertPlainError(noProject.stderr);
    assert.match(noProject.stderr, /no project yet/);

    const down = await runCli(['credits'], {
      cwd: home.dir,
      env: { ...home.env, NEMO_API_URL: 'http://127.0.0.1:9' },
    });
    assert.equal(down.code, 1);
    assertPlainError(down.stderr);
    assert.match(down.stderr, /network error: could not connect/);
  } finally {
    home.cleanup();
  }
});
