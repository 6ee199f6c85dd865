// The rules of a turn over a real studio: cancellation, a dropped stream recovered by polling,
// a silent edit reported as changes, "still working", and the heartbeat timeout.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { clientOptions, collect, loadPackage, photos, renderJobs, startStudio } from './support.mjs';

const pkg = await loadPackage();
const { Client } = pkg;

/** Events that come while a turn is still working, in either dialect. */
const MIDTURN = ['textDelta', 'toolStarted'];

async function withStudio(args, body) {
  const studio = await startStudio(args);
  try {
    await body(studio);
  } finally {
    await studio.stop();
  }
}

test('an AbortSignal cancels any call, also one aborted before the call', async () => {
  await withStudio(['--chunk-delay-ms', '200', '--silent-share', '0'], async (studio) => {
    const client = new Client(clientOptions(studio));
    const aborted = AbortSignal.abort(new Error('never mind'));
    for (const call of [
      () => client.connect({ signal: aborted }),
      () => client.credits({ signal: aborted }),
      () => client.upload(photos(1), { signal: aborted }),
      () => client.export({ signal: aborted }),
      () => collect(client.chat('hello', { signal: aborted })),
    ]) {
      await assert.rejects(call(), (err) => err instanceof pkg.AbortError && err.name === 'AbortError');
    }
    assert.equal(client.session, null, 'no request went out');

    await client.upload(photos(2));
    const controller = new AbortController();
    const turn = client.chat('make a 4-second video from my photos', { signal: controller.signal });
    const seen = [];
    await assert.rejects(
      (async () => {
        for await (const event of turn) {
          seen.push(event.type);
          // The first sign of work: streamed text (ADK), or a tool (the api-reference's frames
          // carry whole messages only, after the work).
          if (MIDTURN.includes(event.type)) controller.abort();
        }
      })(),
      (err) => err instanceof pkg.AbortError && err.kind === 'cancelled',
    );
    assert.ok(seen.some((type) => MIDTURN.includes(type)), seen.join());
    assert.ok(!seen.includes('done'));
    // The client stays usable (the studio may still be finishing the turn it had started).
    assert.equal((await client.credits()).total, 100);
  });
});

test('breaking out of the loop cancels the turn', async () => {
  await withStudio(['--chunk-delay-ms', '200', '--silent-share', '0'], async (studio) => {
    const client = new Client(clientOptions(studio));
    await client.upload(photos(1));
    const turn = client.chat('make a 3-second video from my photo');
    for await (const event of turn) {
      if (MIDTURN.includes(event.type)) break;
    }
    await assert.rejects(turn.outcome, pkg.AbortError);
  });
});

test('a dropped stream is recovered by polling the state, never re-sent', async () => {
  await withStudio(['--silent-share', '0', '--fault-drop-stream-after', '1'], async (studio) => {
    const client = new Client(clientOptions(studio));
    await client.upload(photos(2));
    const events = await collect(client.chat('make a 4-second video from my photos'));
    const types = events.map((e) => e.type);
    assert.ok(types.includes('connectionLost'), types.join());
    const outcome = events.at(-1).outcome.outcome;
    assert.equal(outcome.recovered, true);
    assert.ok(outcome.changes.length > 0, 'the change was found by polling');
    assert.ok(outcome.draft.isExportReady());
    assert.ok(types.includes('changes'));
    const credits = await client.credits();
    assert.equal(credits.total - credits.available, 0);
    assert.ok(credits.total < 100, 'charged once, not twice');
  });
});

test('a silent edit is reported as what changed', async () => {
  await withStudio(['--silent-share', '1'], async (studio) => {
    const client = new Client(clientOptions(studio));
    await client.upload(photos(2));
    await collect(client.chat('make a 4-second video from my photos'));
    const events = await collect(client.chat('make each photo 5 seconds'));
    const outcome = events.at(-1).outcome.outcome;
    assert.equal(outcome.silent, true);
    assert.ok(outcome.changes.length > 0);
    const changes = events.find((e) => e.type === 'changes');
    assert.ok(changes.changes.some((c) => c.kind === 'duration'), JSON.stringify(changes.changes));
    assert.equal(outcome.draft.durationMs, 10_000);
  });
});

test('heartbeats only: "still working", then a timeout', async () => {
  await withStudio(
    ['--fault-stall-stream', '3', '--heartbeat-every', '1', '--silent-share', '0'],
    async (studio) => {
      const patient = new Client(
        clientOptions(studio, { timing: { stillWorkingAfterMs: 1000, stillWorkingEveryMs: 1000 } }),
      );
      await patient.upload(photos(1));
      const events = await collect(patient.chat('make a 3-second video from my photo'));
      const still = events.filter((e) => e.type === 'stillWorking');
      assert.ok(still.length >= 1, events.map((e) => e.type).join());
      assert.ok(still[0].waitedMs >= 1000);
      assert.equal(events.at(-1).type, 'done');

      const hasty = new Client(clientOptions(studio, { timing: { heartbeatTimeoutMs: 1500 } }));
      await hasty.upload(photos(1));
      await assert.rejects(
        collect(hasty.chat('make a 3-second video from my photo')),
        (err) => err instanceof pkg.TimeoutError && err.kind === 'timeout',
      );
    },
  );
});

test('a Chinese turn is written for a person while it streams, tools in words', async () => {
  await withStudio(['--silent-share', '0'], async (studio) => {
    const client = new Client(clientOptions(studio, { language: 'zh-CN' }));
    await client.upload(photos(2));
    const events = await collect(client.chat('把这些图片做成一个6秒的视频，加上背景音乐'));
    const text = events.filter((e) => e.type === 'text').map((e) => e.text).join('');
    assert.match(text, /[\u4e00-\u9fff]/, text);
    const tools = events.filter((e) => e.type === 'toolStarted').map((e) => e.label);
    assert.ok(tools.length > 0);
    for (const label of tools) assert.match(label, /[\u4e00-\u9fff]/, label);
    // The reply offered the export: a suggestion, and no render was made.
    assert.ok(events.some((e) => e.type === 'action' && e.action.kind === 'export'));
    assert.equal(renderJobs(studio), 0);
  });
});

test('the debug log tells every request, and never the token', async () => {
  await withStudio([], async (studio) => {
    const lines = [];
    const client = new Client(clientOptions(studio, { logger: (line) => lines.push(line) }));
    await client.connect();
    const token = lines.join('\n').match(/nmv_usr_\w+/);
    assert.equal(token, null, 'no token in the log');
    assert.ok(lines.some((l) => l.startsWith('request POST') && l.endsWith('/api/auth/anonymous-token')), lines.join('\n'));
    assert.ok(lines.some((l) => /^answer to POST .*\/with-session\/nemo_agent in \d+ ms$/.test(l)), lines.join('\n'));
    const consoleLike = [];
    const quiet = new Client(clientOptions(studio, { logger: { debug: (l) => consoleLike.push(l) } }));
    await quiet.credits();
    assert.ok(consoleLike.length > 0);
    assert.throws(() => new Client(clientOptions(studio, { logger: 5 })), TypeError);
  });
});
