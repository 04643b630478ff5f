import type { CallSession, SessionMediaMode } from './call-session';
import { emptyStats } from './mesh/link-stats';
import type { PeerStats } from './session-types';

/** The browser tests' window into a session (see docs/ui-contract.md). Holds nothing secret. */
export interface MeetTestHook {
  selfId(): string | null;
  stats(): Promise<PeerStats[]>;
  /** 'mesh', 'sfu', or 'switching' while both run; null outside a meeting. */
  mediaMode(): SessionMediaMode | null;
  /** The local recording's frames drawn and seconds so far; null when not recording. */
  recording(): { frames: number; seconds: number } | null;
  /** Which microphone and camera we send (track labels) and whether the microphone is on. */
  localMedia(): { audio: string | null; video: string | null; micOn: boolean };
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
    stats: () => peerStats(session),
    mediaMode: () => session.mediaMode,
    recording: () => session.recorder.progress,
    localMedia: () => {
      const { audioTrack, videoTrack, micOn } = session.devices.media.snapshot;
      return { audio: audioTrack?.label ?? null, video: videoTrack?.label ?? null, micOn };
    },
  };
  window.__meet = hook;
  return () => {
    if (window.__meet === hook) delete window.__meet;
  };
}


async function peerStats(session: CallSession): Promise<PeerStats[]> {
  return Promise.all(
    session.state.getSnapshot().peers.map(async ({ id, displayName, connectionState }) => {
      const { audioLevel: _ignored, ...numbers } = (await session.stats(id)) ?? emptyStats();
      return { peerId: id, displayName, connectionState, ...numbers };
    }),
  );
}
