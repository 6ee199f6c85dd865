// The pure helpers: SSE parsing, intent routing, drafts, GUI translation. No network.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { loadPackage } from './support.mjs';

const pkg = await loadPackage();
const { SseParser, routeIntent, parseDraft, diffDrafts, translateGui, Draft, I2vError } = pkg;

const encoder = new TextEncoder();

test('SseParser: events from bytes split anywhere, strings, CRLF, ids and retry', () => {
  const stream = '\uFEFFretry: 1500\r\nid: 7\r\nevent: update\r\ndata: {"a":\r\ndata:  1}\r\n\r\n: heartbeat\n\ndata: 二\n\n';
  const bytes = encoder.encode(stream);
  for (let split = 0; split <= bytes.length; split++) {
    const parser = new SseParser();
    const events = [...parser.feed(bytes.subarray(0, split)), ...parser.feed(bytes.subarray(split))];
    assert.deepEqual(
      events.map((e) => ({ ...e })),
      [
        { type: 'update', data: '{"a":\n 1}', lastEventId: '7' },
        { type: 'message', data: '二', lastEventId: '7' },
      ],
      `split at ${split}`,
    );
    assert.equal(parser.lastEventId, '7');
    assert.equal(parser.retry, 1500);
  }
  const parser = new SseParser();
  assert.deepEqual(parser.feed('data: x\n'), []);
  assert.equal(parser.feed('\n')[0].data, 'x');
  assert.deepEqual(parser.feed('data: unterminated'), []);
  assert.deepEqual(parser.finish(), []);
  parser.reset();
  assert.equal(parser.lastEventId, '');
  assert.equal(parser.retry, null);
});

test('SseParser: one feed of many events, repeats, other scripts, large and broken text', () => {
  // The bindings hand a feed's events over packed (ASCII and UTF-16 runs, repeats left out,
  // strings from 64 KiB on apart): every kind of string in one chunk, in order.
  const large = 'x'.repeat(70_000);
  const largeOther = `é${'y'.repeat(70_000)}`;
  const bytes = Uint8Array.from([
    ...encoder.encode(`data: a\n\nid: 1\nevent: é\ndata: « b » 🎬\n\ndata: ${large}\n\n`),
    ...encoder.encode(`event: é\ndata: ${largeOther}\n\nid: ключ\ndata: \n\ndata: c`),
    0xff,
    ...encoder.encode('\n\n'),
  ]);
  const events = new SseParser().feed(bytes).map((e) => ({ ...e }));
  assert.deepEqual(events, [
    { type: 'message', data: 'a', lastEventId: '' },
    { type: 'é', data: '« b » 🎬', lastEventId: '1' },
    { type: 'message', data: large, lastEventId: '1' },
    { type: 'é', data: largeOther, lastEventId: '1' },
    { type: 'message', data: '', lastEventId: 'ключ' },
    { type: 'message', data: 'c\uFFFD', lastEventId: 'ключ' },
  ]);
});

test('SseParser: an oversized event is a typed error and the parser goes on', () => {
  const parser = new SseParser(1024);
  assert.throws(
    () => parser.feed(`data: ${'x'.repeat(4096)}\n\n`),
    (err) => err instanceof I2vError && err.kind === 'stream' && /1024/.test(err.message),
  );
  assert.equal(parser.feed('data: small\n\n')[0].data, 'small');
  assert.throws(() => parser.feed(42), TypeError);
  assert.throws(() => new SseParser(-1), TypeError);
});

test('routeIntent: actions and export options, in English and Chinese', () => {
  assert.deepEqual(routeIntent('how many credits do I have left?'), { action: 'credits' });
  assert.deepEqual(routeIntent('show me the timeline'), { action: 'state' });
  assert.deepEqual(routeIntent('turn these images into a 30-second video'), { action: 'chat' });
  assert.equal(routeIntent('导出视频').action, 'export');
  const vertical = routeIntent('export it vertical for TikTok in 1080p');
  assert.equal(vertical.action, 'export');
  assert.equal(vertical.export.aspect, '9:16');
  assert.equal(vertical.export.resolution, '1080p');
  assert.deepEqual(routeIntent("don't export yet, add music first"), { action: 'chat' });
  assert.deepEqual(routeIntent('export 720p webm at 60 fps'), {
    action: 'export',
    export: { format: 'webm', resolution: '720p', fps: 60 },
  });
  assert.deepEqual(routeIntent('export a quick preview as a gif').export, { format: 'gif', quality: 'preview' });
});

const DRAFT = {
  t: [
    { tt: 0, sg: [{ d: 3000, m: { src: 'med_1', name: 'beach.jpg' } }, { d: 2000, m: { src: 'med_2' } }] },
    { tt: 1, sg: [{ d: 5000, m: { src: 'lofi', volume: 0.35 } }] },
  ],
  vendor: { kept: [1, 2] },
};

test('parseDraft: summary, readiness, length, and the JSON given back as it was', () => {
  for (const input of [DRAFT, JSON.stringify(DRAFT)]) {
    const draft = parseDraft(input);
    assert.ok(draft instanceof Draft);
    assert.equal(draft.isExportReady(), true);
    assert.equal(draft.durationMs, 5000);
    assert.match(draft.summary(), /^Timeline \(2 tracks\)/);
    assert.deepEqual(draft.toJSON(), DRAFT);
    assert.deepEqual(JSON.parse(JSON.stringify(draft)), DRAFT);
    assert.equal(parseDraft(draft), draft);
  }
  assert.equal(parseDraft({ t: [] }).isExportReady(), false);
  assert.throws(() => new Draft(), TypeError);
});

test('Draft.layout: roles, labels, spans and transitions by the core’s rules', () => {
  const layout = parseDraft({
    t: [
      { tt: 0, m: { fade_out: 1000 }, sg: [
        { d: 2000, m: { name: 'a.png', src: 'med_1', transition: { type: 'crossfade' } } },
        { d: 2000, m: { src: 'med_2', transition: { type: 'none' } } },
        { m: { src: 'med_3' } },
      ] },
      { tt: 1, m: { name: 'Lo-fi', volume: 0.35 }, sg: [{ d: 4000, m: { fade_in: 1000 } }] },
      { tt: 7, sg: [{ s: 500, d: 1500, m: { role: 'title', text: 'My\nVideo' } }] },
      { tt: 42, m: { role: 'sound_effect' } },
    ],
  }).layout();
  assert.equal(layout.durationMs, 4000);
  assert.deepEqual(
    layout.tracks.map((t) => [t.kind, t.role, t.label]),
    [['video', null, 'Video'], ['audio', 'bgm', 'BGM'], ['text', 'title', 'Title'], ['other', 'sound_effect', 'Sound effect']],
  );
  assert.deepEqual([layout.tracks[0].fadeInMs, layout.tracks[0].fadeOutMs], [null, 1000]);
  const clips = layout.tracks[0].segments;
  assert.deepEqual(clips.map((s) => [s.startMs, s.durationMs]), [[0, 2000], [2000, 2000], [4000, 0]]);
  assert.deepEqual(clips[0].transition, { type: 'fade', durationMs: 800 });
  assert.equal(clips[1].transition, null);
  assert.equal(clips[1].name, null);
  const music = layout.tracks[1].segments[0];
  assert.deepEqual([music.name, music.volume, music.fadeInMs], ['Lo-fi', 0.35, 1000]);
  const title = layout.tracks[2].segments[0];
  assert.deepEqual([title.text, title.startMs, title.volume], ['My Video', 500, null]);
});

test('parseDraft: a malformed draft names the JSON path', () => {
  assert.throws(
    () => parseDraft({ t: [{ sg: [{ d: 'long' }] }] }),
    (err) =>
      err instanceof pkg.DraftError && err.kind === 'draft' && err.message.includes('t[0].sg[0].d'),
  );
  assert.throws(() => parseDraft('{"t": ['), pkg.DraftError);
  assert.throws(() => parseDraft(5), TypeError);
});

test('diffDrafts: what changed, in words', () => {
  const after = structuredClone(DRAFT);
  after.t[0].sg[0].d = 4000;
  after.t[1].sg[0].m.volume = 0.8;
  const changes = diffDrafts(DRAFT, after);
  assert.deepEqual(
    changes.map((c) => c.kind),
    ['duration', 'volume'],
  );
  for (const change of changes) {
    assert.equal(typeof change.description, 'string');
    assert.ok(change.description.length > 5);
    assert.ok(change.before && change.after);
  }
  assert.deepEqual(diffDrafts(parseDraft(DRAFT), JSON.stringify(DRAFT)), []);
});

test('translateGui: editor instructions become actions', () => {
  const translated = translateGui('Done! Click the Export button to download your video.');
  assert.ok(translated.actions.some((a) => a.kind === 'export'));
  assert.equal(typeof translated.text, 'string');
  assert.deepEqual(translateGui('Hello there.'), { text: 'Hello there.', actions: [] });
});
