// Every workflow against a real studio: connect, upload, chat, state, credits, export, send's
// routing, and resuming a session and a render.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import {
  clientOptions,
  collect,
  dialect,
  loadPackage,
  photos,
  renderJobs,
  startStudio,
} from './support.mjs';

const { Client, Draft, I2vError } = await loadPackage();

let studio;
before(async () => {
  studio = await startStudio(['--silent-share', '0']);
});
after(async () => {
  await studio?.stop();
});

test('connect gives a session, claimUrl a link, credits the starter balance', async () => {
  const client = new Client(clientOptions(studio));
  assert.equal(client.session, null);
  const session = await client.connect();
  assert.match(session.sessionId, /^ses_/);
  assert.equal(typeof session.taskId, 'string');
  assert.deepEqual(client.session, session);
  const claim = await client.claimUrl();
  assert.ok(claim.startsWith(`${studio.url}/workspace/claim?ct=clm_`), claim);
  assert.deepEqual(await client.credits(), { available: 100, frozen: 0, total: 100 });
  const state = await client.state();
  assert.equal(state.draft, null);
  assert.deepEqual(state.canvas, { width: 1920, height: 1080, fps: 30 });
});

test('the whole job: upload, a streamed turn, state, credits, export', async () => {
  const client = new Client(clientOptions(studio));
  const progress = [];
  const media = await client.upload(photos(3), { onProgress: (p) => progress.push(p) });
  assert.equal(media.length, 3);
  for (const [n, item] of media.entries()) {
    if (dialect === 'adk') {
      assert.match(item.mediaId, /^med_/);
    } else {
      // Known by the content hash, and served at the CDN URL the answer gave.
      assert.match(item.mediaId, /^[0-9a-f]{64}$/);
      assert.equal(item.hash, item.mediaId);
      assert.equal(item.inState, true);
      const served = await fetch(item.url);
      assert.equal(served.status, 200);
      assert.equal((await served.arrayBuffer()).byteLength, photos(3)[n].data.byteLength);
    }
    assert.equal(item.kind, 'image');
    assert.equal(item.mime, 'image/png');
    assert.equal(item.name, `photo-${n + 1}.png`);
    assert.ok(item.width > 0 && item.height > 0);
  }
  assert.ok(progress.length >= 1);
  const last = progress.at(-1);
  assert.equal(last.sent, last.total);

  const turn = client.send(
    'turn these images into a 6-second video with smooth transitions and background music',
  );
  const events = await collect(turn);
  const types = events.map((e) => e.type);
  // Streamed in pieces (ADK), or whole (the api-reference's frames); shown once either way.
  if (dialect === 'adk') assert.ok(types.includes('textDelta'), types.join());
  assert.ok(types.includes('text'));
  assert.ok(types.includes('toolStarted'));
  assert.equal(types.at(-1), 'done');
  assert.equal(types.filter((t) => t === 'done').length, 1);
  const drafted = events.find((e) => e.type === 'draft');
  assert.ok(drafted.draft instanceof Draft);
  assert.equal(drafted.draft.durationMs, 6000);
  const done = events.at(-1).outcome;
  assert.equal(done.type, 'chat');
  assert.ok(done.outcome.texts.length > 0);
  assert.ok(done.outcome.draft instanceof Draft);
  assert.deepEqual(await turn.outcome, done);
  const texts = events.filter((e) => e.type === 'text');
  for (const e of texts) {
    assert.ok(!e.text.trim().startsWith('{'), 'no raw JSON reaches the text');
    assert.ok(!/tool_call|tool_result|functionCall|create_slideshow/.test(e.text), e.text);
  }
  // Each message is given whole once.
  assert.equal(new Set(texts.map((e) => e.message)).size, texts.length);
  assert.deepEqual(
    texts.map((e) => e.text),
    done.outcome.texts,
  );

  const state = await client.state();
  assert.ok(state.draft instanceof Draft);
  assert.deepEqual(state.draft.toJSON(), done.outcome.draft.toJSON());
  assert.equal(state.videoInfos.length, 3);
  assert.deepEqual(client.lastDraft.toJSON(), state.draft.toJSON());
  const credits = await client.credits();
  assert.equal(credits.frozen, 0);
  assert.ok(credits.available < 100);

  const seen = [];
  const result = await client.export({ onProgress: (p) => seen.push(p) });
  assert.match(result.renderId, /^render_[0-9a-f]{32}$/);
  assert.equal(seen[0].renderId, result.renderId, 'the render id is reported at once');
  assert.equal(seen.at(-1).status, 'completed');
  if (dialect === 'adk') {
    assert.equal(result.width, 1920);
    assert.equal(result.height, 1080);
    assert.ok(Math.abs(result.durationMs - 6000) <= 34, `${result.durationMs}`);
  } else {
    // The api-reference's status names only the URL: nothing about the file is made up.
    assert.deepEqual([result.width, result.height, result.durationMs, result.size], [null, null, null, null]);
  }
  const video = await fetch(result.url);
  assert.equal(video.status, 200);
  assert.equal(video.headers.get('content-type'), 'video/mp4');
  const bytes = new Uint8Array(await video.arrayBuffer());
  assert.equal(new TextDecoder().decode(bytes.subarray(4, 8)), 'ftyp');
});

test('send routes: credits, state and upload never reach the chat', async () => {
  const client = new Client(clientOptions(studio));
  const credits = await collect(client.send('how many credits do I have?'));
  assert.deepEqual(
    credits.map((e) => e.type),
    ['credits', 'done'],
  );
  assert.equal(credits[1].outcome.type, 'credits');
  const state = await collect(client.send('show me the timeline'));
  assert.equal(state.at(-1).outcome.type, 'state');
  assert.equal(state.at(-1).outcome.state.draft, null);
  const uploaded = await collect(client.send('upload these', { files: photos(1) }));
  assert.deepEqual(
    uploaded.map((e) => e.type),
    ['uploaded', 'done'],
  );
  assert.equal(uploaded.at(-1).outcome.type, 'uploaded');
  assert.equal((await client.credits()).available, 100, 'nothing was charged');
});

test('files sent with an instruction are uploaded first, then the instruction runs', async () => {
  const client = new Client(clientOptions(studio));
  const events = await collect(
    client.send('make a 4-second video from these photos', { files: photos(2) }),
  );
  assert.equal(events[0].type, 'uploaded');
  assert.equal(events[0].media.length, 2);
  assert.ok(events.some((e) => e.type === 'draft'));
  assert.equal(events.at(-1).outcome.type, 'chat');
});

test('a resumed session and render are picked up by a new client', async () => {
  const first = new Client(clientOptions(studio));
  await first.upload(photos(2));
  await collect(first.chat('make a 4-second video from my photos'));
  const renderId = await new Promise((resolve, reject) => {
    first
      .export({
        onProgress: (p) => resolve(p.renderId),
      })
      .catch(reject);
  });
  // A reloaded page: the same client id, the saved session and render id.
  const second = new Client({ ...clientOptions(studio), clientId: first.clientId });
  second.resume(first.session);
  assert.deepEqual(second.session, first.session);
  const progress = [];
  const result = await second.resumeExport(renderId, { onProgress: (p) => progress.push(p) });
  assert.equal(result.renderId, renderId);
  assert.ok(progress.length >= 1);
  assert.ok((await second.state()).draft.isExportReady());
  assert.throws(() => second.resume({ sessionId: '' }), I2vError);
  assert.throws(() => second.resume(null), TypeError);
});

test('aborting an export cancels its render on the server', async () => {
  const client = new Client(clientOptions(studio));
  await client.upload(photos(2));
  await collect(client.chat('make a 60-second video from my photos'));
  const controller = new AbortController();
  let renderId = null;
  await assert.rejects(
    client.export({
      signal: controller.signal,
      onProgress: (p) => {
        renderId = p.renderId;
        controller.abort();
      },
    }),
    (err) => err.kind === 'cancelled',
  );
  assert.match(renderId, /^render_[0-9a-f]{32}$/);
  // The render was stopped, not left running: watching it again finds it cancelled.
  const progress = [];
  await assert.rejects(
    client.resumeExport(renderId, { onProgress: (p) => progress.push(p.status) }),
    (err) => err.kind === 'render' && /cancelled/.test(err.message),
  );
  assert.equal(progress.at(-1), 'cancelled');
});

test('an edit renders nothing; "export" renders once; nothing changed, nothing rendered again', async () => {
  const client = new Client(clientOptions(studio));
  await client.upload(photos(2));
  await collect(client.send('make a 4-second video from my photos'));
  const edit = await collect(client.send('make the music louder'));
  assert.equal(edit.at(-1).outcome.type, 'chat');
  assert.ok(!edit.some((e) => e.type === 'exportProgress' || e.type === 'exported'));
  assert.equal(renderJobs(studio, client.session.sessionId), 0, 'no edit renders');

  const exported = await collect(client.send('export'));
  assert.equal(exported.at(-1).outcome.type, 'exported');
  assert.equal(renderJobs(studio, client.session.sessionId), 1);
  const first = exported.at(-1).outcome.result;

  const again = await collect(client.send('export the video'));
  assert.deepEqual(again.at(-1).outcome.result, first);
  assert.deepEqual(await client.export(), first);
  assert.equal(renderJobs(studio, client.session.sessionId), 1, 'the same video is not rendered again');

  // Another client of the same session (a CLI run after another) gets the same video from the
  // studio, at once, without a new render.
  const later = new Client({ ...clientOptions(studio), clientId: client.clientId });
  later.resume(client.session);
  const reused = await later.export();
  assert.notEqual(reused.renderId, first.renderId);
  assert.equal(renderJobs(studio, client.session.sessionId), 2, 'a job record, completed at submit');
  const [a, b] = await Promise.all([fetch(first.url), fetch(reused.url)].map(async (r) => (await r).arrayBuffer()));
  assert.deepEqual(new Uint8Array(a), new Uint8Array(b));

  // A change makes a new video.
  await collect(client.send('make each photo 3 seconds'));
  const changed = await client.export();
  assert.notEqual(changed.renderId, first.renderId);
  assert.equal(renderJobs(studio, client.session.sessionId), 3);
});
