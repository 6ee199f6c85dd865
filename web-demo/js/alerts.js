// Error messages as page elements: one block shape used inline (under a chat turn, in the export
// panel, on an upload row) and as a page-level banner. Retry appears only where it can help.

import { h, safeUrl } from './dom.js';
import { describeError } from './errors.js';
import { t } from './strings.js';

/**
 * An element that explains `error`. `retry` (a function) adds a Retry button when the error is
 * one that trying again can fix; `retryLabel` names it.
 */
export function errorView(error, { retry = null, retryLabel = t('retry'), extra = null } = {}) {
  const d = describeError(error);
  const actions = h('div', { class: 'error-actions' });
  const register = safeUrl(d.bindUrl);
  if (register) {
    actions.append(h('a', { class: 'button primary small', href: register, target: '_blank', rel: 'noopener noreferrer' }, t('error.getCredits')));
  }
  if (retry && d.retry) {
    const button = h('button', { type: 'button', class: 'button small' }, retryLabel);
    button.addEventListener('click', () => {
      button.disabled = true;
      retry();
    }, { once: true });
    if (d.kind === 'rate_limited') holdUntil(button, retryLabel, error.retryAfterMs);
    actions.append(button);
  }
  if (extra) actions.append(extra);
  return h('div', { class: 'error', role: 'alert', dataset: { kind: d.kind } },
    h('p', { class: 'error-title' }, d.title),
    d.detail ? h('p', { class: 'error-detail' }, d.detail) : null,
    actions.childElementCount ? actions : null);
}

/** Keeps a Retry button disabled, counting down, for the wait a rate limit asked for. */
function holdUntil(button, label, waitMs) {
  if (!Number.isFinite(waitMs) || waitMs <= 0) return;
  const until = Date.now() + waitMs;
  button.disabled = true;
  const tick = () => {
    const left = Math.ceil((until - Date.now()) / 1000);
    if (left <= 0 || !button.isConnected) {
      button.disabled = false;
      button.textContent = label;
      return;
    }
    button.textContent = t('retryIn', { label, seconds: left });
    setTimeout(tick, 1000);
  };
  tick();
}

/** Page-level banners, one per `key`: showing a key again replaces its banner. */
export class Alerts {
  constructor(root) {
    this.root = root;
    this.byKey = new Map();
  }

  /** Shows `error` under `key`; `retry` as in `errorView`. The banner can be dismissed. */
  show(key, error, options = {}) {
    this.clear(key);
    const dismiss = h('button', { type: 'button', class: 'button ghost small' }, t('dismiss'));
    const banner = h('div', { class: 'banner', dataset: { key } }, errorView(error, {
      ...options,
      retry: options.retry ? () => { this.clear(key); options.retry(); } : null,
      extra: dismiss,
    }));
    dismiss.addEventListener('click', () => this.clear(key));
    this.byKey.set(key, banner);
    this.root.append(banner);
  }

  /** Shows a plain notice (not an error) under `key`. */
  notice(key, text) {
    this.clear(key);
    const dismiss = h('button', { type: 'button', class: 'button ghost small' }, t('dismiss'));
    const banner = h('div', { class: 'banner notice', role: 'status', dataset: { key } }, h('p', {}, text), dismiss);
    dismiss.addEventListener('click', () => this.clear(key));
    this.byKey.set(key, banner);
    this.root.append(banner);
  }

  /** Removes the banner under `key`, if any. */
  clear(key) {
    this.byKey.get(key)?.remove();
    this.byKey.delete(key);
  }
}
