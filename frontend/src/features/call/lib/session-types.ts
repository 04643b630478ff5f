import type { ChatMessage, MediaState } from '@contract/protocol';
import type { LinkState } from './peer-link';
import type { SessionPhase } from './session-state';

/** One remote participant as the UI renders it. */
export interface PeerView {
  id: string;
  displayName: string;
  joinedAt: string;
  media: MediaState;
  connectionState: LinkState;
  speaking: boolean;
  audio: MediaStreamTrack | null;
  video: MediaStreamTrack | null;
  screen: MediaStreamTrack | null;
}

/** Immutable snapshot of a MeshSession; a new object on every change (useSyncExternalStore). */
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
  /** Latest live-region text; `seq` makes repeats re-announce. */
  announcement: { seq: number; text: string } | null;
}

/** Per remote peer numbers for the `window.__meet` test hook. */
export interface PeerStats {
  peerId: string;
  displayName: string;
  connectionState: LinkState;
  framesDecoded: number;
  audioPacketsReceived: number;
  videoPacketsReceived: number;
  localCandidateType: string | null;
  remoteCandidateType: string | null;
}

/** Appends messages not seen yet (the sender also receives its own message as a broadcast). */
export function mergeChat(existing: ChatMessage[], incoming: ChatMessage[]): ChatMessage[] {
  const seen = new Set(existing.map((m) => m.id));
  const fresh = incoming.filter((m) => !seen.has(m.id) && (seen.add(m.id), true));
  if (fresh.length === 0) return existing;
  return [...existing, ...fresh].sort((a, b) => a.sentAt.localeCompare(b.sentAt)).slice(-200);
}
