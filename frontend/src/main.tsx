import { I18nProvider } from '@lingui/react';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { isMeetingId } from '@contract/meeting-id';
import { AppRouter, loadMeetingRoute } from './app/router';
import { fetchMeetingEarly } from './features/meetings/early-meeting';
import { activateLocale, i18n, initialLocale } from './i18n/i18n';
import { startTheme } from './lib/theme';
import './styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('#root missing');

startTheme();
// A meeting's own URL (canonical ID; meeting.html has preloaded its chunk): the lobby's code and
// its meeting are fetched now, and the first render waits for the code (the splash shows meanwhile).
const meetingPage = isMeetingId(window.location.pathname.slice(1));
if (meetingPage) fetchMeetingEarly(window.location.pathname);
const routeReady = meetingPage ? loadMeetingRoute().catch(() => undefined) : undefined;
// A non-English catalogue is a small lazy chunk; render once it is in so no English flashes by.
void Promise.all([activateLocale(initialLocale()).catch(() => activateLocale('en')), routeReady])
  .then(() => {
    createRoot(root).render(
      <StrictMode>
        <I18nProvider i18n={i18n}>
          <AppRouter />
        </I18nProvider>
      </StrictMode>,
    );
  });
