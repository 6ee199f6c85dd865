// Progress on stderr: a bar redrawn in place on a terminal, a few plain lines otherwise (logs
// and pipes get milestones, not a stream of carriage returns).

import { say } from './messages.js';

const WIDTH = 28;

function megabytes(bytes) {
  return `${(bytes / 1e6).toFixed(1)} MB`;
}

/** One bar: `update(fraction, detail)`, then `done(detail)`. */
export class Progress {
  #label;
  #stream;
  #tty;
  #lastStep = -1;
  #drawn = false;

  constructor(label, stream = process.stderr) {
    this.#label = label;
    this.#stream = stream;
    this.#tty = Boolean(stream.isTTY);
  }

  /** Shows `fraction` (0–1, or null when unknown) with a detail such as "3.1 / 9.0 MB". */
  update(fraction, detail = '') {
    if (this.#tty) {
      const filled = fraction === null ? 0 : Math.round(Math.min(1, Math.max(0, fraction)) * WIDTH);
      const percent = fraction === null ? '  …' : `${String(Math.floor(fraction * 100)).padStart(3)}%`;
      const bar = '#'.repeat(filled) + '-'.repeat(WIDTH - filled);
      this.#stream.write(`\r\x1b[K${this.#label} [${bar}] ${percent} ${detail}`);
      this.#drawn = true;
      return;
    }
    // Plain output: one line at the start and at each quarter.
    const step = fraction === null ? 0 : Math.floor(Math.min(1, fraction) * 4);
    if (step > this.#lastStep && step < 4) {
      this.#lastStep = step;
      const percent = fraction === null ? '' : ` ${Math.floor(fraction * 100)}%`;
      this.#stream.write(`${this.#label}${percent}${detail ? ` (${detail})` : ''}\n`);
    }
  }

  /** Ends the bar with a closing detail. */
  done(detail = 'done') {
    if (this.#tty && this.#drawn) this.#stream.write('\r\x1b[K');
    this.#stream.write(`${this.#label}: ${detail}\n`);
  }

  /** Clears a bar that will not finish (an error follows). */
  abandon() {
    if (this.#tty && this.#drawn) this.#stream.write('\r\x1b[K');
  }
}

/** Upload progress in bytes as a bar on `stream`. */
export function uploadProgress(label, stream = process.stderr) {
  const bar = new Progress(label, stream);
  return {
    onProgress: ({ sent, total }) =>
      bar.update(total ? sent / total : null, `${megabytes(sent)} / ${megabytes(total)}`),
    bar,
  };
}

/** Render progress (percent, when the backend says) as a bar on `stream`. */
export function renderProgress(label, stream = process.stderr) {
  const bar = new Progress(label, stream);
  return {
    // The bar says it is rendering; a render waiting for the backend's turn is told so.
    onProgress: ({ status, progress }) =>
      bar.update(typeof progress === 'number' ? progress / 100 : null, status === 'pending' ? say('queued') : ''),
    bar,
  };
}

export { megabytes };
