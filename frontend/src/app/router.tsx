import { Trans } from '@lingui/react/macro';
import { lazy, Suspense, type ComponentType } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router-dom';
import { HomeRoute } from './routes/home';

// Declarative routing rather than `createBrowserRouter`: the app uses no loaders, actions or
// fetchers, and the data router costs ≈ 10 kB gzip of the first page (docs/benchmarks.md).
// Home is the only route in the first bundle; the call (lobby + meeting, socket.io, WebRTC) and
// the not-found page load on demand.
let meetingRoute: Promise<ComponentType> | undefined;
let loadedMeetingRoute: ComponentType | undefined;

/**
 * Loads the meeting route's chunk (once). The entry script awaits it before the first render on a
 * meeting's URL, so the route renders at once instead of suspending: a suspended route shows the
 * empty fallback first, and React then holds the lobby back for up to 300 ms after it.
 */
export function loadMeetingRoute(): Promise<ComponentType> {
  meetingRoute ??= import('./routes/meeting-route').then((m) => (loadedMeetingRoute = m.MeetingRoute));
  return meetingRoute;
}

const LazyMeetingRoute = lazy(() => loadMeetingRoute().then((component) => ({ default: component })));

function MeetingRoute() {
  const Loaded = loadedMeetingRoute;
  return Loaded ? <Loaded /> : <LazyMeetingRoute />;
}
const NotFoundRoute = lazy(() => import('./routes/not-found').then((m) => ({ default: m.NotFoundRoute })));

/** The app's routes: `/`, `/:meetingId`, anything else is not found. */
export function AppRouter() {
  return (
    <BrowserRouter>
      <Suspense fallback={<Loading />}>
        <Routes>
          <Route path="/" element={<HomeRoute />} />
          <Route path="/:meetingId" element={<MeetingRoute />} />
          <Route path="*" element={<NotFoundRoute />} />
        </Routes>
      </Suspense>
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
