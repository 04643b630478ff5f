import { LRUCache } from 'lru-cache';
import type { Presence } from './presence.js';

/**
 * Which members of a meeting live on OTHER instances, remembered per instance so that relaying
 * to them costs no Redis round trip per message. Only positive answers are kept; a leave
 * anywhere drops the entry (`forget`, fed by the `member-left` server-side event), and entries
 * also age out, so a lost event costs at most a stale "ok" ack within `ttlMs`. Delivery itself
 * never trusts this cache: relays go to the member's own per-meeting room, which the receiving
 * instance holds only while that socket is in that meeting.
 */
export class RemoteMemberCache {
  private readonly known: LRUCache<string, true>;

  constructor(
    private readonly presence: Presence,
    options: { ttlMs: number; max: number } = { ttlMs: 30_000, max: 100_000 },
  ) {
    this.known = new LRUCache({ max: options.max, ttl: options.ttlMs });
  }

  async has(meetingId: string, peerId: string): Promise<boolean> {
    const key = `${meetingId} ${peerId}`;
    if (this.known.get(key)) return true;
    const member = await this.presence.has(meetingId, peerId);
    if (member) this.known.set(key, true);
    return member;
  }

  forget(meetingId: string, peerId: string): void {
    this.known.delete(`${meetingId} ${peerId}`);
  }
}
