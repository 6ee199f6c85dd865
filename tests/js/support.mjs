// What the shared suite needs: the package under test, real studios, and real images.
//
// `I2V_PACKAGE` chooses the package: `node` (default) or `web`, or a path to an entry module.
// `I2V_DIALECT` chooses the shapes the studios answer in (docs/PROTOCOL.md §8): `adk` (default)
// or `reference`, NemoVideo's published api-reference. The same test files run unchanged
// against every pair.

import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { deflateSync } from 'node:zlib';

import { launchStudio, repoRoot, studioBinary } from '../studio.mjs';

export { repoRoot, studioBinary };

const ENTRIES = {
  node: 'npm/node/index.js',
  web: 'npm/web/pkg/index.js',
};

/**
 * The package under test, loaded: `init()` first, as a program that calls the synchronous
 * functions (`routeIntent`, `parseDraft`, …) does (@i2v/web loads its `.wasm` on first use).
 */
export async function loadPackage() {
  const pkg = await importPackage();
  await pkg.init();
  return pkg;
}

/** The package under test, imported and nothing more. */
export function importPackage() {
  const chosen = process.env.I2V_PACKAGE || 'node';
  const entry = ENTRIES[chosen] ?? chosen;
  return import(pathToFileURL(resolve(repoRoot, entry)).href);
}

/** Which package runs, for the few assertions that differ by platform. */
export const packageName = process.env.I2V_PACKAGE || 'node';

/** Which dialect the studios speak, for the few assertions that differ by dialect. */
export const dialect = process.env.I2V_DIALECT || 'adk';
if (!['adk', 'reference'].includes(dialect)) {
  throw new Error(`I2V_DIALECT must be adk or reference, not ${dialect}`);
}

/**
 * Starts a real studio (see tests/studio.mjs), with fast streams and generous token limits unless
 * `args` say otherwise; `await studio.stop()` ends it.
 */
export async function startStudio(args = []) {
  const defaults = [
    '--chunk-delay-ms',
    '1',
    '--tokens-per-address',
    '1000',
    '--dialect',
    dialect,
  ];
  const given = new Set(args.filter((a) => a.startsWith('--')));
  const flags = [];
  for (let i = 0; i < defaults.length; i += 2) {
    if (!given.has(defaults[i])) flags.push(defaults[i], defaults[i + 1]);
  }
  return launchStudio([...flags, ...args]);
}

/** Options for a client of `studio` with short waits, a fresh client id, and no persistence. */
export function clientOptions(studio, extra = {}) {
  return {
    apiUrl: studio.url,
    webUrl: studio.url,
    clientId: crypto.randomUUID(),
    persistClientId: false,
    ...extra,
    timing: {
      exportPollIntervalMs: 200,
      exportMaxPolls: 600,
      disconnectFirstWaitMs: 200,
      disconnectNextWaitMs: 200,
      retryBaseBackoffMs: 20,
      ...extra.timing,
    },
  };
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes) {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'latin1');
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

/** A real RGB PNG of `width`×`height`: a gradient tinted by `seed`. */
export function png(width, height, seed = 0) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const rows = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    const row = y * (width * 3 + 1);
    for (let x = 0; x < width; x++) {
      rows[row + 1 + x * 3] = (x * 255) / width;
      rows[row + 2 + x * 3] = (y * 255) / height;
      rows[row + 3 + x * 3] = (seed * 67) & 0xff;
    }
  }
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const image = Buffer.concat([
    signature,
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
  return new Uint8Array(image.buffer, image.byteOffset, image.length);
}

/** Upload inputs for `count` small photos of mixed shapes. */
export function photos(count) {
  const shapes = [
    [320, 180],
    [180, 320],
    [240, 240],
  ];
  return Array.from({ length: count }, (_, n) => {
    const [w, h] = shapes[n % shapes.length];
    return { name: `photo-${n + 1}.png`, data: png(w, h, n) };
  });
}

/** Words that assume an editor on screen, which no text a person sees may carry. */
const GUI_WORDS = /click|button|timeline|点击|按钮/i;
/** A tool's raw id (`create_slideshow`), which no text or tool event may carry. */
const TOOL_ID = /[a-z]+_[a-z_]+/;

/**
 * Every event of a turn, in order, checked as a person would see them: no text, delta or tool
 * event speaks of GUI steps or raw tool ids, and each message's deltas add up to its text.
 */
export async function collect(turn) {
  const events = [];
  for await (const event of turn) events.push(event);
  checkShown(events);
  return events;
}

/** The checks of `collect` on events gathered otherwise. */
export function checkShown(events) {
  const pieces = new Map();
  for (const event of events) {
    const shown =
      event.type === 'textDelta' || event.type === 'text'
        ? event.text
        : event.type === 'toolStarted' || event.type === 'toolFinished'
          ? event.label
          : null;
    if (shown === null) continue;
    assert.ok(!GUI_WORDS.test(shown), `${event.type} speaks of a GUI: ${JSON.stringify(shown)}`);
    assert.ok(!TOOL_ID.test(shown), `${event.type} names a tool: ${JSON.stringify(shown)}`);
    if (event.type === 'textDelta') {
      pieces.set(event.message, (pieces.get(event.message) ?? '') + event.text);
    } else if (event.type === 'text') {
      assert.equal(pieces.get(event.message) ?? '', event.text, 'the deltas add up to the text');
      pieces.delete(event.message);
    }
  }
  assert.deepEqual([...pieces.keys()], [], 'every streamed message ends with its text');
}

/** How many renders the studio was asked for (its job records), of one session or of all. */
export function renderJobs(studio, sessionId = null) {
  const renders = join(studio.dataDir, 'renders');
  if (!existsSync(renders)) return 0;
  return readdirSync(renders)
    .filter((name) => name.endsWith('.json') && !name.startsWith('.'))
    .map((name) => JSON.parse(readFileSync(join(renders, name), 'utf8')))
    .filter((job) => sessionId === null || job.session_id === sessionId).length;
}
