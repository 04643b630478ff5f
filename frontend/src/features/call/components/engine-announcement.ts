import type { I18n } from '@lingui/core';
import { msg } from '@lingui/core/macro';

/**
 * Translates the engine's (English) announcement. Bridge until the engine hands the UI structured
 * events instead of sentences (issue 10): unknown text passes through unchanged.
 */
export function translateAnnouncement(i18n: I18n, text: string): string {
  const joined = /^(.+) joined$/.exec(text);
  if (joined) {
    const name = joined[1] ?? '';
    return i18n._(msg`${name} joined`);
  }
  const left = /^(.+) left$/.exec(text);
  if (left) {
    const name = left[1] ?? '';
    return i18n._(msg`${name} left`);
  }
  if (text === 'The server is restarting. Reconnecting…') return i18n._(msg`The server is restarting. Reconnecting…`);
  return text;
}
