import { describe, expect, it } from 'vitest';
import { pickLocale } from './locales';

describe('pickLocale', () => {
  it('when the browser prefers a regional variant we speak, then its language is chosen', () => {
    expect(pickLocale(['de-AT', 'en'])).toBe('de');
  });
  it('when the first preference is unknown, then the next known one wins', () => {
    expect(pickLocale(['ja-JP', 'ar-EG', 'en'])).toBe('ar');
  });
  it('when no preference is known, then English', () => {
    expect(pickLocale(['ja', 'zh-CN'])).toBe('en');
    expect(pickLocale([])).toBe('en');
  });
});
