// The credits pill in the header: what can be spent now, what is held for work in progress, and
// an unmistakable state when they have run out.

import { byId } from './dom.js';
import { t } from './strings.js';

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
    this.frozen.textContent = credits.frozen ? t('creditsFrozen', { n: credits.frozen }) : '';
    // A balance the backend found too small stays marked until it grows.
    if (this.shortAt !== undefined && credits.available > this.shortAt) this.shortAt = undefined;
    const short = credits.available <= 0 || this.shortAt !== undefined;
    this.root.dataset.state = short ? 'empty' : 'ok';
    this.root.title = `${credits.available} available, ${credits.frozen} frozen (held for work in progress), ${credits.total} in all`;
  }

  /** Marks the balance as spent, after the backend refused work for lack of credits. */
  exhausted() {
    const shown = Number(this.available.textContent);
    this.shortAt = Number.isFinite(shown) ? shown : 0;
    this.root.dataset.state = 'empty';
  }
}
