// A turn printed as it happens: the reply streams to stdout as it arrives; what the agent is
// doing goes to stderr, so `i2v chat … > reply.txt` keeps only the reply.

import { renderProgress } from './progress.js';
import { describeVideo } from './video.js';

function seconds(ms) {
  return `${Math.round(ms / 1000)} s`;
}

/** A one-line account of a credit balance. */
export function creditsLine({ available, frozen, total }) {
  return `credits: ${available} available${frozen ? `, ${frozen} reserved` : ''} (${total} in all)`;
}

/**
 * Prints every event of `turn` and resolves to its outcome. `linksLast` says whether links
 * outlive this run (a local studio stops with the CLI, and its links with it).
 */
export async function printTurn(turn, { linksLast = true, out = process.stdout, err = process.stderr } = {}) {
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
        if (event.action.kind === 'export') note('  → to render the video: i2v export --out video.mp4');
        if (event.action.kind === 'upload') note('  → add files: i2v chat "add these" photo1.jpg photo2.jpg');
        break;
      case 'stillWorking':
        note(`  … still working (${seconds(event.waitedMs)})`);
        break;
      case 'connectionLost':
        note('  … the connection dropped; checking the project for the result');
        break;
      case 'changes':
        endLine();
        for (const change of event.changes) out.write(`• ${change.description}\n`);
        break;
      case 'uploaded':
        note(`  uploaded ${event.media.map((m) => m.name).join(', ')}`);
        break;
      case 'credits':
        endLine();
        out.write(`${creditsLine(event.credits)}\n`);
        break;
      case 'state':
        endLine();
        out.write(`${event.state.draft ? event.state.draft.summary() : 'nothing generated yet'}\n`);
        break;
      case 'exportProgress':
        endLine();
        render ??= renderProgress('rendering', err);
        render.onProgress(event.progress);
        break;
      case 'exported':
        render?.bar.done(describeVideo(event.result) || 'done');
        render = null;
        // The caller downloads it; a link is worth printing only where it outlives this run.
        if (linksLast) {
          endLine();
          out.write(`video: ${event.result.url}\n`);
        }
        break;
      case 'notice':
        if (event.notice.kind === 'session_replaced') {
          note('  the old session had expired: this is a new project');
        }
        break;
      default:
        break;
    }
  }
  endLine();
  return turn.outcome;
}
