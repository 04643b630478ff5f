import type { MediaState, PeerInfo } from '../contract/protocol.js';

/**
 * Who is in which meeting right now. The in-memory implementation serves one process; the
 * interface is async so a shared store (Redis) can back it when several processes serve.
 */
export interface Presence {
  /** Adds `peer` unless the meeting already holds `max`; returns false when full. Atomic. */
  tryAdd(meetingId: string, peer: PeerInfo, max: number): Promise<boolean>;
  remove(meetingId: string, peerId: string): Promise<boolean>;
  list(meetingId: string): Promise<PeerInfo[]>;
  count(meetingId: string): Promise<number>;
  has(meetingId: string, peerId: string): Promise<boolean>;
  updateMedia(meetingId: string, peerId: string, media: MediaState): Promise<void>;
  close(): Promise<void>;
  /** Shared stores only: the instance holding the member's socket (relays are addressed there). */
  homeOf?(meetingId: string, peerId: string): Promise<string | null>;
  /** Shared stores only: members dropped behind the server's back (see `PresenceEvents`). */
  watch?(events: PresenceEvents): void;
}

/** What a shared presence tells the signaling server about members it dropped on its own. */
export interface PresenceEvents {
  /** Members of another, dead instance were purged: tell the meeting they left. */
  expired(meetingId: string, peerIds: string[]): void;
  /** Members on this instance lost their seat (missed renewals): their sockets must rejoin. */
  lost(meetingId: string, peerIds: string[]): void;
}

/** Single-process presence: maps in memory, insertion order = join order. */
export class MemoryPresence implements Presence {
  private readonly meetings = new Map<string, Map<string, PeerInfo>>();

  async tryAdd(meetingId: string, peer: PeerInfo, max: number): Promise<boolean> {
    let members = this.meetings.get(meetingId);
    if (!members) {
      members = new Map();
      this.meetings.set(meetingId, members);
    }
    if (members.size >= max) return false;
    members.set(peer.id, peer);
    return true;
  }

  async remove(meetingId: string, peerId: string): Promise<boolean> {
    const members = this.meetings.get(meetingId);
    const removed = members?.delete(peerId) ?? false;
    if (members && members.size === 0) this.meetings.delete(meetingId);
    return removed;
  }

  async list(meetingId: string): Promise<PeerInfo[]> {
    return [...(this.meetings.get(meetingId)?.values() ?? [])];
  }

  async count(meetingId: string): Promise<number> {
    return this.meetings.get(meetingId)?.size ?? 0;
  }

  async has(meetingId: string, peerId: string): Promise<boolean> {
    return this.meetings.get(meetingId)?.has(peerId) ?? false;
  }

  async updateMedia(meetingId: string, peerId: string, media: MediaState): Promise<void> {
    const peer = this.meetings.get(meetingId)?.get(peerId);
    if (peer) peer.media = media;
  }

  async close(): Promise<void> {
    this.meetings.clear();
  }
}
