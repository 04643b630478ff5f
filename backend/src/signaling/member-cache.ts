import { LRUCache } from 'lru-cache';
import type { Presence } from './presence.js';

/** Where a member on another instance is reached: its instance's inbox, or (no inboxes) the adapter. */
export type RemoteHome = { instanceId: string } | { instanceId: null };

/**
 * Which members of a meeting live on OTHER instances, and which instance holds each, remembered
 * per instance so that relaying to them costs no Redis round trip per message. Only positive
 * answers are kept; a leave anywhere drops the entry (`forget`, fed by the `member-left`
 * server-side event), and entries also age out, so a lost event costs at most a stale "ok" ack
 * within `ttlMs`. Delivery itself never trusts this cache: relays go to the member's own
 * per-meeting room, which the receiving instance holds only while that socket is in that meeting.
 */
export class RemoteMemberCache {
  private readonly known: LRUCache<string, RemoteHome>;

  constructor(
    private readonly presence: Presence,
    options: { ttlMs: number; max: number } = { ttlMs: 30_000, max: 100_000 },
  ) {
    this.known = new LRUCache({ max: options.max, ttl: options.ttlMs });
  }

  /** The member's home, or null when it is not in the meeting. */
  async home(meetingId: string, peerId: string): Promise<RemoteHome | null> {
    const key = `${meetingId} ${peerId}`;
    const cached = this.known.get(key);
    if (cached) return cached;
    const home = await this.lookUp(meetingId, peerId);
    if (home) this.known.set(key, home);
    return home;
  }

  async has(meetingId: string, peerId: string): Promise<boolean> {
    return (await this.home(meetingId, peerId)) !== null;
  }

  forget(meetingId: string, peerId: string): void {
    this.known.delete(`${meetingId} ${peerId}`);
  }

  private async lookUp(meetingId: string, peerId: string): Promise<RemoteHome | null> {
    if (this.presence.homeOf) {
      const instanceId = await this.presence.homeOf(meetingId, peerId);
      return instanceId ? { instanceId } : null;
    }
    return (await this.presence.has(meetingId, peerId)) ? { instanceId: null } : null;
  }
}
