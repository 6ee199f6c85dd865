// The conversation: what a person types goes to `client.send`, and the turn's events are shown
// as they arrive: reply text streaming in, tool work as progress lines in words, "still working"
// after long waits, what changed after a silent edit, and buttons for what a reply suggests.
// Drafts, credits, state and export events are handed to the other panels through `hooks`.
// Each message sets the page's language (the editor answers in the language it was written in),
// and the conversation's lines are kept (store.js) so a reload shows them again.

import { byId, formatSeconds, h } from './dom.js';
import { errorView } from './alerts.js';
import { isCancel } from './errors.js';
import { describeAction } from './describe.js';
import { detectLanguage, language, setLanguage, t } from './strings.js';
import * as store from './store.js';

/**
 * The chat panel. `hooks`: `draft(draft)`, `credits(credits)`, `state(state)`,
 * `exportProgress(progress)`, `exported(result)`, `exportFailed(error)`, `action(action)`,
 * `notice(notice)`, `turnStarted()`, `turnDone()`.
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
    this.lines = []; // the conversation as it is kept: [{ role, text }]
    this.wire();
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
    this.stopButton.addEventListener('click', () => this.stop());
  }

  /** Stops the turn running (and the render it follows, if any). */
  stop() {
    this.controller?.abort();
  }

  /** A line from the page itself (not the editor), such as a welcome back after a reload. */
  say(text) {
    this.log.append(h('li', { class: 'message assistant intro' }, h('p', { class: 'message-text' }, text)));
  }

  /** Whether the conversation has begun (a message sent, or one shown again after a reload). */
  get started() {
    return this.lines.some((line) => line.role === 'user');
  }

  /**
   * Shows again a conversation kept before a reload (`store.loadConversation`), in its language.
   * Its lines are text only: what the buttons and progress lines offered then is over.
   */
  restore({ language: lang, lines }) {
    if (lang) setLanguage(lang);
    for (const line of lines) {
      const cls = line.role === 'user' ? 'message user' : line.role === 'assistant' ? 'message assistant' : 'note';
      const el = line.role === 'note'
        ? h('p', { class: 'note' }, line.text)
        : h('div', { class: cls, dataset: { state: 'final' } }, h('p', { class: 'message-text' }, line.text));
      this.log.append(h('li', { class: 'restored', dataset: { role: line.role } }, el));
    }
    this.lines = [...lines];
    this.log.scrollTop = this.log.scrollHeight;
  }

  /** Keeps `text` as a line of the conversation, and saves it. */
  record(role, text) {
    if (!text) return;
    this.lines.push({ role, text });
    const sessionId = this.client.session?.sessionId;
    if (sessionId) store.saveConversation(sessionId, { language: language(), lines: this.lines });
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
    // The person's language from now on: the page's own lines follow the conversation's.
    setLanguage(detectLanguage(text));
    this.setBusy(true);
    this.log.append(h('li', { class: 'message user' }, h('p', { class: 'message-text' }, text)));
    this.record('user', text);
    this.hooks.turnStarted?.();
    const turn = new TurnView(this.log, (role, line) => this.record(role, line));
    try {
      if (document.body.dataset.connection !== 'ready') {
        const wait = turn.activity(t('waitingStudio'));
        await this.connected;
        wait.done(t('connectedNote'));
      }
      if (this.media.busy) {
        const wait = turn.activity(t('waitingUploads'));
        await this.media.idle();
        wait.done(t('uploadsFinished'));
      }
      const stream = this.client.send(text, { signal: this.controller.signal });
      stream.outcome.catch(() => {}); // the loop below reports the error
      for await (const event of stream) this.handle(turn, event);
      await stream.outcome;
      turn.finish('done');
    } catch (error) {
      turn.finish(isCancel(error) ? 'cancelled' : 'failed');
      if (isCancel(error)) turn.note(t('stopped'));
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
      turn.keepTexts();
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
        turn.activity(t('connectionLost'));
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
        turn.note(event.media.length === 1 ? t('uploadedOne') : t('uploadedMany', { n: event.media.length }));
        break;
      case 'credits':
        turn.note(creditsText(event.credits));
        this.hooks.credits?.(event.credits);
        break;
      case 'state':
        // What the project holds, in the core's own words: never an empty filler line.
        turn.note(event.state.draft ? event.state.draft.summary() : t('nothingMade'));
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
  return credits.frozen
    ? t('creditsNoteFrozen', { n: credits.available, frozen: credits.frozen })
    : t('creditsNote', { n: credits.available });
}

/** One turn in the log: its activity lines, messages, changes, buttons and error, in order. */
class TurnView {
  /** `keep(role, text)` keeps a line of the turn for the conversation saved across reloads. */
  constructor(log, keep) {
    this.keep = keep;
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
    const line = Number.isFinite(waitedMs) ? t('stillWorkingFor', { t: formatSeconds(waitedMs) }) : t('stillWorking');
    this.el.append(h('p', { class: 'activity still-working', dataset: { state: 'waiting' } }, line));
    this.scroll();
  }

  changes(changes) {
    if (!changes.length) return;
    this.el.append(h('div', { class: 'changes' },
      h('p', { class: 'changes-title' }, t('whatChanged')),
      h('ul', {}, changes.map((c) => h('li', {}, c.description)))));
    this.keep('note', `${t('whatChanged')}: ${changes.map((c) => c.description).join('; ')}`);
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
    this.keep('note', text);
    this.scroll();
  }

  /** Keeps the reply texts shown (at the turn's end, once each is whole or stopped). */
  keepTexts() {
    for (const el of this.el.querySelectorAll(':scope > .message.assistant')) {
      this.keep('assistant', el.textContent);
    }
  }

  exportLine(progress) {
    if (!this.exporting) this.exporting = this.activity(t('exportingNote'));
    const line = Number.isFinite(progress.progress) ? t('exportingNotePct', { pct: Math.round(progress.progress) }) : t('exportingNote');
    this.exporting.el.querySelector('.activity-text').textContent = line;
  }

  exportDone() {
    if (!this.exporting) this.exporting = this.activity('');
    this.exporting.done(t('exportedNote'));
  }

  outcome(outcome) {
    if (outcome?.type !== 'chat') return;
    const o = outcome.outcome;
    if (o.recovered) this.note(t('recovered'));
    if (o.silent && !this.shownText && o.changes.length === 0) this.note(t('nothingChanged'));
  }

  error(error, retry) {
    this.el.append(errorView(error, { retry, retryLabel: t('sendAgain') }));
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
