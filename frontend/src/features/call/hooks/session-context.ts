import { createContext, useContext } from 'react';
import type { MeshSession } from '../lib/mesh-session';

/** Holds the one MeshSession of the meeting page. */
export const SessionContext = createContext<MeshSession | null>(null);

export function useMeshSession(): MeshSession {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useMeshSession outside SessionContext');
  return session;
}
