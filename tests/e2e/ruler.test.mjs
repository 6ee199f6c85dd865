// The timeline's ruler (web-demo/js/ruler.js) without a browser. Where segments sit and how
// tracks are named is the core's `Draft.layout()`, tested in tests/js/pure.test.mjs.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { rulerTicks } from '../../web-demo/js/ruler.js';

test('the ruler has a round step and at most about ten ticks', () => {
  assert.deepEqual(rulerTicks(6000), [0, 1000, 2000, 3000, 4000, 5000, 6000]);
  assert.deepEqual(rulerTicks(30000), [0, 5000, 10000, 15000, 20000, 25000, 30000]);
  assert.ok(rulerTicks(3_600_000).length <= 11);
  assert.deepEqual(rulerTicks(0), []);
});

test('a short video is marked at steps a one-decimal label says exactly', async () => {
  const { formatSeconds } = await import('../../web-demo/js/dom.js');
  assert.deepEqual(rulerTicks(1500), [0, 200, 400, 600, 800, 1000, 1200, 1400]);
  for (const total of [900, 1500, 2000, 2400, 4500]) {
    for (const t of rulerTicks(total)) assert.equal(Number(formatSeconds(t).replace(' s', '')) * 1000, t, `${total}: ${t}`);
  }
});
