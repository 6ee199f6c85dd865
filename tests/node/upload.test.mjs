// Node-only upload inputs through the package's public API: a path, a Node stream, bytes, and
// the errors a person can cause with them; and where the client id is kept.

import assert from 'node:assert/strict';
import { createReadStream, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { once } from 'node:events';
import { Readable } from 'node:stream';
import { after, before, test } from 'node:test';

import { png, repoRoot, scratch, startStudio, writePhotos } from './support.mjs';

const pkg = await import(join(repoRoot, 'npm/node/index.js'));
const { Client } = pkg;

let studio;
let home;
before(async () => {
  studio = await startStudio(['--chunk-delay-ms', '0']);
  home = scratch('upload');
});
after(async () => {
  await studio?.stop();
  home?.cleanup();
});

function client() {
  return new Client({
    apiUrl: studio.url,
    webUrl: studio.url,
    clientId: crypto.randomUUID(),
    persistClientId: false,
  });
}

test('upload from a path, { path, name }, a Node stream, a generator and bytes', async () => {
  const [first, second, third] = writePhotos(join(home.dir, 'in'), 3);
  const progress = [];
  const media = await client().upload(
    [
      first,
      { path: second, name: 'renamed.png' },
      { name: 'streamed.png', size: statSync(third).size, stream: createReadStream(third, { highWaterMark: 1024 }) },
      {
        name: 'generated.png',
        size: png(64, 48, 3).byteLength,
        stream: Readable.from(
          (function* () {
            const bytes = png(64, 48, 3);
            for (let at = 0; at < bytes.length; at += 100) yield bytes.subarray(at, at + 100);
          })(),
        ),
      },
      { name: 'bytes.png', data: readFileSync(first) },
    ],
    { onProgress: (p) => progress.push(p) },
  );
  assert.deepEqual(
    media.map((m) => [m.name, m.kind, m.mime]),
    [
      ['photo-1.png', 'image', 'image/png'],
      ['renamed.png', 'image', 'image/png'],
      ['streamed.png', 'image', 'image/png'],
      ['generated.png', 'image', 'image/png'],
      ['bytes.png', 'image', 'image/png'],
    ],
  );
  assert.deepEqual([media[0].width, media[0].height], [640, 360]);
  assert.deepEqual([media[3].width, media[3].height], [64, 48]);
  assert.equal(media[2].size, statSync(third).size);
  const last = progress.at(-1);
  assert.equal(last.sent, last.total, 'progress reaches the total');
  assert.ok(progress.every((p, i) => i === 0 || p.sent >= progress[i - 1].sent), 'progress only grows');
});

test('an unreadable path is an error in plain words, and nothing is sent', async () => {
  const c = client();
  const missing = join(home.dir, 'nope.jpg');
  await assert.rejects(c.upload([writePhotos(join(home.dir, 'ok'), 1)[0], missing]), (err) => {
    assert.ok(err instanceof pkg.ApiError, String(err));
    assert.equal(err.kind, 'invalid_input');
    assert.match(err.message, /cannot read .*nope\.jpg: no such file/);
    return true;
  });
  await assert.rejects(c.upload([home.dir]), /it is a folder, not a file/);
  // Nothing reached the studio: the client never even connected.
  assert.equal(c.session, null);
});

test('a text file is refused by its name before a byte is sent', async () => {
  const notes = join(home.dir, 'notes.txt');
  writeFileSync(notes, 'hello');
  await assert.rejects(client().upload([notes]), (err) => {
    assert.ok(err instanceof pkg.FileError);
    assert.equal(err.kind, 'file_type');
    assert.ok(err.acceptedFormats.includes('png'));
    return true;
  });
});

test('a stream shorter than its declared size fails the upload instead of hanging', async () => {
  const bytes = png(32, 32, 1);
  await assert.rejects(
    client().upload([{ name: 'short.png', size: bytes.byteLength + 10, stream: Readable.from([bytes]) }]),
    (err) => err instanceof pkg.I2vError && /short\.png was \d+ bytes long, not the \d+/.test(err.message),
  );
});

test('a stream that fails fails the upload with its reason', async () => {
  await assert.rejects(
    client().upload([
      {
        name: 'broken.png',
        size: 1000,
        stream: (async function* () {
          yield new Uint8Array(10);
          throw new Error('disk on fire');
        })(),
      },
    ]),
    (err) => err instanceof pkg.I2vError && /disk on fire/.test(err.message),
  );
});

test('an AbortSignal stops an upload from a stream half-way', async () => {
  const chunk = new Uint8Array(1 << 20);
  let pulled = 0;
  let closed = false;
  const endless = (async function* () {
    try {
      // A real PNG first: the studio judges the type by the opening bytes.
      yield png(64, 64, 2);
      for (;;) {
        pulled += 1;
        yield chunk;
      }
    } finally {
      closed = true;
    }
  })();
  const controller = new AbortController();
  const started = Date.now();
  await assert.rejects(
    client().upload([{ name: 'big.png', size: 150 << 20, stream: endless }], {
      signal: controller.signal,
      onProgress: ({ sent }) => {
        if (sent > 5 << 20) controller.abort();
      },
    }),
    (err) => err instanceof pkg.AbortError,
  );
  const pulledAtAbort = pulled;
  await new Promise((done) => setTimeout(done, 300));
  assert.ok(pulled <= pulledAtAbort + 1, 'no more chunks are read once cancelled');
  assert.ok(pulled < 150, `stopped half-way (${pulled} MB read)`);
  assert.ok(closed, 'the stream was closed');
  assert.ok(Date.now() - started < 10_000);
});

test('a Node stream that will not be read is closed, and so is its file', async () => {
  const [photo] = writePhotos(join(home.dir, 'closing'), 1);
  const stream = createReadStream(photo);
  const closed = once(stream, 'close');
  await assert.rejects(
    client().upload([{ name: 'photo.txt', size: statSync(photo).size, stream }]),
    pkg.FileError,
  );
  await Promise.race([
    closed,
    new Promise((_, fail) => setTimeout(() => fail(new Error('the stream was left open')), 2000)),
  ]);
  assert.ok(stream.destroyed);
});

test('nonsense inputs are TypeErrors', async () => {
  const c = client();
  await assert.rejects(c.upload([42]), TypeError);
  await assert.rejects(c.upload([{ name: 'x.png' }]), TypeError);
  await assert.rejects(c.upload([{ name: 'x.png', size: -1, stream: Readable.from([]) }]), TypeError);
});

test('the client id is generated once and kept in $XDG_CONFIG_HOME/nemovideo/client_id', () => {
  const saved = { NEMO_CLIENT_ID: process.env.NEMO_CLIENT_ID, XDG_CONFIG_HOME: process.env.XDG_CONFIG_HOME };
  const config = scratch('client-id');
  try {
    delete process.env.NEMO_CLIENT_ID;
    process.env.XDG_CONFIG_HOME = join(config.dir, 'config');
    const first = new Client({ apiUrl: studio.url });
    const file = join(config.dir, 'config', 'nemovideo', 'client_id');
    assert.equal(readFileSync(file, 'utf8').trim(), first.clientId, 'the UUID only');
    assert.match(first.clientId, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.equal(new Client({ apiUrl: studio.url }).clientId, first.clientId, 'read back');

    process.env.NEMO_CLIENT_ID = '11111111-2222-4333-8444-555555555555';
    assert.equal(new Client({ apiUrl: studio.url }).clientId, process.env.NEMO_CLIENT_ID);
    assert.equal(readFileSync(file, 'utf8').trim(), first.clientId, "an id from the environment isn't saved");
  } finally {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    config.cleanup();
  }
});
