// `Draft.timeline()`: the core's reading of a draft as frames, the same in both packages — what
// a frame shows (pictures and their views, a transition's progress, texts, black, music gains),
// the frame a time falls on, and clear errors for a draft that cannot play or a bad canvas.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { importPackage, packageName } from './support.mjs';

const pkg = await importPackage();
await pkg.init();

const DRAFT = {
  t: [
    {
      tt: 0,
      m: { fade_in: 500, fade_out: 1000 },
      sg: [
        { d: 3000, m: { src: 'a', motion: 'zoom-in', transition: { type: 'wipeleft', d: 1000 } } },
        { d: 3000, m: { src: 'b', fit: 'cover', motion: 'pan-right' } },
      ],
    },
    { tt: 7, m: { role: 'title' }, sg: [{ s: 500, d: 2000, m: { text: 'Hello there', color: 'red' } }] },
    { tt: 1, sg: [{ d: 6000, m: { src: 'library:calm', volume: 0.5 } }] },
  ],
};

test('the preview module must be loaded before a draft is read as frames', { skip: packageName !== 'web' }, async () => {
  // In @i2v/web the evaluator is a second .wasm; @i2v/node has it built in. This test runs
  // first, before any other has loaded it.
  assert.throws(() => pkg.parseDraft(DRAFT).timeline(), (error) => {
    assert.equal(error.kind, 'not_initialised');
    assert.match(error.message, /initPreview/);
    return true;
  });
});

test('a timeline knows its length, frames, canvas and what to load', async () => {
  await pkg.initPreview();
  const timeline = pkg.parseDraft(DRAFT).timeline({ width: 640, height: 360, fps: 30 });
  assert.ok(timeline instanceof pkg.Timeline);
  assert.equal(timeline.durationMs, 6000);
  assert.equal(timeline.frames, 180);
  assert.deepEqual(timeline.canvas, { width: 640, height: 360, fps: 30 });
  assert.deepEqual(timeline.media, [
    { src: 'a', kind: 'picture' },
    { src: 'b', kind: 'picture' },
    { src: 'library:calm', kind: 'sound' },
  ]);
  assert.equal(pkg.parseDraft(DRAFT).timeline().canvas.width, 1920, 'the default canvas');
  timeline.free();
});

test('a scene is what the frame a time falls on shows', async () => {
  await pkg.initPreview();
  const timeline = pkg.parseDraft(DRAFT).timeline({ width: 640, height: 360, fps: 30 });
  // 3 s is the boundary: the middle of the 1 s wipe.
  const middle = timeline.sceneAt(3000);
  assert.equal(middle.frame, 90);
  assert.deepEqual(middle.pictures.map((p) => [p.src, p.fit]), [['a', 'blur'], ['b', 'cover']]);
  assert.deepEqual(middle.transition, { kind: 'wipeleft', progress: 0.5 });
  assert.equal(middle.texts.length, 0, 'the title is gone at 2.5 s');
  assert.equal(middle.music[0].gain, 0.5);
  // 1 s: the title fading in (400 ms from 500 ms), the video fully up from black.
  const title = timeline.sceneAt(1000);
  assert.equal(title.black, 0);
  assert.deepEqual(title.texts[0].lines, ['Hello there']);
  assert.equal(title.texts[0].face, 'bold');
  assert.equal(title.texts[0].color, '#FF3B30');
  assert.equal(title.texts[0].position, 'center');
  assert.equal(title.texts[0].opacity, 1);
  // The first frame is black (the video's fade in); past the end is the last frame, black too.
  assert.equal(timeline.sceneAt(0).black, 1);
  const last = timeline.sceneAt(99_999);
  assert.equal(last.frame, 179);
  assert.equal(last.black, 1);
  // A zoom's view grows; a pan's window moves across a wider picture.
  assert.ok(timeline.sceneAt(1500).pictures[0].view.width > 640);
  const pan = timeline.sceneAt(5000).pictures[0];
  assert.ok(pan.composed.width > 640 && pan.view.x > 0, JSON.stringify(pan));
  assert.throws(() => timeline.sceneAt('1s'), TypeError);
});

test('a draft that cannot play, and a canvas that cannot be, say why', async () => {
  await pkg.initPreview();
  assert.throws(() => pkg.parseDraft({ t: [] }).timeline(), (error) => {
    assert.ok(error instanceof pkg.I2vError);
    assert.equal(error.kind, 'invalid_input');
    assert.match(error.message, /no video clips/);
    return true;
  });
  const noSource = { t: [{ tt: 0, sg: [{ d: 1000 }] }] };
  assert.throws(() => pkg.parseDraft(noSource).timeline(), /video segment 1 names no media/);
  assert.throws(() => pkg.parseDraft(DRAFT).timeline({ width: 0, height: 360 }), /canvas.width/);
  assert.throws(() => pkg.parseDraft(DRAFT).timeline({ width: 640, height: 360, fps: 2.5 }), /canvas.fps/);
});
