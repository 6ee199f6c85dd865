// The timeline's layout (web-demo/js/layout.js) without a browser: where each segment sits, how
// tracks are named, and that drafts breaking the format are drawn as far as they make sense.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { layoutDraft, rulerTicks, trackLabel } from '../../web-demo/js/layout.js';

const DRAFT = {
  t: [
    { tt: 0, sg: [
      { d: 2000, m: { name: 'a.png', src: 'med_1', transition: { type: 'fade', d: 800 } } },
      { d: 2000, m: { name: 'b.png', src: 'med_2' } },
      { d: 2000, m: { src: 'med_3' } },
    ] },
    { tt: 1, m: { role: 'bgm' }, sg: [{ d: 6000, m: { name: 'Lo-fi', volume: 0.35, fade_in: 1000 } }] },
    { tt: 7, m: { role: 'title' }, sg: [{ s: 500, d: 3000, m: { text: 'My Video' } }] },
  ],
};

test('segments follow each other unless they say where they start', () => {
  const { tracks, totalMs } = layoutDraft(DRAFT);
  assert.equal(totalMs, 6000);
  assert.deepEqual(tracks[0].segments.map((s) => [s.startMs, s.durationMs]), [[0, 2000], [2000, 2000], [4000, 2000]]);
  assert.deepEqual(tracks[2].segments.map((s) => [s.startMs, s.durationMs]), [[500, 3000]]);
  assert.deepEqual(tracks[0].segments[0].transition, { type: 'fade', durationMs: 800 });
  assert.equal(tracks[0].segments[2].name, null);
});

test('tracks are named by role, then by type', () => {
  const { tracks } = layoutDraft(DRAFT);
  assert.deepEqual(tracks.map((t) => [t.kind, t.label]), [['video', 'Video'], ['audio', 'Music'], ['text', 'Title']]);
  assert.equal(tracks[1].segments[0].volume, 0.35);
  assert.equal(tracks[1].segments[0].fadeInMs, 1000);
  assert.equal(trackLabel('text', 'subtitle', 3), 'Captions');
  assert.equal(trackLabel('other', null, 3), 'Track 4');
  assert.equal(trackLabel('audio', 'voice_over', 1), 'Voice over');
});

test('the draft’s own length widens the scale', () => {
  assert.equal(layoutDraft(DRAFT, 9000).totalMs, 9000);
});

test('what breaks the format is skipped, not trusted', () => {
  const { tracks, totalMs } = layoutDraft({
    t: [
      { tt: 0, sg: [{ d: 'long' }, { d: -5 }, { d: 1000, m: 'x' }, null, { d: 1000, s: -3, m: { volume: 7, name: 5 } }] },
      { tt: 42 },
      'nonsense',
    ],
  });
  assert.equal(totalMs, 2000);
  assert.deepEqual(tracks[0].segments.map((s) => [s.index, s.startMs]), [[2, 0], [4, 1000]]);
  assert.equal(tracks[0].segments[1].volume, 1);
  assert.equal(tracks[0].segments[1].name, null);
  assert.deepEqual(tracks.map((t) => t.kind), ['video', 'other', 'other']);
  assert.deepEqual(layoutDraft(null), { tracks: [], totalMs: 0 });
});

test('the ruler has a round step and at most about ten ticks', () => {
  assert.deepEqual(rulerTicks(6000), [0, 1000, 2000, 3000, 4000, 5000, 6000]);
  assert.deepEqual(rulerTicks(30000), [0, 5000, 10000, 15000, 20000, 25000, 30000]);
  assert.ok(rulerTicks(3_600_000).length <= 11);
  assert.deepEqual(rulerTicks(0), []);
});
