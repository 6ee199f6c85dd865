// The CLI's renders as a person meets them: an interrupted export picked up (the same render), a
// batch that shows each video's progress as it goes, make's flags in the video made, export's
// formats, the poster and the claim link, and a person typing Chinese answered in Chinese.

import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { probe, runCli, scratch, startCli, startStudio, writePhotos } from './support.mjs';

let studio;
before(async () => {
  studio = await startStudio(['--chunk-delay-ms', '0']);
});
after(async () => {
  await studio?.stop();
});

/** The studio's render jobs of one session, from its job records. */
function renderJobs(sessionId) {
  const dir = join(studio.dataDir, 'renders');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.endsWith('.json') && !name.startsWith('.'))
    .map((name) => JSON.parse(readFileSync(join(dir, name), 'utf8')))
    .filter((job) => job.session_id === sessionId)
    // The queue keeps each render under its user's scope (`u<user>-<id>`); the CLI knows the id it chose.
    .map((job) => ({ ...job, id: job.id.replace(/^u\d+-/, '') }));
}

/** What the CLI remembers (`i2v-cli.json` beside the client id). */
function memory(home) {
  return JSON.parse(readFileSync(join(home.dir, '.config', 'nemovideo', 'i2v-cli.json'), 'utf8'));
}

test('export: Ctrl-C leaves the render running, and the next export picks up that same render', async () => {
  const home = scratch('resume');
  try {
    const env = { ...home.env, NEMO_API_URL: studio.url, NEMO_WEB_URL: studio.url };
    const images = writePhotos(join(home.dir, 'in'), 2);
    const made = await runCli(['make', ...images, '-p', 'make a 2-second video from my photos', '-o', 'first.mp4'], {
      cwd: home.dir,
      env,
    });
    assert.equal(made.code, 0, made.stderr);
    const edited = await runCli(['chat', 'make it 20 seconds long'], { cwd: home.dir, env });
    assert.equal(edited.code, 0, edited.stderr);
    const { sessionId } = memory(home).sessions[studio.url];

    const first = startCli(['export', '-o', 'long.mp4'], { cwd: home.dir, env });
    await first.waitFor(/^rendering/m);
    first.child.kill('SIGINT');
    const stopped = await first.done;
    assert.equal(stopped.code, 130, stopped.stderr);
    const renderId = /render (render_\w+) goes on; `i2v export -o long\.mp4` picks it up/.exec(stopped.stderr)?.[1];
    assert.ok(renderId, stopped.stderr);
    assert.ok(!existsSync(join(home.dir, 'long.mp4')));
    const left = renderJobs(sessionId).find((job) => job.id === renderId);
    assert.ok(left, 'the render is the studio’s');
    assert.ok(['pending', 'processing'].includes(left.status), `Ctrl-C left it running, not ${left.status}`);

    const second = await runCli(['export', '-o', 'long.mp4'], { cwd: home.dir, env });
    assert.equal(second.code, 0, second.stderr);
    assert.match(second.stderr, new RegExp(`^picking up render ${renderId}, started earlier for this project$`, 'm'));
    const jobs = renderJobs(sessionId);
    assert.equal(jobs.length, 2, `make's render and the one export: ${jobs.map((job) => job.id)}`);
    assert.equal(jobs.find((job) => job.id === renderId)?.status, 'completed');
    const video = probe(join(home.dir, 'long.mp4'));
    assert.equal(video.video, 'h264');
    assert.ok(Math.abs(video.duration - 20) < 0.5, `duration ${video.duration}`);
    assert.match(second.stdout, /^long\.mp4 \(mp4, 1920x1080, 20\.0 s/m);
  } finally {
    home.cleanup();
  }
});

test('make: a batch tells each video’s progress as it goes, in plain lines off a terminal', async () => {
  const home = scratch('batch');
  try {
    const sets = join(home.dir, 'sets');
    writePhotos(join(sets, 'beach'), 1, 1);
    writePhotos(join(sets, 'city'), 2, 5);
    const run = await runCli(['make', sets, '-p', 'make a 2-second video from my photos', '-o', 'videos', '-j', '2'], {
      cwd: home.dir,
      env: { ...home.env, NEMO_API_URL: studio.url, NEMO_WEB_URL: studio.url },
    });
    const output = `stdout:\n${run.stdout}\nstderr:\n${run.stderr}`;
    assert.equal(run.code, 0, output);
    assert.match(run.stderr, /^making 2 videos, 2 at a time$/m);
    for (const [name, files] of [
      ['beach', '1 file'],
      ['city', '2 files'],
    ]) {
      // Each stage of each video has its line, in order.
      const stages = [
        `${name}: connecting`,
        `${name}: uploading ${files} 0%`,
        `${name}: the agent is making it`,
        `${name}: (rendering|waiting for its turn to render)`,
        `${name}: downloading`,
      ].map((stage) => run.stderr.search(new RegExp(`^${stage}`, 'm')));
      assert.ok(stages.every((at) => at >= 0), `${name}: every stage told\n${output}`);
      assert.deepEqual([...stages].sort((a, b) => a - b), stages, `${name}: in order\n${output}`);
      assert.match(
        run.stdout,
        new RegExp(
          `^${name}: videos/${name}\\.mp4 \\(mp4, 1920x1080, 2\\.0 s, .*\\) — poster: http://\\S+ — edit it online: http://\\S+/workspace/claim\\?ct=\\w+$`,
          'm',
        ),
      );
    }
    assert.equal(run.stdout.trim().split('\n').at(-1), '2 of 2 videos made');
    assert.doesNotMatch(run.stderr, /\x1b|\r/, 'no redraws off a terminal');
  } finally {
    home.cleanup();
  }
});

test('make: --duration and --ratio reach the agent, --resolution the render; a folder --out; the claim link; export as a WebM and a GIF', async () => {
  const home = scratch('flags');
  try {
    writePhotos(join(home.dir, 'trip'), 2);
    mkdirSync(join(home.dir, 'videos'));
    const env = { ...home.env, NEMO_API_URL: studio.url, NEMO_WEB_URL: studio.url };
    const run = await runCli(
      ['make', 'trip', '-p', 'make a video from my photos with music', '-d', '3', '-r', '9:16', '--resolution', '720p', '-o', 'videos'],
      { cwd: home.dir, env },
    );
    assert.equal(run.code, 0, run.stderr);
    // An existing folder gets <the folder of images>.mp4 inside it.
    const video = probe(join(home.dir, 'videos', 'trip.mp4'));
    // 720p is the short side of the 9:16 frame the agent made.
    assert.equal(`${video.width}x${video.height}`, '720x1280');
    assert.ok(Math.abs(video.duration - 3) < 0.5, `duration ${video.duration}`);
    assert.match(run.stdout, /^videos\/trip\.mp4 \(mp4, 720x1280, 3\.0 s, \d+ fps, /m);
    assert.doesNotMatch(run.stderr, /^note:/m, 'made at the size asked');
    assert.match(run.stdout, /^poster: http:\/\/127\.0\.0\.1:\d+\/\S+$/m);
    assert.match(run.stdout, /^edit it online: http:\/\/127\.0\.0\.1:\d+\/workspace\/claim\?ct=\w+$/m);

    // The same project as a small WebM, then a GIF: each file named by its format.
    const webm = await runCli(['export', '--format', 'webm', '--resolution', '480p', '--fps', '25', '-o', 'clip'], { cwd: home.dir, env });
    assert.equal(webm.code, 0, webm.stderr);
    const clip = probe(join(home.dir, 'clip.webm'));
    assert.deepEqual([clip.video, clip.width, clip.height], ['vp9', 480, 854]);
    assert.match(webm.stdout, /^clip\.webm \(webm, 480x854, 3\.0 s, 25 fps, /m);
    const gif = await runCli(['export', '--format', 'gif'], { cwd: home.dir, env });
    assert.equal(gif.code, 0, gif.stderr);
    assert.equal(readFileSync(join(home.dir, 'video.gif')).subarray(0, 6).toString('latin1'), 'GIF89a');
    assert.match(gif.stdout, /^video\.gif \(gif, 480x854, 3\.0 s, 25 fps, /m);
  } finally {
    home.cleanup();
  }
});

test('a person typing Chinese gets the CLI’s lines and the tools told in Chinese', async () => {
  const home = scratch('zh');
  try {
    writePhotos(join(home.dir, 'in'), 2);
    writeFileSync(join(home.dir, 'in', 'notes.md'), 'not an image, not picked up from the folder');
    const run = await runCli(['make', 'in', '-p', '把这些照片做成一个3秒的视频', '-o', '旅行.mp4'], {
      cwd: home.dir,
      // An English locale: what is typed decides.
      env: { ...home.env, LANG: 'en_US.UTF-8', NEMO_API_URL: studio.url, NEMO_WEB_URL: studio.url },
    });
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stderr, /^正在上传 2 个文件: 已保存 2 个$/m);
    assert.match(run.stderr, /^ {2}… 正在制作视频/m, 'the session is in Chinese: tools told in Chinese');
    assert.match(run.stderr, /^正在渲染: mp4, 1920x1080/m);
    assert.match(run.stdout, /3秒/);
    assert.match(run.stdout, /^在网页上继续编辑：http/m);
    assert.ok(Math.abs(probe(join(home.dir, '旅行.mp4')).duration - 3) < 0.5);
  } finally {
    home.cleanup();
  }
});
