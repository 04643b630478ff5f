import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { LOCALES } from './locales';

/** msgid -> msgstr of one .po catalogue (Lingui writes each on one line). */
function readCatalog(locale: string): Map<string, string> {
  const text = readFileSync(fileURLToPath(new URL(`./locales/${locale}.po`, import.meta.url)), 'utf8');
  const entries = new Map<string, string>();
  const re = /^msgid "(.*)"\nmsgstr "(.*)"$/gm;
  for (const [, id, str] of text.matchAll(re)) if (id) entries.set(JSON.parse(`"${id}"`), JSON.parse(`"${str}"`));
  return entries;
}

/** The `{name}` placeholders of a message, ignoring plural bodies. */
function placeholders(message: string): string[] {
  return [...message.matchAll(/\{(\w+)(?=[},])/g)].map((m) => m[1] ?? '').sort();
}

const source = readCatalog('en');
const others = Object.keys(LOCALES).filter((l) => l !== 'en');

describe('message catalogues', () => {
  it('when the source catalogue is read, then it holds the UI messages', () => {
    expect(source.size).toBeGreaterThan(50);
    expect(source.has('New meeting')).toBe(true);
  });

  describe.each(others)('%s', (locale) => {
    const catalog = readCatalog(locale);
    it('when compared with English, then it has exactly the same messages', () => {
      expect([...catalog.keys()].sort()).toEqual([...source.keys()].sort());
    });
    it('when read, then no message is left untranslated', () => {
      expect([...catalog].filter(([, str]) => str.trim() === '').map(([id]) => id)).toEqual([]);
    });
    it('when read, then every translation keeps the placeholders of its English message', () => {
      const broken = [...catalog].filter(([id, str]) => str && JSON.stringify(placeholders(str)) !== JSON.stringify(placeholders(id)));
      expect(broken).toEqual([]);
    });
  });
});
