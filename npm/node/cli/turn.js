// A turn printed as it happens: the reply streams to stdout as it arrives; what the agent is
// doing goes to stderr, so `i2v chat … > reply.txt` keeps only the reply.

import { say } from './messages.js';
import { renderProgress } from './progress.js';
import { describeVideo } from './video.js';

/** A one-line account of a credit balance. */
export function creditsLine(credits) {
  return say('credits', credits);
}

/**
 * Prints every event of `turn` and resolves to its outcome. `linksLast` says whether links
 * outlive this run (a local studio stops with the CLI, and its links with it); `hints` whether
 * to say which command does what a reply offered (not while `i2v make` does it anyway).
 */
export async function printTurn(
  turn,
  { linksLast = true, hints = true, out = process.stdout, err = process.stderr } = {},
) {
  let lineOpen = false;
  let render = null;
  const streamed = new Set();
  const endLine = () => {
    if (lineOpen) out.write('\n');
    lineOpen = false;
  };
  const note = (text) => {
    endLine();
    err.write(`${text}\n`);
  };
  for await (const event of turn) {
    switch (event.type) {
      case 'textDelta':
        out.write(event.text);
        lineOpen = true;
        streamed.add(event.message);
        break;
      case 'text':
        if (!streamed.has(event.message)) {
          if (!event.text) break;
          out.write(event.text);
        }
        lineOpen = true;
        endLine();
        break;
      case 'toolStarted':
        note(`  … ${event.label}`);
        break;
      case 'action':
        // What the reply suggested: the person's to accept, in this CLI's words.
        if (hints && event.action.kind === 'export') note(say('hintExport'));
        if (hints && event.action.kind === 'upload') note(say('hintUpload'));
        break;
      case 'stillWorking':
        note(say('stillWorking', { s: Math.round(event.waitedMs / 1000) }));
        break;
      case 'connectionLost':
        note(say('connectionLost'));
        break;
      case 'changes':
        endLine();
        for (const change of event.changes) out.write(`• ${change.description}\n`);
        break;
      case 'uploaded':
        note(say('uploaded', { names: event.media.map((m) => m.name).join(', ') }));
        break;
      case 'credits':
        endLine();
        out.write(`${creditsLine(event.credits)}\n`);
        break;
      case 'state':
        endLine();
        out.write(`${event.state.draft ? event.state.draft.summary() : say('nothingYet')}\n`);
        break;
      case 'exportProgress':
        endLine();
        render ??= renderProgress(say('rendering'), err);
        render.onProgress(event.progress);
        break;
      case 'exported':
        render?.bar.done(describeVideo(event.result) || say('done'));
        render = null;
        // The caller downloads it; a link is worth printing only where it outlives this run.
        if (linksLast) {
          endLine();
          out.write(`video: ${event.result.url}\n`);
        }
        break;
      case 'notice':
        if (event.notice.kind === 'session_replaced') {
          note(say('sessionReplaced'));
        }
        break;
      default:
        break;
    }
  }
  endLine();
  return turn.outcome;
}
