import { describe, expect, it } from 'vitest';
import { cleanText } from './text-hygiene.js';

const text = (raw: string, multiline = false) => {
  const r = cleanText(raw, { multiline });
  return r.ok ? r.text : `!${r.reason}`;
};

describe('cleanText (names, chat, titles)', () => {
  it('when a name carries a bidi override, then the override is removed', () => {
    expect(text('evil\u202egnp.exe')).toBe('evilgnp.exe');
    expect(text('\u2066a\u2069\u200eb\u200f')).toBe('ab');
  });

  it('when text holds NUL, ESC, C1 controls or DEL, then they are removed', () => {
    expect(text('a\u0000b\u001b[31mc\u0085d\u009be\u007f')).toBe('ab[31mc de');
    expect(text('line1\u0000\nline2\u001b', true)).toBe('line1\nline2');
  });

  it('when a name is zero-width-only or blank-looking, then it is refused', () => {
    for (const blank of ['\u200b\u200b', '\u3164', '\u2800\u2800', ' \u00a0\u2003 ', '\ufeff', '\u0301\u0301', '\u200d']) {
      expect(cleanText(blank)).toEqual({ ok: false, reason: 'must contain a visible character' });
    }
  });

  it('when text has an unpaired surrogate, then it is refused rather than stored as U+FFFD', () => {
    expect(cleanText('ab\ud800')).toEqual({ ok: false, reason: expect.stringContaining('unpaired surrogate') });
    expect(cleanText('\udc00x', { multiline: true }).ok).toBe(false);
  });

  it('when text is decomposed, then it is stored NFC', () => {
    expect(text('Jose\u0301')).toBe('Jos\u00e9');
  });

  it('when an emoji sequence or a Persian word needs ZWJ/ZWNJ, then they are kept; dangling ones go', () => {
    expect(text('\u{1f469}\u200d\u{1f4bb}')).toBe('\u{1f469}\u200d\u{1f4bb}');
    expect(text('\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645')).toBe('\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645');
    expect(text('\u200dalice\u200d')).toBe('alice');
  });

  it('when a name spans lines or tabs, then it becomes one line with single spaces', () => {
    expect(text('  ada\t\tlovelace\r\nII  ')).toBe('ada lovelace II');
  });

  it('when chat has many blank lines, then line breaks are kept, at most two in a row', () => {
    expect(text('a\r\n\r\n\r\n\r\nb\u2028c', true)).toBe('a\n\nb\nc');
  });

  it('when combining marks pile up (Zalgo), then at most four stay on a character', () => {
    expect(text(`a${'\u0301\u0302\u0303'.repeat(10)}`).length).toBe(5);
  });
});
