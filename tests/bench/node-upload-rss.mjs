// Peak memory of uploading a 200 MB file from disk through `Client.upload` to a real studio:
// the file is streamed chunk by chunk, so the process should grow by far less than the file
// (target: under 64 MB above the idle process). Measured two ways: `process.memoryUsage().rss`
// sampled every 5 ms during the upload, and the kernel's high-water mark (VmHWM) before and after.
//
// Run with `scripts/build-node.sh --release && node --expose-gc tests/bench/node-upload-rss.mjs`.

import { closeSync, openSync, readFileSync, rmSync, writeSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { repoRoot, startStudio } from '../js/support.mjs';

const { Client } = await import(join(repoRoot, 'npm/node/index.js'));

const FILE_BYTES = 200 * 1000 * 1000;
const TARGET_MB = 64;
const MB = 1024 * 1024;

/** A WAV of silence `bytes` long in all: real audio the studio accepts, written in 1 MB steps. */
function writeWav(path, bytes) {
  const data = bytes - 44;
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'latin1');
  header.writeUInt32LE(bytes - 8, 4);
  header.write('WAVEfmt ', 8, 'latin1');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(2, 22); // stereo
  header.writeUInt32LE(44100, 24);
  header.writeUInt32LE(44100 * 4, 28);
  header.writeUInt16LE(4, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36, 'latin1');
  header.writeUInt32LE(data, 40);
  const fd = openSync(path, 'w');
  try {
    writeSync(fd, header);
    const block = Buffer.alloc(MB);
    for (let left = data; left > 0; left -= block.length) {
      writeSync(fd, block, 0, Math.min(block.length, left));
    }
  } finally {
    closeSync(fd);
  }
}

function highWaterMark() {
  const match = readFileSync('/proc/self/status', 'utf8').match(/^VmHWM:\s+(\d+) kB/m);
  return match ? Number(match[1]) * 1024 : null;
}

const mb = (bytes) => `${(bytes / MB).toFixed(1)} MB`;

const dir = mkdtempSync(join(tmpdir(), 'i2v-rss-'));
const file = join(dir, 'silence.wav');
writeWav(file, FILE_BYTES);
const studio = await startStudio(['--max-upload-bytes', String(FILE_BYTES + MB)]);
try {
  const client = new Client({
    apiUrl: studio.url,
    webUrl: studio.url,
    clientId: crypto.randomUUID(),
    persistClientId: false,
  });
  await client.connect();
  // Idle: the addon loaded, a client connected, the heap collected.
  globalThis.gc?.();
  await new Promise((done) => setTimeout(done, 200));
  const idle = process.memoryUsage().rss;
  const hwmBefore = highWaterMark();

  let peak = idle;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 5);
  let reports = 0;
  const started = process.hrtime.bigint();
  const [media] = await client.upload([file], { onProgress: () => (reports += 1) });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);
  const hwmAfter = highWaterMark();

  if (media.size !== FILE_BYTES) throw new Error(`the studio stored ${media.size} bytes`);
  const growth = peak - idle;
  console.log(`uploaded ${mb(FILE_BYTES)} (${media.kind}, ${media.mime}) in ${seconds.toFixed(2)} s: ${(FILE_BYTES / 1e6 / seconds).toFixed(0)} MB/s, ${reports} progress reports`);
  console.log(`idle RSS ${mb(idle)}, sampled peak ${mb(peak)}: +${mb(growth)} (target < ${TARGET_MB} MB)`);
  if (hwmBefore !== null && hwmAfter !== null) {
    console.log(`VmHWM before ${mb(hwmBefore)}, after ${mb(hwmAfter)}: +${mb(Math.max(0, hwmAfter - idle))} above idle RSS`);
  }
  if (growth >= TARGET_MB * MB) {
    console.log('over target');
    process.exitCode = 1;
  }
} finally {
  await studio.stop();
  rmSync(dir, { recursive: true, force: true });
}
