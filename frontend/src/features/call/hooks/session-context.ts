import { createContext, useContext } from 'react';
import type { CallSession } from '../lib/call-session';

/** Holds the one CallSession of the meeting page. */
export const SessionContext = createContext<CallSession | null>(null);

export function useCallSession(): CallSession {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useCallSession outside SessionContext');
  return session;
}
