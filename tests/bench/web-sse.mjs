// SseParser of @i2v/web (the core's parser in wasm) against the `eventsource-parser` npm
// package, in one Node process, on the streams of the core's own SSE benchmark
// (crates/i2v-core/benches/sse.rs): 20,000 ADK events in 16 KiB chunks, and one 8 MB event in
// 1,024 chunks. Each parser is fed the same chunks, as bytes (what a fetch body yields:
// eventsource-parser, which takes strings, gets each chunk through a streaming TextDecoder
// first) and as strings. Run `bash scripts/build-web.sh` first, then `node tests/bench/web-sse.mjs`.
//
// Bytes are the comparison that matters: a fetch body yields Uint8Arrays, and that is what the
// package's own client feeds its parser. From strings JS already decoded, ours must encode them
// back into wasm memory, while eventsource-parser reads them where they are: it wins there, and
// the figures show by how much.

import { createParser } from 'eventsource-parser';

import { SseParser, init } from '../../npm/web/pkg/index.js';

// The package loads its .wasm on first use; a synchronous parser needs it loaded first.
await init();

/** How long each measurement runs for, in ms (`BENCH_MS` to change). */
const BUDGET_MS = Number(process.env.BENCH_MS || 1500);
const ADK_EVENTS = 20_000;
const ADK_CHUNK = 16 * 1024;
const LARGE = 8 * 1024 * 1024;
const LARGE_CHUNKS = 1024;

const encoder = new TextEncoder();

/** The core bench's ADK stream: partial text, a tool call, a tool response, final text. */
function adkStream(events) {
  const invocation = 'e-5d0c6a1e-7c39-4f4e-9d71-0a3b2f1c8e44';
  const actions = '"actions":{"stateDelta":{},"artifactDelta":{},"requestedAuthConfigs":{}}';
  const words = 'smooth transitions and background music for your images ';
  const pad = (n, width) => String(n).padStart(width, '0');
  let out = '';
  for (let n = 0; n < events; n++) {
    const text = words.slice(0, 20 + (n % 37));
    const id = `"id":"ev${pad(n, 8)}"`;
    const ms = pad(n % 1000, 3);
    let json;
    switch (n % 4) {
      case 0:
        json = `{"content":{"parts":[{"text":"${text}"}],"role":"model"},"partial":true,"invocationId":"${invocation}","author":"nemo_agent",${actions},${id},"timestamp":1795489448.${ms}}`;
        break;
      case 1:
        json = `{"content":{"parts":[{"functionCall":{"id":"adk-7f3e9b2a-${pad(n, 12)}","name":"generate_slideshow","args":{"duration_s":30,"transition":"crossfade","music":"upbeat","images":["med_a1","med_b2","med_c3"]}}}],"role":"model"},"invocationId":"${invocation}","author":"nemo_agent",${actions},"longRunningToolIds":[],${id},"timestamp":1795489449.${ms}}`;
        break;
      case 2:
        json = `{"content":{"parts":[{"functionResponse":{"id":"adk-7f3e9b2a-${pad(n, 12)}","name":"generate_slideshow","response":{"status":"ok","clips":5}}}],"role":"user"},"invocationId":"${invocation}","author":"nemo_agent","actions":{"stateDelta":{"draft":{"w":1920,"h":1080,"fps":30,"t":[{"k":"v","s":0,"e":6000,"m":"med_a1"},{"k":"v","s":6000,"e":12000,"m":"med_b2"},{"k":"a","s":0,"e":30000}]}},"artifactDelta":{},"requestedAuthConfigs":{}},${id},"timestamp":1795489461.${ms}}`;
        break;
      default:
        json = `{"content":{"parts":[{"text":"Done! ${text}— « Paradise Found » 🎬"}],"role":"model"},"partial":false,"finishReason":"STOP","invocationId":"${invocation}","author":"nemo_agent",${actions},${id},"timestamp":1795489462.${ms}}`;
    }
    out += `data: ${json}\n\n`;
  }
  return encoder.encode(out);
}

/** One event whose single data line carries `size` bytes of JSON-like text. */
function largeEvent(size) {
  const pattern = encoder.encode('{"k":"v","s":0,"e":6000,"m":"med_a1","text":"caf\\u00e9"},');
  const bytes = new Uint8Array(6 + size + 2);
  bytes.set(encoder.encode('data: '));
  for (let i = 0; i < size; i++) bytes[6 + i] = pattern[i % pattern.length];
  bytes.set(encoder.encode('\n\n'), 6 + size);
  return bytes;
}

/** `bytes` cut into chunks of `size` bytes (views, no copies). */
function chunked(bytes, size) {
  const chunks = [];
  for (let at = 0; at < bytes.length; at += size) chunks.push(bytes.subarray(at, at + size));
  return chunks;
}

/** The chunks as strings, decoded as a stream (a character split across chunks stays whole). */
function asStrings(chunks) {
  const decoder = new TextDecoder();
  return chunks.map((chunk) => decoder.decode(chunk, { stream: true }));
}

/** @i2v/web: each feed returns the events the chunk completed. */
function runOurs(chunks) {
  const parser = new SseParser();
  let events = 0;
  let dataLength = 0;
  for (const chunk of chunks) {
    for (const event of parser.feed(chunk)) {
      events++;
      dataLength += event.data.length;
    }
  }
  return { events, dataLength };
}

/** eventsource-parser from byte chunks: a streaming TextDecoder in front, as its docs show. */
function runTheirsFromBytes(chunks) {
  let events = 0;
  let dataLength = 0;
  const parser = createParser({
    onEvent(event) {
      events++;
      dataLength += event.data.length;
    },
  });
  const decoder = new TextDecoder();
  for (const chunk of chunks) parser.feed(decoder.decode(chunk, { stream: true }));
  return { events, dataLength };
}

/** eventsource-parser from string chunks. */
function runTheirsFromStrings(chunks) {
  let events = 0;
  let dataLength = 0;
  const parser = createParser({
    onEvent(event) {
      events++;
      dataLength += event.data.length;
    },
  });
  for (const chunk of chunks) parser.feed(chunk);
  return { events, dataLength };
}

/** Runs `body` repeatedly for about BUDGET_MS after a warm-up; the median run time in ms. */
function measure(body) {
  for (let i = 0; i < 3; i++) body();
  const times = [];
  const start = performance.now();
  while (performance.now() - start < BUDGET_MS || times.length < 5) {
    const t0 = performance.now();
    body();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

function compare(name, bytes, chunkSize, expectedEvents) {
  const byteChunks = chunked(bytes, chunkSize);
  const stringChunks = asStrings(byteChunks);
  const runs = [
    ['@i2v/web, bytes', () => runOurs(byteChunks)],
    ['eventsource-parser, bytes', () => runTheirsFromBytes(byteChunks)],
    ['@i2v/web, strings', () => runOurs(stringChunks)],
    ['eventsource-parser, strings', () => runTheirsFromStrings(stringChunks)],
  ];
  // Both parsers must see the same events before their speeds mean anything.
  const reference = runs[0][1]();
  for (const [label, run] of runs) {
    const result = run();
    if (result.events !== expectedEvents || result.dataLength !== reference.dataLength) {
      throw new Error(`${label}: ${JSON.stringify(result)}, expected ${expectedEvents} events`);
    }
  }
  console.log(
    `\n${name}: ${expectedEvents} event(s), ${(bytes.length / 1e6).toFixed(2)} MB in ${byteChunks.length} chunks`,
  );
  const ms = {};
  for (const [label, run] of runs) {
    ms[label] = measure(run);
    const seconds = ms[label] / 1000;
    console.log(
      `  ${label.padEnd(28)} ${ms[label].toFixed(2).padStart(8)} ms  ${(expectedEvents / seconds)
        .toFixed(0)
        .padStart(10)} events/s  ${(bytes.length / 1e6 / seconds).toFixed(0).padStart(6)} MB/s`,
    );
  }
  const ratio = (theirs, ours) => (ms[theirs] / ms[ours]).toFixed(2);
  console.log(
    `  ratio (eventsource-parser time / @i2v/web time): bytes ${ratio('eventsource-parser, bytes', '@i2v/web, bytes')}x, strings ${ratio('eventsource-parser, strings', '@i2v/web, strings')}x`,
  );
}

console.log(`node ${process.version}; each figure is the median of runs over ~${BUDGET_MS} ms`);
compare('ADK stream, 16 KiB chunks', adkStream(ADK_EVENTS), ADK_CHUNK, ADK_EVENTS);
compare(
  'one 8 MB event, 1024 chunks',
  largeEvent(LARGE),
  Math.ceil((LARGE + 8) / LARGE_CHUNKS),
  1,
);
