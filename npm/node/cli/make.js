// `i2v make`: one video with its progress bars and the agent's reply as it streams, or a batch
// of videos made a few at a time, each with its row of progress. Everything that can be checked
// here (the options, the files, where the videos go) is checked before the backend is asked.

import { promptWith, readAsks } from './asks.js';
import { newClient } from './backend.js';
import { Board } from './board.js';
import { explain } from './explain.js';
import { checkFiles } from './files.js';
import { planJobs } from './jobs.js';
import { rememberSession } from './memory.js';
import { say } from './messages.js';
import { shown } from './out.js';
import { renderProgress, uploadProgress } from './progress.js';
import { UsageError } from './studio.js';
import { printTurn } from './turn.js';
import { NoVideo, afterVideo, describeVideo, makeVideo } from './video.js';

/** The start of a reply, on one line. */
function quote(text, limit = 160) {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > limit ? `${line.slice(0, limit - 1)}…` : line;
}

function positiveInteger(text, name) {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) throw new UsageError(`${name} must be a whole number of at least 1`);
  return value;
}

/** One video, told as it goes: bars on stderr, the reply on stdout. */
async function makeOne(job, asks, ctx) {
  checkFiles(job.images);
  const backend = await ctx.backend();
  const client = newClient(backend, job.prompt);
  await client.connect({ signal: ctx.interrupt });
  const upload = uploadProgress(say('uploading', { n: job.images.length }));
  let render = null;
  const report = {
    uploading: upload.onProgress,
    uploaded: (media) => upload.bar.done(say('stored', { n: media.length })),
    turn: (turn) => printTurn(turn, { linksLast: false, hints: false }),
    rendering: (progress) => {
      render ??= renderProgress(say('rendering'));
      if (progress) render.onProgress(progress);
    },
    rendered: (result) => render?.bar.done(describeVideo(result) || say('done')),
    note: (line) => process.stderr.write(`${line}\n`),
  };
  let result;
  try {
    result = await makeVideo(client, job, {
      report,
      interrupt: ctx.interrupt,
      // The project to go on with in `i2v chat` and `i2v export`, once there is one.
      onDraft: () => rememberSession(backend.key, client.session),
      render: {
        memory: backend.key,
        detachable: !backend.local,
        again: `i2v export -o ${shown(job.out)}`,
        exportOptions: asks.exportOptions,
      },
    });
  } catch (error) {
    upload.bar.abandon();
    render?.bar.abandon();
    throw error;
  }
  process.stdout.write(`${shown(job.out)} (${describeVideo(result)})\n`);
  const after = await afterVideo(client, result, { local: backend.local, resolution: asks.resolution, interrupt: ctx.interrupt });
  for (const line of after) {
    (line.err ? process.stderr : process.stdout).write(`${line.text}\n`);
  }
  return 0;
}

/** A batch: `limit` videos at once, a row each on the board, a line each on stdout. */
async function makeBatch(jobs, asks, limit, ctx) {
  const board = new Board();
  board.note(say('batchStart', { n: jobs.length, jobs: Math.min(limit, jobs.length) }));
  let failed = 0;
  const fail = (job, error) => {
    failed += 1;
    // A batch shows no replies: an agent that made nothing is quoted, for why.
    const reply = error instanceof NoVideo && error.reply.length > 0 ? `: “${quote(error.reply.join(' '))}”` : '';
    board.print(`${job.name}: ${say('failed', { reason: `${explain(error).replaceAll('\n', '; ')}${reply}` })}`);
  };
  // A job whose files cannot be used fails at once, before the others start.
  const runnable = jobs.filter((job) => {
    try {
      checkFiles(job.images);
      return true;
    } catch (error) {
      fail(job, error);
      return false;
    }
  });
  const backend = runnable.length > 0 ? await ctx.backend() : null;
  let next = 0;
  const worker = async () => {
    while (next < runnable.length) {
      const job = runnable[next++];
      const row = board.row(job.name);
      try {
        row.stage(say('connecting'));
        const client = newClient(backend, job.prompt);
        await client.connect({ signal: ctx.interrupt });
        const result = await makeVideo(client, job, {
          interrupt: ctx.interrupt,
          render: { exportOptions: asks.exportOptions },
          report: {
            uploading: ({ sent, total }) =>
              row.stage(say('uploading', { n: job.images.length }), total ? sent / total : null),
            turn: async (turn) => {
              row.stage(say('writing'));
              for await (const event of turn) if (event.type === 'toolStarted') row.stage(event.label);
              return turn.outcome;
            },
            rendering: (progress) => {
              // A render waiting for the backend's turn is told so, not shown stuck at 0%.
              if (!progress) return;
              if (progress.status === 'pending') row.stage(say('queued'));
              else row.stage(say('rendering'), typeof progress.progress === 'number' ? progress.progress / 100 : null);
            },
            downloading: () => row.stage(say('downloading')),
            note: (line) => board.note(`${job.name}: ${line.trim()}`),
          },
        });
        const extra = await afterVideo(client, result, {
          local: backend.local,
          resolution: asks.resolution,
          interrupt: ctx.interrupt,
        });
        board.remove(row);
        // One line a video: what it is, then its poster and claim link when there are any.
        const links = extra.filter((line) => !line.err).map((line) => ` — ${line.text}`);
        board.print(`${job.name}: ${shown(job.out)} (${describeVideo(result)})${links.join('')}`);
        for (const line of extra.filter((line) => line.err)) board.note(`${job.name}: ${line.text}`);
      } catch (error) {
        board.remove(row);
        if (ctx.interrupt.aborted) throw error;
        fail(job, error);
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(limit, runnable.length) }, worker));
  } finally {
    board.close();
  }
  process.stdout.write(`${say('batchEnd', { made: jobs.length - failed, n: jobs.length })}\n`);
  return failed ? 1 : 0;
}

/**
 * `i2v make`: reads the asks, plans the jobs (checking where each video goes), then makes one
 * video or a batch. `ctx` is `{ interrupt, backend() }`; resolves to the exit code.
 */
export async function make(args, ctx) {
  const asks = readAsks(args.values);
  const limit = args.values.jobs ? positiveInteger(args.values.jobs, '--jobs') : 2;
  const { batch, jobs } = planJobs(args.positionals, {
    prompt: args.values.prompt,
    out: args.values.out,
    format: asks.format,
  });
  for (const job of jobs) job.prompt = promptWith(job.prompt, asks);
  return batch ? makeBatch(jobs, asks, limit, ctx) : makeOne(jobs[0], asks, ctx);
}
