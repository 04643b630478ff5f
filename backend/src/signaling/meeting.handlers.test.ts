import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { JoinMeetingResult, PeerInfo, UserLeft } from '../contract/protocol.js';
import { createLogger } from '../lib/logger.js';
import { Attendance } from '../meetings/attendance.model.js';
import { startServer, type RunningServer } from '../server.js';
import { connectTestDb, disconnectTestDb } from '../test/db.js';
import { waitUntil } from '../../../testkit/wait.js';
import { ClientPool, join, nextEvent, record, request, testConfig } from '../test/server.js';
import { MemoryPresence } from './presence.js';

/**
 * In-memory presence whose first roster listing after the next seat fails, as a Redis hiccup
 * would (the listing before seating, for duplicate names, still works).
 */
class FlakyPresence extends MemoryPresence {
  failNextList = false;
  private armed = false;

  override async tryAdd(...args: Parameters<MemoryPresence['tryAdd']>): Promise<boolean> {
    const seated = await super.tryAdd(...args);
    if (this.failNextList) [this.armed, this.failNextList] = [true, false];
    return seated;
  }

  override async list(meetingId: string): Promise<PeerInfo[]> {
    if (this.armed) {
      this.armed = false;
      throw new Error('injected: roster unavailable');
    }
    return super.list(meetingId);
  }
}

const presence = new FlakyPresence();
let server: RunningServer;
const pool = new ClientPool(() => server);

beforeAll(async () => {
  await connectTestDb();
  server = await startServer(testConfig(), createLogger('silent'), presence);
});
afterEach(() => {
  pool.closeAll();
});
afterAll(async () => {
  await server.close();
  await disconnectTestDb();
});

describe('join is all or nothing', () => {
  it('when the roster cannot be listed after the others were told, then the joiner is unseated, the others see it leave, and a retry gets in', async () => {
    const meetingId = (await server.meetings.create({})).meetingId;
    const alice = await pool.connect();
    const bob = await pool.connect();
    expect(await join(alice, meetingId, 'Alice')).toMatchObject({ ok: true });
    const joined = record<PeerInfo>(alice, 'user-joined');
    const left = record<UserLeft>(alice, 'user-left');

    presence.failNextList = true;
    expect(await join(bob, meetingId, 'Bob')).toEqual({
      ok: false,
      error: { code: 'INTERNAL', message: 'Something went wrong on our side.' },
    });
    await waitUntil(() => left.length === 1, 3000, 'user-left for the failed joiner');
    expect(joined.map((p) => p.id)).toEqual([bob.id]);
    expect(left).toEqual([{ id: bob.id, reason: 'disconnected' }]);
    expect(await server.presence.count(meetingId)).toBe(1);

    const rejoinedAtAlice = nextEvent<PeerInfo>(alice, 'user-joined');
    const retry = await join(bob, meetingId, 'Bob');
    expect(retry).toMatchObject({ ok: true, peers: [expect.objectContaining({ id: alice.id })] });
    expect((await rejoinedAtAlice).id).toBe(bob.id);
    expect(await server.presence.count(meetingId)).toBe(2);

    // The failed attempt's attendance record is closed, not left open forever.
    await server.attendance.drained();
    const records = await Attendance.find({ meetingId, participantId: bob.id }).sort({ joinedAt: 1 }).lean();
    expect(records.map((r) => r.leaveReason)).toEqual(['join-failed', null]);
  });
});

describe('error acks carry their own message', () => {
  it('when a display name is over the limit, then VALIDATION_FAILED says which field and what limit', async () => {
    const meetingId = (await server.meetings.create({})).meetingId;
    const c = await pool.connect();
    const ack = await join(c, meetingId, 'x'.repeat(41));
    expect(ack).toEqual({ ok: false, error: { code: 'VALIDATION_FAILED', message: expect.stringMatching(/displayName/) } });
    expect(ack.ok === false && ack.error.message).toMatch(/at most 40 characters/);
  });

  it('when a chat payload has the wrong shape, then VALIDATION_FAILED names the field and the expected type', async () => {
    const meetingId = (await server.meetings.create({})).meetingId;
    const c = await pool.connect();
    expect(await join(c, meetingId, 'Carol')).toMatchObject({ ok: true });
    const ack = await request(c, 'chat-message', { text: 42 });
    expect(ack).toEqual({ ok: false, error: { code: 'VALIDATION_FAILED', message: expect.stringMatching(/expected string.*text/) } });
  });

  it('when a member event comes from outside a meeting, then NOT_IN_MEETING says to join first', async () => {
    const c = await pool.connect();
    expect(await request<JoinMeetingResult>(c, 'media-state', { audio: true, video: true, screen: false })).toEqual({
      ok: false,
      error: { code: 'NOT_IN_MEETING', message: 'Join a meeting first.' },
    });
  });
});
