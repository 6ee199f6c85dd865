#!/usr/bin/env node
// i2v: make videos from images by talking to the NemoVideo agent, from a terminal.
//
// Uses only the package's public API. With no NEMO_API_URL it starts a local i2v-studio and
// works against it, so no cloud account is needed. `i2v --help` and `i2v <command> --help` say
// the rest (../cli/help.js).

import { readFileSync } from 'node:fs';

import { readCommandLine } from '../cli/args.js';
import { readAsks } from '../cli/asks.js';
import { backendKey, openBackend, projectClient } from '../cli/backend.js';
import { explain } from '../cli/explain.js';
import { checkFiles, explainFileError } from '../cli/files.js';
import { helpText } from '../cli/help.js';
import { make } from '../cli/make.js';
import { recallSession, rememberSession } from '../cli/memory.js';
import { cliLanguage, say, useLanguage } from '../cli/messages.js';
import { shown, videoFile } from '../cli/out.js';
import { renderProgress } from '../cli/progress.js';
import { Detached, Stopped, renderProject } from '../cli/render.js';
import { UsageError } from '../cli/studio.js';
import { creditsLine, printTurn } from '../cli/turn.js';
import { afterVideo, describeVideo, download } from '../cli/video.js';
import { Client, checkExportOptions, routeIntent } from '../index.js';

/** What a video made by chat or export is, and the lines that follow it (./cli/video.js). */
async function printMade(client, backend, out, result, { resolution = null, interrupt } = {}) {
  process.stdout.write(`${shown(out)} (${describeVideo(result)})\n`);
  for (const line of await afterVideo(client, result, { local: backend.local, resolution, interrupt })) {
    (line.err ? process.stderr : process.stdout).write(`${line.text}\n`);
  }
}

/** The container an export said in words asks for ("export 720p webm"), else mp4. */
function saidFormat(text) {
  const said = routeIntent(text).export?.format;
  try {
    return said ? checkExportOptions({ format: said }).format : 'mp4';
  } catch {
    // One no backend makes ("as an mkv"): the SDK refuses it, naming the ones there are.
    return 'mp4';
  }
}

async function chat(args, ctx) {
  const [text, ...files] = args.positionals;
  if (!text) throw new UsageError('say something: i2v chat "make it 20 seconds long"');
  // Where an export said in words would go ("export it as a gif": a .gif), checked before
  // anything is sent, when it was given.
  const format = saidFormat(text);
  const out = args.values.out === undefined ? null : videoFile(args.values.out, { format });
  if (files.length > 0) checkFiles(files);
  const backend = await ctx.backend();
  const client = await projectClient(backend, { typed: text, signal: ctx.interrupt });
  let outcome;
  try {
    outcome = await printTurn(client.send(text, { files, signal: ctx.interrupt }), { linksLast: !backend.local });
  } catch (error) {
    throw explainFileError(error, files);
  } finally {
    // A session replaced on the way (an expired one) is the project from now on.
    rememberSession(backend.key, client.session);
  }
  // "export" said in words: the video just made is downloaded, as `i2v export` would.
  if (outcome?.type === 'exported') {
    const file = out ?? videoFile(undefined, { format: outcome.result.format ?? format });
    await download(outcome.result.url || outcome.result.downloadUrl, file, ctx.interrupt);
    await printMade(client, backend, file, outcome.result, { interrupt: ctx.interrupt });
  }
  return 0;
}

async function exportVideo(args, ctx) {
  const asks = readAsks(args.values);
  const out = videoFile(args.values.out, { format: asks.format });
  if (!recallSession(backendKey())) throw new UsageError(say('noProject'));
  const backend = await ctx.backend();
  const client = await projectClient(backend, { signal: ctx.interrupt });
  const render = renderProgress(say('rendering'));
  let result;
  try {
    result = await renderProject(client, {
      memory: backend.key,
      resume: true,
      interrupt: ctx.interrupt,
      detachable: !backend.local,
      again: `i2v export${args.values.out === undefined ? '' : ` -o ${args.values.out}`}`,
      exportOptions: asks.exportOptions,
      note: (line) => {
        render.bar.abandon();
        process.stderr.write(`${line}\n`);
      },
      onProgress: render.onProgress,
    });
  } catch (error) {
    render.bar.abandon();
    throw error;
  } finally {
    rememberSession(backend.key, client.session);
  }
  render.bar.done(describeVideo(result) || say('done'));
  await download(result.url || result.downloadUrl, out, ctx.interrupt);
  await printMade(client, backend, out, result, { resolution: asks.resolution, interrupt: ctx.interrupt });
  return 0;
}

async function credits(_args, ctx) {
  const backend = await ctx.backend();
  const client = new Client(backend.options);
  process.stdout.write(`${creditsLine(await client.credits({ signal: ctx.interrupt }))}\n`);
  return 0;
}

const COMMANDS = { make, chat, export: exportVideo, credits };

function version() {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
  return pkg.version;
}

/** Writes `message` as `i2v: …` lines on stderr. */
function complain(message) {
  for (const line of String(message).split('\n')) process.stderr.write(`i2v: ${line}\n`);
}

/** Runs the command line; resolves to `{ code, detached }`. */
async function main(argv) {
  let command;
  try {
    command = readCommandLine(argv);
  } catch (error) {
    complain(error.message);
    return { code: 2 };
  }
  if (command.kind === 'version') {
    process.stdout.write(`${version()}\n`);
    return { code: 0 };
  }
  if (command.kind === 'help') {
    process.stdout.write(`${helpText(command.command)}\n`);
    return { code: command.exitCode };
  }
  // The CLI's own lines in the person's language: the locale's, or Chinese for Chinese typed.
  const typed = command.command === 'chat' ? (command.positionals[0] ?? '') : (command.values.prompt ?? '');
  useLanguage(cliLanguage(typed));

  const controller = new AbortController();
  const interrupt = () => controller.abort();
  process.once('SIGINT', interrupt);
  process.once('SIGTERM', interrupt);
  let opened = null;
  const ctx = {
    interrupt: controller.signal,
    // Started on first need, after every check that needs no backend has passed.
    backend: () => (opened ??= openBackend()),
  };
  try {
    return { code: await COMMANDS[command.command](command, ctx) };
  } catch (error) {
    if (error instanceof Detached || error instanceof Stopped) {
      complain(error.message);
      return { code: 130, detached: error instanceof Detached };
    }
    complain(controller.signal.aborted ? say('cancelled') : explain(error));
    if (controller.signal.aborted) return { code: 130 };
    return { code: error instanceof UsageError ? 2 : 1 };
  } finally {
    await opened?.then((backend) => backend.stop(), () => {});
    process.off('SIGINT', interrupt);
    process.off('SIGTERM', interrupt);
  }
}

const { code, detached } = await main(process.argv.slice(2));
// A render left running is still being polled by the SDK, which would keep the process alive.
if (detached) process.exit(code);
process.exitCode = code;
