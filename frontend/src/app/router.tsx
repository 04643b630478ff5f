import { Trans } from '@lingui/react/macro';
import { lazy, Suspense } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router-dom';
import { HomeRoute } from './routes/home';
import { NotFoundRoute } from './routes/not-found';

// Declarative routes (not the data router): the app needs no loaders or actions, and this keeps
// about 10 kB of router code out of the first page.
const MeetingRoute = lazy(() => import('./routes/meeting-route').then((m) => ({ default: m.MeetingRoute })));

/** Home is in the first bundle; the call (lobby + meeting, socket.io, WebRTC) loads on demand. */
export function AppRouter() {
  return (
    <BrowserRouter>
      <Routes>
        <Route path="/" element={<HomeRoute />} />
        <Route path="/:meetingId" element={<Suspense fallback={<Loading />}><MeetingRoute /></Suspense>} />
        <Route path="*" element={<NotFoundRoute />} />
      </Routes>
    </BrowserRouter>
  );
}

function Loading() {
  return (
    <main className="screen" aria-busy="true">
      <p className="sr-only"><Trans>Loading…</Trans></p>
    </main>
  );
}
