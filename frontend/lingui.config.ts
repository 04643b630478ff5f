import { defineConfig } from '@lingui/conf';
import { formatter } from '@lingui/format-po';

/**
 * Message catalogues: English is the source (msgid = the English text); every other locale must
 * translate every message. `npm run i18n:check` (part of `npm run lint`) extracts and fails on a gap.
 */
export default defineConfig({
  sourceLocale: 'en',
  locales: ['en', 'es', 'de', 'fr', 'ar'],
  catalogs: [{ path: '<rootDir>/src/i18n/locales/{locale}', include: ['<rootDir>/src'], exclude: ['**/*.test.*'] }],
  // No line numbers or dates: a catalogue changes only when a message does.
  format: formatter({ lineNumbers: false, printLinguiId: false }),
  orderBy: 'messageId',
});
