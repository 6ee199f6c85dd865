// The suggestion chips under the conversation: a few ways to start, in the page's language, gone
// once one is used or the conversation has begun (they are for a blank page, and on a phone they
// would push the message box away); and, once a song is among the uploads, one chip that puts it
// in the video, until it has been used.

import { h, replace } from './dom.js';
import { onLanguage, t } from './strings.js';

/** The starting chips: each fills the message box, to be adjusted before sending. */
const STARTERS = ['chipMake', 'chipVertical', 'chipTitle'];

/**
 * The chips. `send(text)` sends a message at once (false when it cannot now); `input` is the message box; `started()` says
 * whether the conversation has begun, `hasDraft()` whether a video exists yet.
 */
export class Suggestions {
  constructor({ root, input, send, started, hasDraft }) {
    this.root = root;
    this.input = input;
    this.send = send;
    this.started = started;
    this.hasDraft = hasDraft;
    this.used = false; // a starting chip was picked
    this.song = null; // the uploaded song's name, while its chip is offered
    onLanguage(() => this.draw());
    this.draw();
  }

  /** Offers the chip that uses the uploaded song `name` (the editor takes the latest one). */
  songUploaded(name) {
    this.song = name;
    this.draw();
  }

  /** Withdraws the song's chip once the video plays `name` (the editor took it by itself). */
  songPlaying(name) {
    if (this.song !== name) return;
    this.song = null;
    this.draw();
  }

  /** Redraws the chips for the conversation as it is now. */
  draw() {
    const chips = [];
    if (!this.used && !this.started()) {
      for (const key of STARTERS) chips.push(this.chip(t(key), () => this.pick(t(key))));
    }
    if (this.song) {
      const chip = this.chip(t('chipMusic'), () => this.useSong());
      chip.classList.add('chip-music');
      chip.title = this.song;
      chips.unshift(chip);
    }
    replace(this.root, chips);
    this.root.hidden = chips.length === 0;
  }

  chip(text, onclick) {
    return h('button', { type: 'button', class: 'chip', onclick }, text);
  }

  /** A starting chip fills the message box; the chips have done their work and go. */
  pick(text) {
    this.input.value = text;
    this.input.focus();
    this.used = true;
    this.draw();
  }

  /** Sends the message that makes the uploaded song the music (or a video with it); while a
   * turn runs nothing is sent and the chip stays. */
  useSong() {
    const text = this.hasDraft() ? t('musicMessage') : t('musicMessageNew');
    if (!this.send(text)) return;
    this.song = null;
    this.draw();
  }
}
