import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectTestDb, disconnectTestDb } from '../test/db.js';
import { MeetingCache } from './meeting-cache.js';
import { Meeting, type MeetingDoc } from './meeting.model.js';
import { MeetingService, generateMeetingId } from './meeting.service.js';

/** The lookup cache may reuse an answer for its TTL, never longer, and never serves an expired meeting. */
const TTL_MS = 1000;
const service = new MeetingService({ ttlDays: 30, maxParticipants: 6, participantCount: async () => 0, cache: { ttlMs: TTL_MS } });

beforeAll(connectTestDb);
afterAll(disconnectTestDb);

/** Polls `check` until it holds; returns how long that took, or throws after `deadlineMs`. */
async function msUntil(check: () => Promise<boolean>, deadlineMs: number): Promise<number> {
  const start = Date.now();
  while (!(await check())) {
    if (Date.now() - start > deadlineMs) throw new Error(`condition not met within ${deadlineMs} ms`);
    await new Promise((r) => setTimeout(r, 10));
  }
  return Date.now() - start;
}

describe('meeting lookup cache', () => {
  it('when a meeting is deleted behind this process (another instance, TTL monitor), then lookups stop finding it within the TTL', async () => {
    const { meetingId } = await service.create({});
    expect(await service.find(meetingId)).not.toBeNull();
    await Meeting.deleteOne({ meetingId });
    // Served from the cache right after the deletion: the cache is really in the path.
    expect(await service.find(meetingId)).not.toBeNull();
    const deletedAt = Date.now();
    await msUntil(async () => (await service.find(meetingId)) === null, 5000);
    expect(Date.now() - deletedAt).toBeLessThanOrEqual(TTL_MS + 500);
  });

  it('when a meeting created elsewhere was looked up before it existed, then it is found within the TTL', async () => {
    const meetingId = generateMeetingId();
    expect(await service.find(meetingId)).toBeNull();
    const now = new Date();
    await Meeting.create({ meetingId, title: null, createdAt: now, lastActiveAt: now, expiresAt: new Date(now.getTime() + 60_000) });
    const createdAt = Date.now();
    await msUntil(async () => (await service.find(meetingId)) !== null, 5000);
    expect(Date.now() - createdAt).toBeLessThanOrEqual(TTL_MS + 500);
  });

  it('when a cached meeting passes its expiresAt, then it is not served even though the document is still there', async () => {
    const meetingId = generateMeetingId();
    const now = new Date();
    const expiresAt = new Date(now.getTime() + 150);
    await Meeting.create({ meetingId, title: null, createdAt: now, lastActiveAt: now, expiresAt });
    expect(await service.find(meetingId)).not.toBeNull();
    await msUntil(async () => Date.now() > expiresAt.getTime(), 1000);
    expect(await service.find(meetingId)).toBeNull();
    expect(await Meeting.exists({ meetingId })).not.toBeNull();
  });

  it('when many lookups of one ID arrive at once, then they share one database query', async () => {
    const { meetingId } = await service.create({});
    const fresh = new MeetingService({ ttlDays: 30, maxParticipants: 6, participantCount: async () => 0, cache: { ttlMs: 60_000 } });
    const findOne = Meeting.collection.findOne.bind(Meeting.collection);
    let queries = 0;
    Meeting.collection.findOne = ((...args: Parameters<typeof findOne>) => {
      queries++;
      return findOne(...args);
    }) as typeof findOne;
    try {
      const found = await Promise.all(Array.from({ length: 20 }, () => fresh.find(meetingId)));
      expect(found.every((d) => d?.meetingId === meetingId)).toBe(true);
      expect(queries).toBe(1);
    } finally {
      Meeting.collection.findOne = findOne;
    }
  });

  it('when an entry is dropped while its lookup is in flight (a join touching the meeting), then the lookup still answers', async () => {
    const now = new Date();
    const doc: MeetingDoc = { meetingId: 'aaaaa-bbbbb-ccccc', title: null, createdAt: now, lastActiveAt: now, expiresAt: new Date(now.getTime() + 60_000), locked: false, coHosts: [], removed: [] };
    let release!: () => void;
    const cache = new MeetingCache({ ttlMs: 1000, max: 10 }, () => new Promise((r) => (release = () => r(doc))));
    const pending = cache.get(doc.meetingId);
    cache.delete(doc.meetingId);
    release();
    expect(await pending).toEqual(doc);
  });

  it('when the cache is off (ttlMs 0), then a deletion is seen at once', async () => {
    const uncached = new MeetingService({ ttlDays: 30, maxParticipants: 6, participantCount: async () => 0, cache: { ttlMs: 0 } });
    const { meetingId } = await uncached.create({});
    expect(await uncached.find(meetingId)).not.toBeNull();
    await Meeting.deleteOne({ meetingId });
    expect(await uncached.find(meetingId)).toBeNull();
  });
});
