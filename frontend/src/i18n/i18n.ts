import { i18n, type Messages } from '@lingui/core';
import { localStore } from '../lib/local-store';
import { messages as en } from './locales/en.po';
import { isLocale, LOCALE_KEY, LOCALES, pickLocale, type Locale } from './locales';

// English ships in the first bundle; every other catalogue is its own chunk, fetched on demand.
const loaders: Record<Exclude<Locale, 'en'>, () => Promise<{ messages: Messages }>> = {
  es: () => import('./locales/es.po'),
  de: () => import('./locales/de.po'),
  fr: () => import('./locales/fr.po'),
  ar: () => import('./locales/ar.po'),
};

i18n.load('en', en);
const loaded = new Set<Locale>(['en']);

/** The remembered choice, else the browser's languages. */
export function initialLocale(): Locale {
  const saved = localStore.get(LOCALE_KEY);
  if (isLocale(saved)) return saved;
  return pickLocale(typeof navigator === 'undefined' ? [] : navigator.languages ?? [navigator.language]);
}

/** Loads (once) and activates `locale`, and sets `<html lang dir>` so the layout mirrors in RTL. */
export async function activateLocale(locale: Locale): Promise<void> {
  if (locale !== 'en' && !loaded.has(locale)) {
    const { messages } = await loaders[locale]();
    i18n.load(locale, messages);
    loaded.add(locale);
  }
  i18n.activate(locale);
  document.documentElement.lang = locale;
  document.documentElement.dir = LOCALES[locale].dir;
}

/** Switches language and remembers it for next time. */
export async function chooseLocale(locale: Locale): Promise<void> {
  localStore.set(LOCALE_KEY, locale);
  await activateLocale(locale);
}

export { i18n };
