// `previewMedia` against a real studio: every `src` of a generated draft comes back as a Blob a
// browser can show or play; someone else's media and an aborted call fail as they should.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { clientOptions, collect, loadPackage, photos, startStudio } from './support.mjs';

const { Client, ApiError, AbortError } = await loadPackage();

let studio;
before(async () => {
  studio = await startStudio(['--silent-share', '0']);
});
after(async () => {
  await studio?.stop();
});

/** Every `src` string anywhere in a draft's JSON. */
function sources(value, found = new Set()) {
  if (Array.isArray(value)) value.forEach((item) => sources(item, found));
  else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (key === 'src' && typeof item === 'string') found.add(item);
      else sources(item, found);
    }
  }
  return [...found];
}

test('every src of a generated draft has a preview: pictures as JPEG, library music as WAV', async () => {
  const client = new Client(clientOptions(studio));
  await client.upload(photos(2));
  await collect(client.send('turn these images into a 6-second video with background music'));
  const { draft } = await client.state();
  const srcs = sources(draft.toJSON());
  const pictures = srcs.filter((src) => !src.startsWith('library:'));
  const music = srcs.filter((src) => src.startsWith('library:'));
  assert.equal(pictures.length, 2, JSON.stringify(srcs));
  assert.equal(music.length, 1, JSON.stringify(srcs));
  for (const src of pictures) {
    const blob = await client.previewMedia(src);
    assert.equal(blob.type, 'image/jpeg');
    const bytes = new Uint8Array(await blob.arrayBuffer());
    assert.deepEqual([bytes[0], bytes[1]], [0xff, 0xd8], 'a JPEG');
    assert.equal(blob.size, bytes.byteLength);
  }
  const bed = await client.previewMedia(music[0], { timeout: 30_000 });
  assert.equal(bed.type, 'audio/wav');
  assert.equal(new TextDecoder().decode((await bed.arrayBuffer()).slice(0, 4)), 'RIFF');

  // Another user's client sees nothing of them: the same error as for media that never were.
  const stranger = new Client(clientOptions(studio));
  for (const src of [pictures[0], 'med_never_uploaded']) {
    await assert.rejects(stranger.previewMedia(src), (error) => {
      assert.ok(error instanceof ApiError, String(error));
      assert.equal(error.kind, 'no_preview');
      assert.equal(error.message, `this server serves no preview of '${src}'`);
      assert.equal(error.status, 404);
      return true;
    });
  }
  // An aborted call rejects with the signal's AbortError.
  const controller = new AbortController();
  controller.abort();
  await assert.rejects(client.previewMedia(pictures[0], { signal: controller.signal }), AbortError);
  await assert.rejects(client.previewMedia(42), TypeError);
});
