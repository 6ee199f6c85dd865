// Every error reaches JS as an `I2vError` subclass with the protocol's code and a stable kind,
// and the fields a person needs; none carries the token.

import assert from 'node:assert/strict';
import { createServer as createHttpServer } from 'node:http';
import { createServer } from 'node:net';
import { after, before, test } from 'node:test';

import { clientOptions, collect, loadPackage, photos, startStudio } from './support.mjs';

const pkg = await loadPackage();
const { Client, I2vError } = pkg;

let studio;
before(async () => {
  studio = await startStudio(['--silent-share', '0']);
});
after(async () => {
  await studio?.stop();
});

/** Asserts `promise` rejects with an error of `Class`, `kind` and `code`; returns it. */
async function rejectsWith(promise, Class, kind, code) {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof Class, `${error?.name}: ${error?.message}`);
    assert.ok(error instanceof I2vError);
    assert.ok(error instanceof Error);
    assert.equal(error.kind, kind, error.message);
    assert.equal(error.code, code, error.message);
    assert.equal(error.name, Class.name);
    return error;
  }
  assert.fail(`expected a ${Class.name}`);
}

test('4001: a file of the wrong type, judged before sending and by content', async () => {
  const client = new Client(clientOptions(studio));
  const byName = await rejectsWith(
    client.upload([{ name: 'notes.txt', data: new Uint8Array([104, 105]) }]),
    pkg.FileError,
    'file_type',
    4001,
  );
  assert.ok(byName.acceptedFormats.includes('png'));
  assert.match(byName.message, /notes\.txt/);
  // A renamed executable passes the name check and is refused by the server's sniffing.
  const bySniff = await rejectsWith(
    client.upload([{ name: 'photo.jpg', data: new Uint8Array([0x4d, 0x5a, 0x90, 0, 1, 2, 3]) }]),
    pkg.FileError,
    'file_type',
    4001,
  );
  assert.ok(bySniff.acceptedFormats.length > 5);
});

test('4002: a file over 200 MB is refused before a byte is sent', async () => {
  const client = new Client(clientOptions(studio));
  const error = await rejectsWith(
    client.upload([{ name: 'huge.png', data: new Uint8Array(200 * 1024 * 1024 + 1) }]),
    pkg.FileError,
    'file_size',
    4002,
  );
  assert.equal(error.maxBytes, 200 * 1024 * 1024);
  assert.equal(client.session, null, 'nothing reached the backend');
});

test('1001: a configured token that is rejected is not replaced', async () => {
  const client = new Client(clientOptions(studio, { token: 'nmv_usr_not-a-real-token' }));
  const error = await rejectsWith(client.connect(), pkg.AuthError, 'auth', 1001);
  assert.ok(!error.message.includes('not-a-real-token'));
  assert.ok(!JSON.stringify(error).includes('not-a-real-token'));
});

test('1002: an expired session is replaced, with a notice', async () => {
  const client = new Client(clientOptions(studio));
  client.resume({ taskId: 'tsk_gone', sessionId: 'ses_gone', bindId: null });
  const events = await collect(client.send('show me the timeline'));
  const notice = events.find((e) => e.type === 'notice');
  assert.ok(notice, JSON.stringify(events.map((e) => e.type)));
  assert.equal(notice.notice.kind, 'session_replaced');
  assert.equal(notice.notice.oldSessionId, 'ses_gone');
  assert.notEqual(client.session.sessionId, 'ses_gone');
});

test('2001: out of credits, with the registration link', async () => {
  const poor = await startStudio(['--starter-credits', '1']);
  try {
    const client = new Client(clientOptions(poor));
    await client.upload(photos(1));
    const turn = client.chat('make a video from my photo');
    const error = await rejectsWith(turn.outcome, pkg.CreditsError, 'credits', 2001);
    assert.match(error.bindUrl, /\/\?bind=bnd_/);
    // The answer it failed on: its status and the server's request id.
    assert.equal(error.status, 403);
    assert.match(error.requestId ?? '', /^req_/);
    await assert.rejects(collect(turn), pkg.CreditsError, 'iterating sees the same error');
  } finally {
    await poor.stop();
  }
});

test('429: rate limited, with the wait', async () => {
  const strict = await startStudio(['--tokens-per-address', '1']);
  try {
    await new Client(clientOptions(strict)).connect();
    const error = await rejectsWith(
      new Client(clientOptions(strict, { timing: { retryAttempts: 1 } })).connect(),
      pkg.RateLimitError,
      'rate_limited',
      429,
    );
    assert.ok(error.retryAfterMs > 0);
  } finally {
    await strict.stop();
  }
});

test('not ready: export before anything was generated', async () => {
  const client = new Client(clientOptions(studio));
  const error = await rejectsWith(client.export(), pkg.RenderError, 'not_ready', null);
  assert.match(error.message, /generate/);
});

test('network: nothing listening, with what the network said as the cause', async () => {
  const client = new Client(clientOptions({ url: 'http://127.0.0.1:9' }, { maxRetries: 0 }));
  const error = await rejectsWith(client.connect(), pkg.NetworkError, 'network', null);
  assert.ok(error.cause instanceof Error, `${error.cause}`);
  assert.equal(error.status, null);
});

test('timeout: a server that never answers, by default and per call', async () => {
  // Accepts every connection and never says a word.
  const sockets = new Set();
  const silent = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise((done) => silent.listen(0, '127.0.0.1', done));
  const url = `http://127.0.0.1:${silent.address().port}`;
  try {
    const client = new Client(clientOptions({ url }, { token: 'nmv_usr_test', timeout: 700 }));
    let started = Date.now();
    const error = await rejectsWith(client.credits(), pkg.TimeoutError, 'timeout', null);
    let took = Date.now() - started;
    assert.ok(took >= 650 && took < 5000, `${took} ms`);
    assert.match(error.message, /no answer to GET .*\/api\/credits\/balance\/simple within 0\.7 s/);
    // A call's own timeout overrides the client's.
    started = Date.now();
    await rejectsWith(client.credits({ timeout: 250 }), pkg.TimeoutError, 'timeout', null);
    took = Date.now() - started;
    assert.ok(took >= 200 && took < 650, `${took} ms`);
    await assert.rejects(client.credits({ timeout: 'soon' }), (err) => err.kind === 'invalid_input');
  } finally {
    for (const socket of sockets) socket.destroy();
    await new Promise((done) => silent.close(done));
  }
});

test('stream: a server whose reply never ends stops the turn at the SDK cap', async () => {
  // Answers the session and state calls, then streams one message's text forever.
  const piece = 'x'.repeat(64 * 1024);
  let sent = 0;
  const endless = createHttpServer((req, res) => {
    if (!req.url.startsWith('/run_sse')) {
      // The session, and an empty state for the reads around the turn.
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ code: 0, message: 'ok', data: { task_id: 't1', session_id: 's1' } }));
      return;
    }
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    const more = () => {
      while (!res.destroyed) {
        const event = { id: 'e1', partial: true, author: 'nemo_agent', content: { role: 'model', parts: [{ text: piece }] } };
        sent += piece.length;
        if (!res.write(`data: ${JSON.stringify(event)}\n\n`)) return res.once('drain', more);
      }
    };
    more();
  });
  await new Promise((done) => endless.listen(0, '127.0.0.1', done));
  const url = `http://127.0.0.1:${endless.address().port}`;
  try {
    const client = new Client(clientOptions({ url }, { token: 'nmv_usr_test' }));
    await client.connect();
    const error = await rejectsWith(collect(client.chat('hello')), pkg.NetworkError, 'stream', null);
    assert.match(error.message, /grew past 1048576 bytes/);
    // It stopped near the cap, not after the server gave up.
    assert.ok(sent < 64 * 1024 * 1024, `${sent} bytes were sent before the turn stopped`);
  } finally {
    endless.closeAllConnections();
    await new Promise((done) => endless.close(done));
  }
});

test('invalid input: options and arguments', async () => {
  assert.throws(() => new Client({ apiUrl: 'ftp://example.com' }), (err) => err.kind === 'invalid_input');
  assert.throws(() => new Client({ timing: { heartbeatTimeoutMs: -5 } }), TypeError);
  const client = new Client(clientOptions(studio));
  await rejectsWith(client.resumeExport('../../etc'), pkg.ApiError, 'invalid_input', null);
  await assert.rejects(client.upload('a.png'), TypeError);
  assert.throws(() => client.send(42), TypeError);
});

test('the error classes are the contract', () => {
  for (const name of [
    'AuthError',
    'SessionError',
    'CreditsError',
    'FileError',
    'RateLimitError',
    'NetworkError',
    'AgentError',
    'RenderError',
    'DraftError',
    'TimeoutError',
    'AbortError',
    'ApiError',
  ]) {
    assert.equal(typeof pkg[name], 'function', name);
    assert.ok(pkg[name].prototype instanceof I2vError, name);
  }
});
