// The conversation: what a person types goes to `client.send`, and the turn's events are shown
// as they arrive: reply text streaming in, tool work as progress lines in words, "still working"
// after long waits, what changed after a silent edit, and buttons for what a reply suggests.
// Drafts, credits, state and export events are handed to the other panels through `hooks`.

import { byId, formatSeconds, h } from './dom.js';
import { errorView } from './alerts.js';
import { isCancel } from './errors.js';
import { describeAction } from './describe.js';

/** Suggestions, in English and Chinese; a chip fills the message box so it can be adjusted. */
const SUGGESTIONS = [
  'Turn these images into a 30-second video with smooth transitions and background music',
  'Make it vertical for TikTok',
  'Add a title "Summer Memories"',
  'Make the music quieter',
  'Use cinematic music',
  '把这些图片做成一个30秒的视频，加上背景音乐',
  '改成竖屏，适合抖音',
  '加一个标题“我们的夏天”',
];

/**
 * The chat panel. `hooks`: `draft(draft)`, `credits(credits)`, `state(state)`,
 * `exportProgress(progress)`, `exported(result)`, `exportFailed(error)`, `action(action)`,
 * `notice(notice)`, `turnDone()`.
 */
export class ChatPanel {
  constructor({ client, connected, media, hooks }) {
    this.client = client;
    this.connected = connected;
    this.media = media;
    this.hooks = hooks;
    this.log = byId('messages');
    this.form = byId('composer');
    this.input = byId('composer-input');
    this.sendButton = byId('send-button');
    this.stopButton = byId('stop-button');
    this.controller = null;
    this.wire();
    this.suggestions();
  }

  wire() {
    this.form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.submit(this.input.value);
    });
    this.input.addEventListener('keydown', (event) => {
      // Enter sends; Shift+Enter is a new line; Enter that ends an IME composition is neither.
      if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        this.submit(this.input.value);
      } else if (event.key === 'Escape' && this.running) {
        this.controller.abort();
      }
    });
    this.stopButton.addEventListener('click', () => this.controller?.abort());
  }

  suggestions() {
    const root = byId('suggestions');
    for (const text of SUGGESTIONS) {
      root.append(h('button', {
        type: 'button',
        class: 'chip',
        lang: /[\u4e00-\u9fff]/.test(text) ? 'zh' : 'en',
        onclick: () => {
          this.input.value = text;
          this.input.focus();
        },
      }, text));
    }
  }

  /** A line from the page itself (not the editor), such as a welcome back after a reload. */
  say(text) {
    this.log.append(h('li', { class: 'message assistant intro' }, h('p', { class: 'message-text' }, text)));
  }

  /** Whether a turn is running. */
  get running() {
    return this.controller !== null;
  }

  /** Sends `text` as a new turn, after any uploads still running. */
  async submit(rawText) {
    const text = rawText.trim();
    if (!text || this.running) return;
    this.input.value = '';
    await this.run(text);
  }

  async run(text) {
    this.controller = new AbortController();
    this.setBusy(true);
    this.log.append(h('li', { class: 'message user' }, h('p', { class: 'message-text' }, text)));
    const turn = new TurnView(this.log);
    try {
      if (document.body.dataset.connection !== 'ready') {
        const wait = turn.activity('Waiting for the studio');
        await this.connected;
        wait.done('Connected');
      }
      if (this.media.busy) {
        const wait = turn.activity('Waiting for the uploads to finish');
        await this.media.idle();
        wait.done('Uploads finished');
      }
      const stream = this.client.send(text, { signal: this.controller.signal });
      stream.outcome.catch(() => {}); // the loop below reports the error
      for await (const event of stream) this.handle(turn, event);
      await stream.outcome;
      turn.finish('done');
    } catch (error) {
      turn.finish(isCancel(error) ? 'cancelled' : 'failed');
      if (isCancel(error)) turn.note('Stopped. Anything already done stays on the timeline.');
      else {
        turn.error(error, () => {
          if (!this.running) this.run(text);
        });
        if (error?.kind === 'credits') this.hooks.credits?.(null);
      }
      // A render this turn was following ends with it (stopped or failed): the export panel
      // must not stay at "Rendering… 2%".
      if (['exportProgress', 'exported'].includes(turn.lastEvent)) this.hooks.exportFailed?.(error);
    } finally {
      this.controller = null;
      this.setBusy(false);
      this.hooks.turnDone?.();
    }
  }

  setBusy(busy) {
    this.sendButton.disabled = busy;
    this.stopButton.hidden = !busy;
    document.body.dataset.turn = busy ? 'running' : 'idle';
  }

  handle(turn, event) {
    turn.lastEvent = event.type;
    switch (event.type) {
      case 'textDelta':
        turn.message(event.message).appendText(event.text);
        break;
      case 'text':
        turn.message(event.message).setText(event.text);
        break;
      case 'toolStarted':
        turn.toolStarted(event.label);
        break;
      case 'toolFinished':
        turn.toolFinished(event.label);
        break;
      case 'stillWorking':
        turn.stillWorking(event.waitedMs);
        break;
      case 'connectionLost':
        turn.activity('The connection dropped; checking what the editor did');
        break;
      case 'changes':
        turn.changes(event.changes);
        break;
      case 'draft':
        this.hooks.draft?.(event.draft);
        break;
      case 'action':
        // `send` itself fetches the state or credits and sends an edit a reply asks for (its
        // events follow). A render and files are the person's to give: offered as buttons.
        turn.action(event.action, (action) => this.hooks.action?.(action));
        break;
      case 'uploaded':
        turn.note(`Uploaded ${event.media.length} ${event.media.length === 1 ? 'file' : 'files'}.`);
        break;
      case 'credits':
        turn.note(creditsText(event.credits));
        this.hooks.credits?.(event.credits);
        break;
      case 'state':
        // What the project holds, in the core's own words: never an empty filler line.
        turn.note(event.state.draft ? event.state.draft.summary() : 'Nothing has been made yet.');
        this.hooks.state?.(event.state);
        break;
      case 'exportProgress':
        turn.exportLine(event.progress);
        this.hooks.exportProgress?.(event.progress);
        break;
      case 'exported':
        turn.exportDone();
        this.hooks.exported?.(event.result);
        break;
      case 'notice':
        this.hooks.notice?.(event.notice);
        break;
      case 'done':
        turn.outcome(event.outcome);
        break;
      default:
        break; // an event this page does not know yet: nothing to show
    }
  }
}

function creditsText(credits) {
  const frozen = credits.frozen ? ` (${credits.frozen} held for work in progress)` : '';
  return `You have ${credits.available} credits available${frozen}.`;
}

/** One turn in the log: its activity lines, messages, changes, buttons and error, in order. */
class TurnView {
  constructor(log) {
    this.el = h('li', { class: 'turn', dataset: { state: 'running' } });
    log.append(this.el);
    this.log = log;
    this.messages = new Map();
    this.tools = [];
    this.exporting = null;
    this.lastEvent = null;
    this.shownText = false;
  }

  scroll() {
    this.log.scrollTop = this.log.scrollHeight;
  }

  /** The bubble of reply message `index`, made on first use. */
  message(index) {
    let bubble = this.messages.get(index);
    if (!bubble) {
      const text = h('p', { class: 'message-text' });
      const el = h('div', { class: 'message assistant', dataset: { message: String(index), state: 'streaming' } }, text);
      this.el.append(el);
      bubble = {
        appendText: (piece) => {
          text.textContent += piece;
          this.scroll();
        },
        setText: (whole) => {
          text.textContent = whole;
          el.dataset.state = 'final';
          this.scroll();
        },
      };
      this.messages.set(index, bubble);
      this.shownText = true;
    }
    return bubble;
  }

  /** A progress line that can be marked done. */
  activity(text) {
    const label = h('span', { class: 'activity-text' }, text);
    const el = h('p', { class: 'activity', dataset: { state: 'running' } }, h('span', { class: 'spinner', 'aria-hidden': 'true' }), label);
    this.el.append(el);
    this.scroll();
    return {
      el,
      done(doneText) {
        el.dataset.state = 'done';
        if (doneText) label.textContent = doneText;
      },
    };
  }

  /** A tool started: its words (from the SDK) as an activity line, until the next one finishes. */
  toolStarted(label) {
    this.tools.push(this.activity(label));
  }

  /** The oldest running tool finished: its line says what was done. */
  toolFinished(label) {
    const line = this.tools.shift();
    if (line) line.done(label);
    else this.activity(label).done();
  }

  stillWorking(waitedMs) {
    const waited = Number.isFinite(waitedMs) ? ` (${formatSeconds(waitedMs)} so far)` : '';
    this.el.append(h('p', { class: 'activity still-working', dataset: { state: 'waiting' } }, `Still working${waited}…`));
    this.scroll();
  }

  changes(changes) {
    if (!changes.length) return;
    this.el.append(h('div', { class: 'changes' },
      h('p', { class: 'changes-title' }, 'What changed'),
      h('ul', {}, changes.map((c) => h('li', {}, c.description)))));
    this.scroll();
  }

  action(action, run) {
    const label = describeAction(action);
    if (!label) return;
    let row = this.el.querySelector(':scope > .actions');
    if (!row) {
      row = h('div', { class: 'actions' });
      this.el.append(row);
    }
    row.append(h('button', { type: 'button', class: 'button small', onclick: () => run(action) }, label));
  }

  note(text) {
    this.el.append(h('p', { class: 'note' }, text));
    this.scroll();
  }

  exportLine(progress) {
    if (!this.exporting) this.exporting = this.activity('Exporting the video…');
    const pct = Number.isFinite(progress.progress) ? ` ${Math.round(progress.progress)}%` : '';
    this.exporting.el.querySelector('.activity-text').textContent = `Exporting the video…${pct}`;
  }

  exportDone() {
    if (!this.exporting) this.exporting = this.activity('');
    this.exporting.done('The video is ready: it is in the Export panel.');
  }

  outcome(outcome) {
    if (outcome?.type !== 'chat') return;
    const o = outcome.outcome;
    if (o.recovered) this.note('The connection dropped, but the edit went through.');
    if (o.silent && !this.shownText && o.changes.length === 0) this.note('Done. Nothing on the timeline needed to change.');
  }

  error(error, retry) {
    this.el.append(errorView(error, { retry, retryLabel: 'Send again' }));
    this.scroll();
  }

  finish(state) {
    this.el.dataset.state = state;
    // Tools still running when the turn ends are marked by how it ended, never as done.
    this.el.querySelectorAll('.activity[data-state="running"]').forEach((el) => {
      el.dataset.state = state === 'done' ? 'done' : 'stopped';
    });
  }
}
