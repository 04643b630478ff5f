import { useLingui } from '@lingui/react/macro';
import { useId, useState } from 'react';
import { chooseLocale } from '../i18n/i18n';
import { isLocale, LOCALES } from '../i18n/locales';
import { chooseTheme, savedTheme, type ThemeChoice } from '../lib/theme';

/** Language and theme pickers, top corner of every screen outside the call itself. */
export function Preferences() {
  const { t } = useLingui();
  return (
    <header className="prefs">
      <div role="group" aria-label={t`Preferences`} className="prefs__row">
        <LanguagePicker />
        <ThemePicker />
      </div>
    </header>
  );
}

/** `combobox` "Language": each language named in itself; remembered in localStorage. */
export function LanguagePicker() {
  const { t, i18n } = useLingui();
  const id = useId();
  return (
    <div className="prefs__item">
      <label htmlFor={id} className="prefs__label">{t`Language`}</label>
      <select id={id} className="select select--small" value={i18n.locale} onChange={(e) => isLocale(e.target.value) && void chooseLocale(e.target.value)}>
        {Object.entries(LOCALES).map(([code, { name }]) => (
          <option key={code} value={code} lang={code}>{name}</option>
        ))}
      </select>
    </div>
  );
}

/** `combobox` "Theme": system (default), light or dark; remembered in localStorage. */
export function ThemePicker() {
  const { t } = useLingui();
  const id = useId();
  const [choice, setChoice] = useState<ThemeChoice>(savedTheme);
  const onChange = (value: string) => {
    const next = value === 'light' || value === 'dark' ? value : 'system';
    setChoice(next);
    chooseTheme(next);
  };
  return (
    <div className="prefs__item">
      <label htmlFor={id} className="prefs__label">{t`Theme`}</label>
      <select id={id} className="select select--small" value={choice} onChange={(e) => onChange(e.target.value)}>
        <option value="system">{t`System`}</option>
        <option value="light">{t`Light`}</option>
        <option value="dark">{t`Dark`}</option>
      </select>
    </div>
  );
}
