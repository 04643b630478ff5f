import { I18nProvider } from '@lingui/react';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { AppRouter } from './app/router';
import { fetchMeetingEarly } from './features/meetings/early-meeting';
import { activateLocale, i18n, initialLocale } from './i18n/i18n';
import { startTheme } from './lib/theme';
import './styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('#root missing');

startTheme();
fetchMeetingEarly(window.location.pathname);
// A non-English catalogue is a small lazy chunk; render once it is in so no English flashes by.
void activateLocale(initialLocale())
  .catch(() => activateLocale('en'))
  .then(() => {
    createRoot(root).render(
      <StrictMode>
        <I18nProvider i18n={i18n}>
          <AppRouter />
        </I18nProvider>
      </StrictMode>,
    );
  });
