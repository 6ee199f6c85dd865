// What an export makes (docs/PROTOCOL.md §3.8, "What the output is"): the output asked for
// reaches a real studio, and what comes back, said and fetched, is that video: a 720p WebM, a
// GIF, a 4:5 MP4 asked for in words. A value outside the contract is a typed error before any
// request. The renders are tiny (2 photos, 2 s): the suite runs four times on small machines.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { clientOptions, collect, dialect, loadPackage, photos, startStudio } from './support.mjs';

const { Client, I2vError, RenderError, checkExportOptions } = await loadPackage();

let studio;
before(async () => {
  studio = await startStudio(['--silent-share', '0']);
});
after(async () => {
  await studio?.stop();
});

/** Requests the studio has answered so far. */
function requests() {
  return studio.log().split('\n').filter((line) => line.includes('i2v_studio::access')).length;
}

/** The bytes at `url`, with the response's content type. */
async function fetched(url) {
  const response = await fetch(url);
  assert.equal(response.status, 200, url);
  return { type: response.headers.get('content-type'), bytes: new Uint8Array(await response.arrayBuffer()) };
}

/** The first video stream of a file, by ffprobe: `{ codec, width, height }`. */
function probe(bytes, extension) {
  const dir = mkdtempSync(join(tmpdir(), 'i2v-outputs-'));
  try {
    const file = join(dir, `video.${extension}`);
    writeFileSync(file, bytes);
    const json = execFileSync(
      'ffprobe',
      ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'stream=codec_name,width,height', '-of', 'json', file],
      { encoding: 'utf8' },
    );
    const [stream] = JSON.parse(json).streams;
    return { codec: stream.codec_name, width: stream.width, height: stream.height };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const ascii = (bytes, from, to) => String.fromCharCode(...bytes.subarray(from, to));
const MAGIC = {
  mp4: (bytes) => ascii(bytes, 4, 8) === 'ftyp',
  webm: (bytes) => [0x1a, 0x45, 0xdf, 0xa3].every((b, i) => bytes[i] === b),
  gif: (bytes) => /^GIF8[79]a$/.test(ascii(bytes, 0, 6)),
};

/**
 * Checks a finished export against what was asked: the fields the studio said (each, when the
 * dialect's answer names it, is exactly the file's), the poster, and the file itself: its magic
 * bytes, its codec and its frame size.
 */
async function checkMade(result, { format, mime, codec, width, height }) {
  const file = await fetched(result.url);
  assert.ok(MAGIC[format](file.bytes), `${format} magic bytes: ${ascii(file.bytes, 0, 12)}`);
  assert.equal(file.type, mime);
  assert.deepEqual(probe(file.bytes, format), { codec, width, height });
  // The seed form names every fact of the file; the api-reference's names what it names, and
  // nothing it names may differ from the file.
  const said = { format: result.format, mime: result.mime, width: result.width, height: result.height };
  const made = { format, mime, width, height };
  for (const [name, value] of Object.entries(said)) {
    if (dialect === 'adk' || value !== null) assert.equal(value, made[name], `${name} as said`);
  }
  if (dialect === 'adk') {
    assert.equal(result.size, file.bytes.byteLength);
    assert.ok(Math.abs(result.durationMs - 2000) <= 100, `${result.durationMs}`);
    assert.ok([24, 25, 30, 60].includes(result.fps), `${result.fps}`);
  }
  assert.equal(typeof result.posterUrl, 'string', 'a poster in either dialect');
  const poster = await fetched(result.posterUrl);
  assert.deepEqual([...poster.bytes.subarray(0, 3)], [0xff, 0xd8, 0xff], 'the poster is a JPEG');
}

test('a value outside the output contract is a typed error before any request', async () => {
  const client = new Client(clientOptions(studio));
  const before = requests();
  for (const [options, name, value] of [
    [{ format: 'mkv' }, 'format', 'mkv'],
    [{ resolution: '8k' }, 'resolution', '8k'],
    [{ resolution: 360 }, 'resolution', '360p'],
    [{ fps: 50 }, 'fps', '50'],
    [{ quality: 'ultra' }, 'quality', 'ultra'],
    // In the contract, but not together: a GIF keeps 25 fps only, a preview is 480p.
    [{ format: 'gif', fps: 30 }, 'fps', '30'],
    [{ quality: 'preview', resolution: '1080p' }, 'resolution', '1080p'],
  ]) {
    await assert.rejects(client.export(options), (error) => {
      assert.ok(error instanceof RenderError && error instanceof I2vError, `${error?.name}`);
      assert.equal(error.kind, 'export_option');
      assert.equal(error.option.name, name);
      assert.equal(error.option.value, value);
      assert.ok(error.option.accepted.length >= 1);
      assert.ok(!error.option.accepted.includes(value));
      assert.ok(error.message.includes(error.option.accepted.join(', ')), error.message);
      return true;
    });
    assert.throws(() => checkExportOptions(options), (error) => error.kind === 'export_option');
  }
  await assert.rejects(client.export({ fps: [60] }), (error) => error.kind === 'invalid_input');
  // Said in words: refused before the agent is asked to reshape anything.
  await assert.rejects(collect(client.send('export it vertical in 8K')), (error) => error.kind === 'export_option');
  assert.equal(requests(), before, 'nothing reached the studio');
});

test('checkExportOptions reads words and numbers as export does', () => {
  assert.deepEqual(checkExportOptions({ format: 'WebM', resolution: 720, fps: '30' }), {
    format: 'webm',
    resolution: '720p',
    fps: 30,
    quality: 'high',
  });
  assert.deepEqual(checkExportOptions({ resolution: '4k', quality: 'low' }), {
    format: 'mp4',
    resolution: '2160p',
    fps: null,
    quality: 'low',
  });
  assert.equal(checkExportOptions({ format: 'gif', fps: 25 }).fps, 25);
  assert.throws(() => checkExportOptions(null), TypeError);
});

test('a 720p WebM, a GIF and a 4:5 MP4 said in words: each made as asked', async () => {
  const client = new Client(clientOptions(studio));
  await client.upload(photos(2));
  await collect(client.chat('make a 2-second video from my photos'));
  assert.deepEqual((await client.state()).canvas, { width: 1920, height: 1080, fps: 30 });

  const webm = await client.export({ format: 'webm', resolution: '720p' });
  await checkMade(webm, { format: 'webm', mime: 'video/webm', codec: 'vp9', width: 1280, height: 720 });

  // A GIF is 480p unless asked otherwise; its long side follows the 16:9 canvas, to even pixels.
  const gif = await client.export({ format: 'gif' });
  await checkMade(gif, { format: 'gif', mime: 'image/gif', codec: 'gif', width: 854, height: 480 });
  assert.notEqual(gif.renderId, webm.renderId);

  // "4:5" asks the agent to reshape the project first; "1080p" is the short side of that shape.
  const events = await collect(client.send('export a 4:5 mp4 in 1080p'));
  const outcome = events.at(-1).outcome;
  assert.equal(outcome.type, 'exported');
  const { width, height } = (await client.state()).canvas;
  assert.deepEqual({ width, height }, { width: 1080, height: 1350 });
  await checkMade(outcome.result, { format: 'mp4', mime: 'video/mp4', codec: 'h264', width: 1080, height: 1350 });
});
