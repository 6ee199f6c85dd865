#!/usr/bin/env node
// i2v: make videos from images by talking to the NemoVideo agent, from a terminal.
//
// Uses only the package's public API. With no NEMO_API_URL it starts a local i2v-studio and
// works against it, so no cloud account is needed.

import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

import { Client, I2vError } from '../index.js';
import { recallSession, rememberSession } from '../cli/memory.js';
import { planJobs } from '../cli/jobs.js';
import { renderProgress } from '../cli/progress.js';
import { startStudio, UsageError } from '../cli/studio.js';
import { creditsLine, printTurn } from '../cli/turn.js';
import { describeVideo, download, makeVideo } from '../cli/video.js';

const HELP = `i2v: turn still images into a finished video with the NemoVideo agent

Usage:
  i2v make <images…> --prompt "…" [--out video.mp4]
  i2v make <folder of image sets | jobs.json> [--prompt "…"] [--out folder] [--jobs N]
  i2v chat "text" [files…]          talk to the agent about the current project
                                    ("export" renders it and downloads it to --out)
  i2v export [--out video.mp4]      render the current project and download it
  i2v credits                       the credit balance

Options:
  -p, --prompt TEXT   what video to make
  -o, --out PATH      the video file (one video) or the folder of videos (a batch)
  -j, --jobs N        videos made at once in a batch (default 2)
  -h, --help          this text
  -V, --version       the version

A folder of image sets holds one folder of images per video, each with an optional
prompt.txt; a job list is [{ "images": [...], "prompt": "…", "out": "name.mp4" }].

Environment: NEMO_API_URL (default: a local i2v-studio), NEMO_TOKEN, NEMO_WEB_URL,
I2V_STUDIO_BIN, I2V_DATA_DIR, I2V_LOG=debug (every request on stderr, tokens left out).`;

/** A studio on this machine renders in seconds: poll its renders often, for up to ten minutes. */
const LOCAL_TIMING = { exportPollIntervalMs: 500, exportMaxPolls: 1200 };

function isLoopback(url) {
  try {
    return ['localhost', '127.0.0.1', '[::1]'].includes(new URL(url).hostname);
  } catch {
    return false;
  }
}

/** The backend for this run: NEMO_API_URL, or a local studio started now. */
async function openBackend() {
  const apiUrl = process.env.NEMO_API_URL;
  if (apiUrl) {
    const options = isLoopback(apiUrl) ? { timing: LOCAL_TIMING } : {};
    return { key: apiUrl, local: false, options, stop: async () => {} };
  }
  const studio = await startStudio();
  return {
    // The port changes every run; the data folder is what identifies the projects.
    key: `local:${studio.dataDir}`,
    local: true,
    options: { apiUrl: studio.url, webUrl: studio.url, timing: LOCAL_TIMING },
    stop: () => studio.stop(),
  };
}

/** A client in the project remembered for this backend, or a new project. */
async function projectClient(backend, signal) {
  const client = new Client(backend.options);
  const session = recallSession(backend.key);
  if (session) client.resume(session);
  else await client.connect({ signal });
  return client;
}

function positiveInteger(text, name) {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) throw new UsageError(`${name} must be a whole number of at least 1`);
  return value;
}

async function make(args, backend, signal) {
  const { batch, jobs } = planJobs(args.positionals, { prompt: args.values.prompt, out: args.values.out });
  if (!batch) {
    const client = new Client(backend.options);
    await client.connect({ signal });
    const [job] = jobs;
    const result = await makeVideo(client, job, {
      verbose: true,
      signal,
      // The project to go on with in `i2v chat` and `i2v export`, once there is one.
      onDraft: () => rememberSession(backend.key, client.session),
    });
    process.stdout.write(`${job.out} (${describeVideo(result)})\n`);
    return 0;
  }
  const limit = args.values.jobs ? positiveInteger(args.values.jobs, '--jobs') : 2;
  let failed = 0;
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) {
      const job = jobs[next++];
      try {
        const client = new Client(backend.options);
        await client.connect({ signal });
        const result = await makeVideo(client, job, { verbose: false, signal });
        process.stdout.write(`${job.name}: ${job.out} (${describeVideo(result)})\n`);
      } catch (error) {
        if (signal.aborted) throw error;
        failed += 1;
        process.stdout.write(`${job.name}: failed: ${explain(error)}\n`);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, jobs.length) }, worker));
  process.stdout.write(`${jobs.length - failed} of ${jobs.length} videos made\n`);
  return failed ? 1 : 0;
}

async function chat(args, backend, signal) {
  const [text, ...files] = args.positionals;
  if (!text) throw new UsageError('say something: i2v chat "make it 20 seconds long"');
  const client = await projectClient(backend, signal);
  let outcome;
  try {
    outcome = await printTurn(client.send(text, { files, signal }), { linksLast: !backend.local });
  } finally {
    // A session replaced on the way (an expired one) is the project from now on.
    rememberSession(backend.key, client.session);
  }
  // "export" said in words: the video just made is downloaded, as `i2v export` would.
  if (outcome?.type === 'exported') {
    const out = args.values.out ?? 'video.mp4';
    await download(outcome.result.url || outcome.result.downloadUrl, out, signal);
    process.stdout.write(`${out} (${describeVideo(outcome.result)})\n`);
  }
  return 0;
}

async function exportVideo(args, backend, signal) {
  if (!recallSession(backend.key)) {
    throw new UsageError('there is no project yet: start one with `i2v make` or `i2v chat`');
  }
  const client = await projectClient(backend, signal);
  const out = args.values.out ?? 'video.mp4';
  const render = renderProgress('rendering');
  let result;
  try {
    result = await client.export({ signal, onProgress: render.onProgress });
  } catch (error) {
    render.bar.abandon();
    throw error;
  } finally {
    rememberSession(backend.key, client.session);
  }
  render.bar.done(describeVideo(result) || 'done');
  await download(result.url || result.downloadUrl, out, signal);
  process.stdout.write(`${out}\n`);
  return 0;
}

async function credits(_args, backend, signal) {
  const client = new Client(backend.options);
  process.stdout.write(`${creditsLine(await client.credits({ signal }))}\n`);
  return 0;
}

const COMMANDS = { make, chat, export: exportVideo, credits };

/** An error in plain words, with what a person can do about it. */
function explain(error) {
  if (error instanceof I2vError) {
    const hints = [];
    if (error.bindUrl) hints.push(`register at ${error.bindUrl}`);
    if (error.retryAfterMs) hints.push(`try again in ${Math.ceil(error.retryAfterMs / 1000)} s`);
    return hints.length ? `${error.message} (${hints.join('; ')})` : error.message;
  }
  if (error?.name === 'AbortError') return 'cancelled';
  return error?.message ?? String(error);
}

function version() {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
  return pkg.version;
}

async function main(argv) {
  let args;
  try {
    args = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        prompt: { type: 'string', short: 'p' },
        out: { type: 'string', short: 'o' },
        jobs: { type: 'string', short: 'j' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'V' },
      },
    });
  } catch (error) {
    process.stderr.write(`i2v: ${error.message}\n\n${HELP}\n`);
    return 2;
  }
  if (args.values.version) {
    process.stdout.write(`${version()}\n`);
    return 0;
  }
  const [name, ...rest] = args.positionals;
  if (args.values.help || !name || name === 'help') {
    process.stdout.write(`${HELP}\n`);
    return name || args.values.help ? 0 : 2;
  }
  const command = COMMANDS[name];
  if (!command) {
    process.stderr.write(`i2v: there is no command "${name}"\n\n${HELP}\n`);
    return 2;
  }
  args.positionals = rest;

  const controller = new AbortController();
  const interrupt = () => controller.abort();
  process.once('SIGINT', interrupt);
  process.once('SIGTERM', interrupt);
  let backend;
  try {
    backend = await openBackend();
    return await command(args, backend, controller.signal);
  } catch (error) {
    process.stderr.write(`i2v: ${controller.signal.aborted ? 'cancelled' : explain(error)}\n`);
    if (controller.signal.aborted) return 130;
    return error instanceof UsageError ? 2 : 1;
  } finally {
    await backend?.stop();
    process.off('SIGINT', interrupt);
    process.off('SIGTERM', interrupt);
  }
}

process.exitCode = await main(process.argv.slice(2));
