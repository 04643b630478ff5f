import type { ChatMessage, MediaState } from '@contract/protocol';
import type { MediaConnectionState, ParticipantStats } from './media-transport';
import type { SessionNotice } from './session-notices';
import type { SessionPhase } from './session-state';

/** One remote participant as the UI renders it. */
export interface PeerView {
  id: string;
  displayName: string;
  joinedAt: string;
  media: MediaState;
  connectionState: MediaConnectionState;
  speaking: boolean;
  /** Recording the meeting in their browser (everyone sees it). */
  recording?: boolean;
  audio: MediaStreamTrack | null;
  video: MediaStreamTrack | null;
  screen: MediaStreamTrack | null;
}

/** Immutable snapshot of a CallSession; a new object on every change (useSyncExternalStore). */
export interface SessionSnapshot {
  meetingId: string;
  phase: SessionPhase;
  selfId: string | null;
  displayName: string;
  peers: PeerView[];
  chat: ChatMessage[];
  maxParticipants: number | null;
  needsAudioUnlock: boolean;
  selfSpeaking: boolean;
  /** Latest thing to tell the person (the UI words it); `seq` makes repeats re-announce. */
  notice: { seq: number; notice: SessionNotice } | null;
}

export function initialSnapshot(meetingId: string): SessionSnapshot {
  return {
    meetingId,
    phase: { name: 'idle' },
    selfId: null,
    displayName: '',
    peers: [],
    chat: [],
    maxParticipants: null,
    needsAudioUnlock: false,
    selfSpeaking: false,
    notice: null,
  };
}

/** Per remote peer numbers for the `window.__meet` test hook. */
export interface PeerStats extends Omit<ParticipantStats, 'audioLevel'> {
  peerId: string;
  displayName: string;
  connectionState: MediaConnectionState;
}

/** Appends messages not seen yet (the sender also receives its own message as a broadcast). */
export function mergeChat(existing: ChatMessage[], incoming: ChatMessage[]): ChatMessage[] {
  const seen = new Set(existing.map((m) => m.id));
  const fresh = incoming.filter((m) => !seen.has(m.id) && (seen.add(m.id), true));
  if (fresh.length === 0) return existing;
  return [...existing, ...fresh].sort((a, b) => a.sentAt.localeCompare(b.sentAt)).slice(-200);
}
