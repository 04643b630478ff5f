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
  /** Sets a member's recording flag; true when it changed (so only changes are announced). */
  setRecording(meetingId: string, peerId: string, recording: boolean): Promise<boolean>;
  /**
   * Raises (`raisedAt` given) or lowers (`null`) a member's hand, atomically: a raised hand keeps
   * its first time. Null when `peerId` is not a member; `changed` false when nothing moved.
   */
  setHand(meetingId: string, peerId: string, raisedAt: string | null): Promise<HandChange | null>;
  close(): Promise<void>;
  /** Shared stores only: the instance holding the member's socket (relays are addressed there). */
  homeOf?(meetingId: string, peerId: string): Promise<string | null>;
  /** Shared stores only: members dropped behind the server's back (see `PresenceEvents`). */
  watch?(events: PresenceEvents): void;
}

/** The hand after `setHand`: when it went up (null: down) and whether this call moved it. */
export interface HandChange {
  raisedAt: string | null;
  changed: boolean;
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

  async setRecording(meetingId: string, peerId: string, recording: boolean): Promise<boolean> {
    const peer = this.meetings.get(meetingId)?.get(peerId);
    if (!peer || (peer.recording ?? false) === recording) return false;
    if (recording) peer.recording = true;
    else delete peer.recording;
    return true;
  }

  async setHand(meetingId: string, peerId: string, raisedAt: string | null): Promise<HandChange | null> {
    const peer = this.meetings.get(meetingId)?.get(peerId);
    if (!peer) return null;
    const current = peer.handRaisedAt ?? null;
    if ((current === null) === (raisedAt === null)) return { raisedAt: current, changed: false };
    if (raisedAt === null) delete peer.handRaisedAt;
    else peer.handRaisedAt = raisedAt;
    return { raisedAt, changed: true };
  }

  async close(): Promise<void> {
    this.meetings.clear();
  }
}
