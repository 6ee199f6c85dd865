// Throughput of the package's SseParser as seen from JS: events per second delivered to JS
// (each one a JS object), on an ADK-like stream of many small events and on one 8 MB event in
// 1,024 chunks. eventsource-parser (pure JS) runs on the same input for reference.
//
// Run with `scripts/build-node.sh --release && node tests/bench/node-sse.mjs`.

import { join } from 'node:path';

import { repoRoot } from '../js/support.mjs';

const { SseParser } = await import(join(repoRoot, 'npm/node/index.js'));

const BUDGET_MS = 2000;
const ADK_EVENTS = 20_000;
const ADK_CHUNK = 16 * 1024;
const LARGE = 8 * 1024 * 1024;
const LARGE_CHUNKS = 1024;

/** An ADK-like stream: partial text, function calls and responses, final text, in turn. */
function adkStream(events) {
  const invocation = 'e-5d0c6a1e-7c39-4f4e-9d71-0a3b2f1c8e44';
  const actions = '"actions":{"stateDelta":{},"artifactDelta":{},"requestedAuthConfigs":{}}';
  const words = 'smooth transitions and background music for your images ';
  let out = '';
  for (let n = 0; n < events; n++) {
    const text = words.slice(0, 20 + (n % 37));
    const id = `"id":"ev${String(n).padStart(8, '0')}"`;
    let json;
    switch (n % 4) {
      case 0:
        json = `{"content":{"parts":[{"text":"${text}"}],"role":"model"},"partial":true,"invocationId":"${invocation}","author":"nemo_agent",${actions},${id},"timestamp":1795489448.1}`;
        break;
      case 1:
        json = `{"content":{"parts":[{"functionCall":{"id":"adk-7f3e9b2a-${n}","name":"generate_slideshow","args":{"duration_s":30,"transition":"crossfade","music":"upbeat","images":["med_a1","med_b2","med_c3"]}}}],"role":"model"},"invocationId":"${invocation}","author":"nemo_agent",${actions},"longRunningToolIds":[],${id},"timestamp":1795489449.1}`;
        break;
      case 2:
        json = `{"content":{"parts":[{"functionResponse":{"id":"adk-7f3e9b2a-${n}","name":"generate_slideshow","response":{"status":"ok","clips":5}}}],"role":"user"},"invocationId":"${invocation}","author":"nemo_agent","actions":{"stateDelta":{"draft":{"w":1920,"h":1080,"fps":30,"t":[{"k":"v","s":0,"e":6000,"m":"med_a1"},{"k":"a","s":0,"e":30000}]}},"artifactDelta":{},"requestedAuthConfigs":{}},${id},"timestamp":1795489461.1}`;
        break;
      default:
        json = `{"content":{"parts":[{"text":"Done! ${text}— « Paradise Found » 🎬"}],"role":"model"},"partial":false,"finishReason":"STOP","invocationId":"${invocation}","author":"nemo_agent",${actions},${id},"timestamp":1795489462.1}`;
    }
    out += `data: ${json}\n\n`;
  }
  return new TextEncoder().encode(out);
}

function largeEvent(size) {
  const pattern = '{"k":"v","s":0,"e":6000,"m":"med_a1","text":"caf\\u00e9"},';
  const body = pattern.repeat(Math.ceil(size / pattern.length)).slice(0, size);
  return new TextEncoder().encode(`data: ${body}\n\n`);
}

function chunks(bytes, size) {
  const out = [];
  for (let at = 0; at < bytes.length; at += size) out.push(bytes.subarray(at, at + size));
  return out;
}

/** Runs `once()` (which returns the events it saw) for about BUDGET_MS; events and MB a second. */
function bench(name, bytesPerRun, once) {
  once(); // warm-up
  let runs = 0;
  let events = 0;
  const start = process.hrtime.bigint();
  let elapsedMs = 0;
  while (elapsedMs < BUDGET_MS) {
    events += once();
    runs += 1;
    elapsedMs = Number(process.hrtime.bigint() - start) / 1e6;
  }
  const seconds = elapsedMs / 1000;
  const line = `${name.padEnd(52)} ${Math.round(events / seconds).toLocaleString('en').padStart(11)} events/s ${(
    (bytesPerRun * runs) / seconds / 1e6
  ).toFixed(1).padStart(7)} MB/s  (${(elapsedMs / runs).toFixed(2)} ms a run)`;
  console.log(line);
  return events / seconds;
}

const adk = adkStream(ADK_EVENTS);
const adkChunks = chunks(adk, ADK_CHUNK);
const large = largeEvent(LARGE);
const largeChunks = chunks(large, Math.ceil(large.length / LARGE_CHUNKS));
console.log(
  `ADK stream: ${ADK_EVENTS} events, ${adk.length} bytes (${Math.round(adk.length / ADK_EVENTS)} an event), ${ADK_CHUNK / 1024} KiB chunks`,
);
console.log(`large event: ${large.length} bytes in ${largeChunks.length} chunks`);

function viaPackage(input) {
  const parser = new SseParser();
  let seen = 0;
  for (const chunk of input) seen += parser.feed(chunk).length;
  parser.finish();
  return seen;
}

const adkCount = viaPackage(adkChunks);
if (adkCount !== ADK_EVENTS) throw new Error(`expected ${ADK_EVENTS} events, got ${adkCount}`);
const largeParser = new SseParser();
const largeEvents = largeChunks.flatMap((chunk) => largeParser.feed(chunk));
if (largeEvents.length !== 1 || largeEvents[0].data.length !== LARGE) {
  throw new Error('the large event did not come through whole');
}

bench('@i2v/node SseParser: ADK events, 16 KiB Uint8Array', adk.length, () => viaPackage(adkChunks));
const textDecoder = new TextDecoder();
const adkText = adkChunks.map((chunk) => textDecoder.decode(chunk, { stream: true }));
bench('@i2v/node SseParser: ADK events, 16 KiB strings', adk.length, () => viaPackage(adkText));
bench('@i2v/node SseParser: one 8 MB event, 1024 chunks', large.length, () => viaPackage(largeChunks));

try {
  const { createParser } = await import(join(repoRoot, 'node_modules/eventsource-parser/dist/index.js'));
  const viaReference = (input) => {
    let seen = 0;
    const parser = createParser({ onEvent: () => (seen += 1) });
    const decoder = new TextDecoder();
    for (const chunk of input) parser.feed(decoder.decode(chunk, { stream: true }));
    return seen;
  };
  bench('eventsource-parser (reference): ADK events', adk.length, () => viaReference(adkChunks));
  bench('eventsource-parser (reference): one 8 MB event', large.length, () => viaReference(largeChunks));
} catch (error) {
  console.log(`eventsource-parser not available for reference: ${error.message}`);
}
