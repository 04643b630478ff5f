import type { CallSession } from './call-session';
import type { PeerStats } from './session-types';

/** The browser tests' window into a session (see docs/ui-contract.md). Holds nothing secret. */
export interface MeetTestHook {
  selfId(): string | null;
  stats(): Promise<PeerStats[]>;
}

declare global {
  interface Window {
    __meet?: MeetTestHook;
  }
}

/** Installs `window.__meet` for this session; returns the uninstall function. */
export function installTestHook(session: CallSession): () => void {
  const hook: MeetTestHook = {
    selfId: () => session.state.getSnapshot().selfId,
    stats: () => session.peerStats(),
  };
  window.__meet = hook;
  return () => {
    if (window.__meet === hook) delete window.__meet;
  };
}
