// The CLI's manners, checked without a render: each command's own help, unknown commands and
// options named with a hint, `--out` and the files checked before anything reaches the backend,
// the CLI's lines in the person's language, and a batch's progress board on a terminal and off.

import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';

import { Board } from '../../npm/node/cli/board.js';
import { runCli, scratch, startStudio, writePhotos } from './support.mjs';

let studio;
before(async () => {
  // Its own studio, so that its whole access log can show that nothing reached it.
  studio = await startStudio(['--chunk-delay-ms', '0']);
});
after(async () => {
  await studio?.stop();
});

/** Requests the studio has answered so far. */
function requests() {
  return studio.log().split('\n').filter((line) => line.includes('i2v_studio::access'));
}

/** One plain `i2v: …` error line at the end, no stack trace. */
function assertPlainError(stderr) {
  assert.match(stderr.trim().split('\n').at(-1), /^i2v: /);
  assert.doesNotMatch(stderr, /^\s+at /m, 'no stack trace');
}

test('help: each command has its own, with examples; `i2v help make` is `i2v make --help`', async () => {
  const home = scratch('help');
  try {
    const run = (args) => runCli(args, { cwd: home.dir, env: home.env });
    const overview = await run(['--help']);
    const make = await run(['make', '--help']);
    const helpMake = await run(['help', 'make']);
    const exportHelp = await run(['export', '-h']);
    for (const result of [overview, make, helpMake, exportHelp]) assert.equal(result.code, 0, result.stderr);
    assert.notEqual(make.stdout, overview.stdout);
    assert.equal(helpMake.stdout, make.stdout);
    assert.notEqual(exportHelp.stdout, make.stdout);
    assert.match(overview.stdout, /^Commands:$/m);
    assert.match(make.stdout, /^Usage:\n {2}i2v make /m);
    for (const option of ['--prompt', '--out', '--duration', '--ratio', '--resolution', '--format', '--fps', '--preview', '--jobs']) {
      assert.ok(make.stdout.includes(option), `make --help tells ${option}`);
    }
    assert.match(make.stdout, /^Examples:\n {2}i2v make /m);
    assert.match(exportHelp.stdout, /picked up/, 'export --help tells how an interrupted render goes on');
    assert.doesNotMatch(exportHelp.stdout, /--prompt/);
  } finally {
    home.cleanup();
  }
});

test('an unknown command or option is an error that names it, with a hint', async () => {
  const home = scratch('unknown');
  try {
    const run = (args) => runCli(args, { cwd: home.dir, env: home.env });
    const typo = await run(['mkae', 'a.jpg']);
    assert.equal(typo.code, 2);
    assertPlainError(typo.stderr);
    assert.match(typo.stderr, /there is no command "mkae" \(did you mean "make"\?\)/);

    const option = await run(['make', 'a.jpg', '--outt', 'x.mp4']);
    assert.equal(option.code, 2);
    assert.match(option.stderr, /^i2v: unknown option --outt for make \(did you mean --out\?\); see i2v make --help$/m);

    const elsewhere = await run(['export', '--prompt', 'a video']);
    assert.equal(elsewhere.code, 2);
    assert.match(elsewhere.stderr, /unknown option --prompt for export \(it is an option of i2v make\)/);

    const missing = await run(['make', 'a.jpg', '--ratio']);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /--ratio needs a value/);

    const ratio = await run(['make', 'a.jpg', '-p', 'a video', '--ratio', '3:2']);
    assert.equal(ratio.code, 2);
    assert.match(ratio.stderr, /--ratio 3:2: choose one of 16:9, 9:16, 1:1, 4:5, 4:3/);

    // The render's options, checked by the SDK's own rule before anything starts.
    for (const [args, said] of [
      [['--format', 'mkv'], /--format mkv: choose one of mp4, mov, webm, gif$/m],
      [['--resolution', 'big'], /--resolution big: say it as 480p, 720p, 1080p, 1440p, 2160p or 4k$/m],
      [['--resolution', '8k'], /--resolution 8k: choose one of 480p, 720p, 1080p, 1440p, 2160p, 4k$/m],
      [['--resolution', '360p'], /--resolution 360p: choose one of 480p, 720p, 1080p, 1440p, 2160p, 4k$/m],
      [['--fps', '50'], /--fps 50: choose one of 24, 25, 30, 60$/m],
      [['--format', 'gif', '--fps', '30'], /--fps 30: choose one of 25 \(for a gif\)$/m],
    ]) {
      const refused = await run(['make', 'a.jpg', '-p', 'a video', ...args]);
      assert.equal(refused.code, 2, args.join(' '));
      assert.match(refused.stderr, said);
    }
    const mismatch = await run(['export', '--format', 'webm', '-o', 'clip.mp4']);
    assert.equal(mismatch.code, 2);
    assert.match(mismatch.stderr, /the video is webm; end the name with \.webm/);
    assert.ok(!existsSync(join(home.dir, '.local/share/i2v')), 'no studio was started for any of them');
  } finally {
    home.cleanup();
  }
});

test('--out that cannot be written fails before anything reaches the backend', async () => {
  const home = scratch('out');
  try {
    const images = writePhotos(join(home.dir, 'in'), 2);
    writeFileSync(join(home.dir, 'notes.txt'), 'not a folder');
    writePhotos(join(home.dir, 'sets', 'beach'), 1);
    const env = { ...home.env, NEMO_API_URL: studio.url, NEMO_WEB_URL: studio.url };
    const cases = [
      [['make', ...images, '-p', 'a video', '-o', 'missing/trip.mp4'], /--out missing\/trip\.mp4: there is no folder missing$/m],
      [['make', ...images, '-p', 'a video', '-o', 'notes.txt/trip.mp4'], /notes\.txt is a file, not a folder/],
      [['make', ...images, '-p', 'a video', '-o', 'trip.mov'], /--out trip\.mov: the video is mp4; end the name with \.mp4/],
      [['make', 'sets', '-p', 'a video', '-o', 'notes.txt'], /--out notes\.txt is a file: a batch writes its videos into a folder/],
      [['export', '-o', 'missing/trip.mp4'], /there is no folder missing/],
      [['chat', 'export', '-o', 'missing/deeper/'], /there is no folder missing$/m],
    ];
    if (process.getuid?.() !== 0) {
      // Root writes anywhere; for anyone else a folder without write permission is refused too.
      mkdirSync(join(home.dir, 'locked'));
      chmodSync(join(home.dir, 'locked'), 0o555);
      cases.push([['make', ...images, '-p', 'a video', '-o', 'locked/trip.mp4'], /cannot write in locked \(permission denied\)/]);
    }
    const before = requests().length;
    for (const [args, message] of cases) {
      const run = await runCli(args, { cwd: home.dir, env });
      assert.equal(run.code, 2, `${args.join(' ')}\n${run.stderr}`);
      assertPlainError(run.stderr);
      assert.match(run.stderr, message);
    }
    assert.equal(requests().length, before, 'no request, no upload reached the studio');

    // With no NEMO_API_URL, no local studio is even started.
    const local = await runCli(['make', ...images, '-p', 'a video', '-o', 'missing/trip.mp4'], {
      cwd: home.dir,
      env: { ...home.env, I2V_DATA_DIR: join(home.dir, 'studio-data') },
    });
    assert.equal(local.code, 2);
    assert.ok(!existsSync(join(home.dir, 'studio-data')), 'the local studio never started');
  } finally {
    home.cleanup();
  }
});

test('files: an empty one is named before any upload; one refused by its content is named', async () => {
  const home = scratch('files');
  try {
    const [photo] = writePhotos(join(home.dir, 'in'), 1);
    writeFileSync(join(home.dir, 'empty.jpg'), '');
    writeFileSync(join(home.dir, 'renamed.jpg'), 'a text file renamed to .jpg');
    const env = { ...home.env, NEMO_API_URL: studio.url, NEMO_WEB_URL: studio.url };

    const before = requests().length;
    const empty = await runCli(['make', photo, 'empty.jpg', 'gone.jpg', '-p', 'a video'], { cwd: home.dir, env });
    assert.equal(empty.code, 1);
    assert.match(empty.stderr, /^i2v: empty\.jpg is empty \(0 bytes\)$/m);
    assert.match(empty.stderr, /^i2v: cannot read gone\.jpg: no such file$/m, 'every bad file is named at once');
    assert.equal(requests().length, before, 'nothing was uploaded');

    const chinese = await runCli(['make', 'empty.jpg', '-p', 'a video'], {
      cwd: home.dir,
      env: { ...env, LANG: 'zh_CN.UTF-8' },
    });
    assert.equal(chinese.code, 1);
    assert.match(chinese.stderr, /^i2v: empty\.jpg 是空文件（0 字节）$/m, 'in the language of the locale');

    const renamed = await runCli(['make', photo, 'renamed.jpg', '-p', 'a video'], { cwd: home.dir, env });
    assert.equal(renamed.code, 1);
    assertPlainError(renamed.stderr);
    assert.match(renamed.stderr, /^i2v: renamed\.jpg was refused: by its content it is not a picture, video or audio/m);
    assert.doesNotMatch(renamed.stderr, /photo-1\.png was refused/);
    assert.ok(requests().length > before, 'that one was judged by the studio (and the log shows requests)');
  } finally {
    home.cleanup();
  }
});

/** A stream that records what is written to it, as a terminal (`tty`) or a log. */
function recorder(tty) {
  const writes = [];
  return { isTTY: tty, columns: 60, writes, write: (text) => writes.push(text), text: () => writes.join('') };
}

test('board: on a terminal, a row per video redrawn in place, results printed above', async () => {
  const err = recorder(true);
  const out = recorder(false);
  const board = new Board(err);
  const beach = board.row('beach');
  const city = board.row('city');
  beach.stage('uploading 2 files', 0.5);
  city.stage('rendering', 0.25);
  await sleep(250);
  assert.match(err.text(), /beach {2}\[#{10}-{10}\] {2}50% uploading 2 files\ncity {3}\[#{5}-{15}\] {2}25% rendering\n$/);
  board.remove(beach);
  board.print('beach: videos/beach.mp4 (1920x1080, 5.0 s)', out);
  // The two rows cleared (cursor up two lines, clear below), the line printed, the rest redrawn.
  assert.equal(err.writes.at(-2), '\x1b[2F\x1b[0J');
  assert.equal(out.text(), 'beach: videos/beach.mp4 (1920x1080, 5.0 s)\n');
  assert.match(err.writes.at(-1), /^city .* 25% rendering\n$/);
  board.close();
  assert.equal(err.writes.at(-1), '\x1b[1F\x1b[0J');
});

test('board: in a log, each row prints its stages and quarters as plain lines', () => {
  const err = recorder(false);
  const board = new Board(err);
  const beach = board.row('beach');
  beach.stage('uploading 2 files', 0);
  beach.stage('uploading 2 files', 0.1);
  beach.stage('uploading 2 files', 0.6);
  beach.stage('the agent is making it');
  for (const percent of [0, 5, 30, 35, 80, 100]) beach.stage('rendering', percent / 100);
  board.close();
  assert.equal(
    err.text(),
    [
      'beach: uploading 2 files 0%',
      'beach: uploading 2 files 60%',
      'beach: the agent is making it',
      'beach: rendering 0%',
      'beach: rendering 30%',
      'beach: rendering 80%',
      '',
    ].join('\n'),
  );
  assert.doesNotMatch(err.text(), /\x1b/, 'no escape codes in a log');
});
