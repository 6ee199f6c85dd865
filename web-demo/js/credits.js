// The credits pill in the header: what can be spent now, what is held for work in progress, and
// an unmistakable state when they have run out.

import { byId } from './dom.js';

/** Shows credit balances. */
export class CreditsView {
  constructor() {
    this.root = byId('credits');
    this.available = byId('credits-available');
    this.frozen = byId('credits-frozen');
  }

  /** Shows `credits` (`{ available, frozen, total }`). */
  show(credits) {
    this.available.textContent = String(credits.available);
    this.frozen.hidden = !credits.frozen;
    this.frozen.textContent = credits.frozen ? `· ${credits.frozen} frozen` : '';
    this.root.dataset.state = credits.available > 0 ? 'ok' : 'empty';
    this.root.title = `${credits.available} available, ${credits.frozen} frozen (held for work in progress), ${credits.total} in all`;
  }

  /** Marks the balance as spent, after the backend refused work for lack of credits. */
  exhausted() {
    this.root.dataset.state = 'empty';
  }
}
