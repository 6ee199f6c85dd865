// The page's own words, in the four languages the editor speaks (English, Chinese, Spanish,
// Japanese), in one place. The editor answers in the language of the person's message; the page
// follows the same way: each message sent picks the language (`detectLanguage`), and every line
// the page writes afterwards (statuses, buttons, notes) is in it. What the editor itself wrote
// stays as it was written.

import { en } from './strings/en.js';
import { es } from './strings/es.js';
import { ja } from './strings/ja.js';
import { zh } from './strings/zh.js';

/** The tables, by language. */
const STRINGS = { en, zh, es, ja };

export const LANGUAGES = ['en', 'zh', 'es', 'ja'];

let current = 'en';
const listeners = new Set();

/**
 * The language a message is written in, by the same simple test of its script the editor uses:
 * kana is Japanese, other Han characters Chinese, Spanish letters or common Spanish words Spanish,
 * anything else English. Returns `en`, `zh`, `es` or `ja`.
 */
export function detectLanguage(text) {
  const s = String(text ?? '');
  if (/[\u3040-\u30ff]/.test(s)) return 'ja';
  if (/[\u3400-\u9fff]/.test(s)) return 'zh';
  if (/[ñ¿¡áéíóú]/i.test(s) || SPANISH_WORDS.test(s)) return 'es';
  return 'en';
}

// Words frequent in Spanish requests and rare in English ones ("con", "una", "haz", …).
const SPANISH_WORDS = /(^|[^\p{L}])(haz|hazlo|hagas|con|una|pon|ponle|quiero|convierte|crea|cambia|añade|agrega|musica|cancion|titulo|vertical por favor|por favor|más|mas corto|estas|fotos|imagenes)(?![\p{L}])/iu;

/** The language of a locale such as `zh-CN` or `es-419`, if the page has it, else English. */
export function languageOfLocale(locale) {
  const tag = String(locale ?? '').toLowerCase().split(/[-_]/)[0];
  return LANGUAGES.includes(tag) ? tag : 'en';
}

/** The language the page writes in now. */
export function language() {
  return current;
}

/**
 * Switches the page to `lang` (one of `LANGUAGES`): its static labels at once, then everything
 * listening (`onLanguage`) redraws its own lines. Does nothing for the language already shown.
 */
export function setLanguage(lang) {
  const next = LANGUAGES.includes(lang) ? lang : 'en';
  if (next === current && document.documentElement.dataset.language === next) return;
  current = next;
  document.documentElement.lang = next === 'zh' ? 'zh-CN' : next;
  applyStatic(document);
  document.documentElement.dataset.language = next;
  for (const listener of listeners) listener(next);
}

/** Calls `listener(lang)` on every change of language. */
export function onLanguage(listener) {
  listeners.add(listener);
}

/**
 * The page's line `key` in the current language, with `{name}` placeholders filled from
 * `params`. A key missing in a language falls back to English, then to the key itself.
 */
export function t(key, params = {}) {
  const table = STRINGS[current] ?? STRINGS.en;
  const template = table[key] ?? STRINGS.en[key] ?? key;
  return template.replace(/\{(\w+)\}/g, (whole, name) => (name in params ? String(params[name]) : whole));
}

/**
 * Writes the static labels of `root`: an element's text from `data-i18n`, and its attributes
 * from `data-i18n-<attribute>` (`placeholder`, `title`, `aria-label`, `alt`).
 */
export function applyStatic(root) {
  for (const el of root.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  for (const attribute of ['placeholder', 'title', 'aria-label', 'alt']) {
    const data = `data-i18n-${attribute}`;
    for (const el of root.querySelectorAll(`[${data}]`)) el.setAttribute(attribute, t(el.getAttribute(data)));
  }
}
