import type { PeerInfo } from '@contract/protocol';
import type { MediaConnectionState, RemoteMedia } from './media-transport';
import type { PeerView } from './session-types';

/** Someone whose media arrived before signaling named them; the name follows with `user-joined`. */
export function placeholderPeer(id: string): PeerInfo {
  return { id, displayName: 'Guest', joinedAt: new Date().toISOString(), media: { audio: false, video: false, screen: false } };
}

export function newPeerView(info: PeerInfo, media: RemoteMedia, connectionState: MediaConnectionState): PeerView {
  return { ...info, connectionState, speaking: false, audio: media.audio, video: media.video, screen: media.screen };
}

/** `peers` with `patch` applied to `id`; the same array when `id` is not in it. */
export function patchPeer(peers: PeerView[], id: string, patch: Partial<PeerView>): PeerView[] {
  if (!peers.some((p) => p.id === id)) return peers;
  return peers.map((p) => (p.id === id ? { ...p, ...patch } : p));
}

/** `peers` with each `speaking` flag set from `speakers`; the same array when nothing changed. */
export function withSpeakers(peers: PeerView[], speakers: ReadonlySet<string>): PeerView[] {
  if (peers.every((p) => p.speaking === speakers.has(p.id))) return peers;
  return peers.map((p) => (p.speaking === speakers.has(p.id) ? p : { ...p, speaking: speakers.has(p.id) }));
}
