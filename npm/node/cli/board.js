// The progress of a batch, one row per video, on stderr. On a terminal the rows are redrawn in
// place (a few ANSI codes: cursor up, clear line), the lines printed meanwhile (a video made)
// going above them; elsewhere (a CI log, a pipe) each row prints its milestones as plain lines:
// each new stage, and each quarter of an upload or a render. Never silent until the end.

const BAR = 20;
/** The least time between two redraws of the rows, in ms. */
const REDRAW_MS = 100;

/** Characters a terminal draws two columns wide: CJK and full-width forms. */
const WIDE = /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/;

/** `text` cut to `width` columns (counting CJK characters as two). */
function fit(text, width) {
  let used = 0;
  const out = [];
  for (const char of text) {
    const w = WIDE.test(char) ? 2 : 1;
    if (used + w > width) return `${out.slice(0, -1).join('')}…`;
    used += w;
    out.push(char);
  }
  return out.join('');
}

/** One video's row: `stage(text, fraction?)` while it is made. */
class Row {
  constructor(board, name) {
    this.board = board;
    this.name = name;
    this.text = '';
    this.fraction = null;
    this.quarter = -1;
  }

  /** Shows the stage `text`, with how far it is (0–1) when known. */
  stage(text, fraction = null) {
    const changed = text !== this.text;
    const quarter = fraction === null ? -1 : Math.floor(Math.min(1, Math.max(0, fraction)) * 4);
    const milestone = changed || (quarter > this.quarter && quarter < 4);
    this.text = text;
    this.fraction = fraction;
    if (milestone) this.quarter = quarter;
    this.board.changed(this, milestone);
  }
}

/** The rows of a batch, on `stream` (stderr); results are printed with `print`. */
export class Board {
  #stream;
  #tty;
  #rows = [];
  #drawn = 0;
  #lastDraw = 0;
  #timer = null;
  #width;
  #shown = '';

  constructor(stream = process.stderr) {
    this.#stream = stream;
    this.#tty = Boolean(stream.isTTY) && process.env.TERM !== 'dumb';
    this.#width = Math.max(20, (stream.columns || 80) - 1);
  }

  /** A row for the video `name`, shown from now on. */
  row(name) {
    const row = new Row(this, name);
    this.#rows.push(row);
    this.#schedule();
    return row;
  }

  /** Takes `row` off the board (its video is done, or failed). */
  remove(row) {
    this.#rows = this.#rows.filter((other) => other !== row);
    this.#schedule();
  }

  /** Prints `line` to `out` (stdout by default) above the rows. */
  print(line, out = process.stdout) {
    this.#clear();
    out.write(`${line}\n`);
    this.#draw();
  }

  /** Prints `line` to the board's own stream, above the rows. */
  note(line) {
    this.print(line, this.#stream);
  }

  /** Clears the rows for good. */
  close() {
    clearTimeout(this.#timer);
    this.#timer = null;
    this.#clear();
  }

  /** Called by a row: a redraw on a terminal, a plain line at a milestone elsewhere. */
  changed(row, milestone) {
    if (this.#tty) this.#schedule();
    else if (milestone) this.#stream.write(`${row.name}: ${this.#status(row)}\n`);
  }

  #status(row) {
    return row.fraction === null ? row.text : `${row.text} ${Math.floor(row.fraction * 100)}%`;
  }

  #line(row, nameWidth) {
    const name = fit(row.name, nameWidth).padEnd(nameWidth);
    if (row.fraction === null) return fit(`${name}  ${row.text}`, this.#width);
    const filled = Math.round(Math.min(1, Math.max(0, row.fraction)) * BAR);
    const percent = `${Math.floor(row.fraction * 100)}%`.padStart(4);
    return fit(`${name}  [${'#'.repeat(filled)}${'-'.repeat(BAR - filled)}] ${percent} ${row.text}`, this.#width);
  }

  #schedule() {
    if (!this.#tty || this.#timer) return;
    const wait = Math.max(0, this.#lastDraw + REDRAW_MS - Date.now());
    this.#timer = setTimeout(() => {
      this.#timer = null;
      if (this.#lines().join('\n') === this.#shown) return;
      this.#clear();
      this.#draw();
    }, wait);
    this.#timer.unref?.();
  }

  #clear() {
    if (!this.#tty || this.#drawn === 0) return;
    // Up to the first row, then clear to the end of the screen.
    this.#stream.write(`\x1b[${this.#drawn}F\x1b[0J`);
    this.#drawn = 0;
  }

  #lines() {
    const nameWidth = Math.min(24, Math.max(4, ...this.#rows.map((row) => row.name.length)));
    return this.#rows.map((row) => this.#line(row, nameWidth));
  }

  #draw() {
    if (!this.#tty) return;
    const lines = this.#lines();
    if (lines.length > 0) this.#stream.write(`${lines.join('\n')}\n`);
    this.#drawn = lines.length;
    this.#shown = lines.join('\n');
    this.#lastDraw = Date.now();
  }
}
