import { LRUCache } from 'lru-cache';
import type { MeetingDoc } from './meeting.model.js';

export interface MeetingCacheOptions {
  /** How long an answer (found or not) is reused: the bound on serving a deleted meeting. */
  ttlMs: number;
  /** Entries kept at most (≈ 0.5 kB each). */
  max: number;
}

/**
 * A small per-process cache of meeting lookups, positive and negative. Meetings are looked up
 * far more often than they change (the lobby polls its meeting, every join checks it), and the
 * database round trip is most of a lookup's cost (docs/benchmarks.md). Concurrent lookups of one
 * ID share a single query. Nothing invalidates entries across instances: a meeting deleted or
 * created elsewhere is seen within `ttlMs`, and an expired one never (its `expiresAt` is checked
 * on every read, ahead of MongoDB's TTL monitor, which may lag by a minute).
 */
export class MeetingCache {
  // lru-cache stores no null/undefined: wrap, so "no such meeting" is cached too.
  private readonly cache: LRUCache<string, { doc: MeetingDoc | null }>;

  constructor(
    options: MeetingCacheOptions,
    private readonly load: (meetingId: string) => Promise<MeetingDoc | null>,
  ) {
    this.cache = new LRUCache({
      max: options.max,
      ttl: options.ttlMs,
      // Expiry is checked against the clock on read (no timers); stale entries are never served.
      ttlAutopurge: false,
      // A delete or set while a lookup of that ID is in flight (a join touching the meeting)
      // must not fail that lookup: let it finish and answer.
      ignoreFetchAbort: true,
      fetchMethod: async (meetingId) => ({ doc: await this.load(meetingId) }),
    });
  }

  async get(meetingId: string): Promise<MeetingDoc | null> {
    const entry = await this.cache.fetch(meetingId);
    const doc = entry?.doc ?? null;
    if (doc && doc.expiresAt.getTime() <= Date.now()) return null;
    return doc;
  }

  /** This instance changed the meeting: drop or replace what it remembered. */
  set(meetingId: string, doc: MeetingDoc | null): void {
    this.cache.set(meetingId, { doc });
  }

  delete(meetingId: string): void {
    this.cache.delete(meetingId);
  }
}
