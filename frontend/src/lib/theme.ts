import { localStore } from './local-store';

export type ThemeChoice = 'system' | 'light' | 'dark';

const THEME_KEY = 'meet.theme';
const query = () => window.matchMedia('(prefers-color-scheme: light)');

export function savedTheme(): ThemeChoice {
  const saved = localStore.get(THEME_KEY);
  return saved === 'light' || saved === 'dark' ? saved : 'system';
}

/** Sets `<html data-theme>` from the choice ("system" follows the OS, live). */
export function applyTheme(choice: ThemeChoice): void {
  const resolved = choice === 'system' ? (query().matches ? 'light' : 'dark') : choice;
  document.documentElement.dataset.theme = resolved;
}

/** Applies the remembered choice and keeps following the system while the choice is "system". */
export function startTheme(): void {
  applyTheme(savedTheme());
  query().addEventListener('change', () => applyTheme(savedTheme()));
}

export function chooseTheme(choice: ThemeChoice): void {
  localStore.set(THEME_KEY, choice);
  applyTheme(choice);
}
