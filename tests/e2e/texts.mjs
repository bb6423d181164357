// The app's own texts, so that a test looks for exactly what the user reads: the interface
// catalogues (public/i18n/<lang>.json) and the guide's texts (public/guide/<lang>.json), with
// the helpers that compare them to the page.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './harness.mjs';

export const LANGS = ['en', 'fr', 'it'];
const readJson = (...path) => JSON.parse(readFileSync(join(ROOT, ...path), 'utf8'));
/** Interface texts, by language and key. */
// Each in two files: the first screen's (<lang>.core.json) and the rest (<lang>.json).
const both = (dir, l) => ({ ...readJson('public', dir, `${l}.core.json`), ...readJson('public', dir, `${l}.json`) });
export const T = Object.fromEntries(LANGS.map((l) => [l, both('i18n', l)]));
/** Guide texts: one per step, section and scenario, by id. */
export const GUIDE = Object.fromEntries(LANGS.map((l) => [l, both('guide', l)]));

/** `fill("Step {0} of {1}", 2, 6)`, as the app's i18n::fill. */
export const fill = (template, ...args) => elide(template.replace(/\{(\d+)\}/g, (_, i) => String(args[Number(i)] ?? '')));
/** Italian elides the article before the days 8 and 11 ("l'8 marzo", "dall'11"), as the app's
 * `fill` does (src/i18n/format.rs, issue 20). */
export const elide = (text) =>
  text.replace(/(^|[\s(])(il|Il|al|Al|dal|Dal|del|Del|nel|Nel|sul|Sul) (8|11) (?=\S)/g,
    (_, pre, art, n) => `${pre}${art === 'il' ? 'l' : art === 'Il' ? 'L' : `${art}l`}'${n} `);
/** Text as compared here: no-break and narrow no-break spaces (French) as plain spaces, runs of
 * white space collapsed, trimmed. */
export const norm = (s) => String(s ?? '').replace(/[\u00a0\u202f]/g, ' ').replace(/\s+/g, ' ').trim();
export const escapeRe = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** An exact, whole-text regex for an accessible name, whatever kind of space the page uses. */
export const exactly = (text) => new RegExp(`^${escapeRe(norm(text)).replace(/ /g, '\\s+')}$`);

const MONTHS = {
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
  fr: ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'],
  it: ['gennaio', 'febbraio', 'marzo', 'aprile', 'maggio', 'giugno', 'luglio', 'agosto', 'settembre', 'ottobre', 'novembre', 'dicembre'],
};
/** A long date as the app prints it: "10 March 2026", "10 mars 2026", "10 marzo 2026". */
export function day(lang, iso) {
  const [y, m, d] = iso.split('-').map(Number);
  // The first of the month is an ordinal in French and Italian (issue 20).
  const n = d === 1 ? { fr: '1er', it: '1º', en: '1' }[lang] : d;
  return `${n} ${MONTHS[lang][m - 1]} ${y}`;
}
