/**
 * The one cleaning rule for text a person types and others see: display names, chat messages and
 * meeting titles. Shared by the server (which enforces it) and the UI (which can preview it), so
 * what is stored is exactly what peers are shown.
 *
 * - Unpaired UTF-16 surrogates are rejected, not repaired: repairing them to U+FFFD would make the
 *   stored record differ from what the sender's peers received.
 * - Control characters (C0, DEL, C1: NUL, ESC, CSI…) and format characters (bidi embeddings,
 *   overrides and isolates, zero-width spaces, BOM, soft hyphen, invisible operators…) are removed.
 *   ZWJ and ZWNJ survive only between two visible characters, where emoji sequences and Indic or
 *   Persian scripts need them.
 * - Other whitespace becomes a plain space (chat keeps line breaks, at most two in a row), runs of
 *   spaces collapse in single-line text, and piles of combining marks ("Zalgo") are cut to four.
 * - The result is NFC and must contain at least one visible character.
 */

export type CleanTextResult = { ok: true; text: string } | { ok: false; reason: string };

export interface CleanTextOptions {
  /** Chat: keep line breaks. Names and titles are single-line. */
  multiline?: boolean;
}

const LONE_SURROGATE = /\p{Cs}/u;
const ZWJ_OR_ZWNJ = /[\u200c\u200d]/u;
// Cf without ZWNJ/ZWJ, plus the Unicode "default ignorable" look-alike blanks that are not Cf.
const FORMAT = /[\p{Cf}\u115f\u1160\u3164\uffa0]/gu;
const CONTROL = /\p{Cc}/gu;
const OTHER_SPACE = /[\p{Zs}\t\v\f]/gu;
const LINE_BREAK = /\r\n?|[\n\u0085\u2028\u2029]/gu;
const MARK_PILE = /(\p{M}{4})\p{M}+/gu;
/** Something a person can see: not space, not control, not format, not a lone combining mark, not braille blank. */
const VISIBLE = /[^\p{White_Space}\p{Cc}\p{Cf}\p{M}\u2800\u115f\u1160\u3164\uffa0]/u;

function keepJoinersBetweenVisible(s: string): string {
  if (!ZWJ_OR_ZWNJ.test(s)) return s;
  const chars = [...s];
  return chars
    .filter((c, i) => {
      if (c !== '\u200c' && c !== '\u200d') return true;
      const before = chars[i - 1];
      const after = chars[i + 1];
      return before !== undefined && after !== undefined && VISIBLE.test(before) && VISIBLE.test(after);
    })
    .join('');
}

/** Cleans `raw` by the rules above; `{ ok: false, reason }` when nothing presentable remains. */
export function cleanText(raw: string, { multiline = false }: CleanTextOptions = {}): CleanTextResult {
  if (LONE_SURROGATE.test(raw)) return { ok: false, reason: 'contains an invalid character (unpaired surrogate)' };
  let s = raw.normalize('NFC').replace(LINE_BREAK, multiline ? '\n' : ' ');
  s = s.replace(FORMAT, (c) => (c === '\u200c' || c === '\u200d' ? c : ''));
  s = keepJoinersBetweenVisible(s);
  s = s.replace(OTHER_SPACE, ' ');
  s = multiline ? s.replace(/[^\S\n]*\n[^\S\n]*/g, '\n') : s;
  s = s.replace(CONTROL, (c) => (multiline && c === '\n' ? c : ''));
  s = s.replace(MARK_PILE, '$1');
  s = multiline ? s.replace(/\n{3,}/g, '\n\n') : s.replace(/ {2,}/g, ' ');
  s = s.trim().normalize('NFC');
  if (!VISIBLE.test(s)) return { ok: false, reason: 'must contain a visible character' };
  return { ok: true, text: s };
}
