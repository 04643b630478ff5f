import { createBrowserRouter } from 'react-router-dom';
import { HomeRoute } from './routes/home';
import { NotFoundRoute } from './routes/not-found';

/** Home is in the first bundle; the call (lobby + meeting, socket.io, WebRTC) loads on demand. */
export const router = createBrowserRouter([
  { path: '/', element: <HomeRoute /> },
  {
    path: '/:meetingId',
    lazy: async () => {
      const { MeetingRoute } = await import('./routes/meeting-route');
      return { Component: MeetingRoute };
    },
  },
  { path: '*', element: <NotFoundRoute /> },
]);
