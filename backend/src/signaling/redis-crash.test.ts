import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UserLeft } from '../contract/protocol.js';
import { Attendance } from '../meetings/attendance.model.js';
import type { RunningServer } from '../server.js';
import { connectTestDb, disconnectTestDb } from '../test/db.js';
import { connectClient, join, nextEvent, startTestServer, type TestClient } from '../test/server.js';
import { BackendProcess } from '../../../testkit/backend-process.js';
import { fromRoot } from '../../../testkit/paths.js';
import { RedisServer } from '../../../testkit/redis-server.js';

// An instance crash with the DEFAULT lease settings (no REDIS_PRESENCE_LEASE_MS anywhere): the
// survivors must see the crashed instance's people leave within 3 s, and close their attendance.
const redis = new RedisServer();
let mongoUri: string;
let survivor: RunningServer;
let crashing: BackendProcess;
const clients: TestClient[] = [];

beforeAll(async () => {
  mongoUri = await connectTestDb();
  await redis.start();
  survivor = await startTestServer({ REDIS_URL: redis.url });
  // A real backend process (`src/index.ts`) with no REDIS_PRESENCE_LEASE_MS: the default lease.
  const env = { REDIS_URL: redis.url, NODE_ENV: 'test', LOG_LEVEL: 'info', SERVE_FRONTEND: 'false', RATE_LIMIT_JOINS_PER_MINUTE: '100000' };
  crashing = new BackendProcess(mongoUri, env, { entry: fromRoot('backend/src/index.ts'), readyTimeoutMs: 50_000 });
  await crashing.start();
}, 90_000);
afterAll(async () => {
  for (const c of clients) c.disconnect();
  await crashing?.kill();
  await survivor?.close();
  await redis?.stop();
  await disconnectTestDb();
});

async function waitFor<T>(probe: () => Promise<T | null | undefined>, ms: number, what: string): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('instance crash with default settings', () => {
  it('when an instance is killed, then within 3 s the survivors see its people leave, and their attendance gets closed, also in a meeting it alone served', async () => {
    const meetingId = (await survivor.meetings.create({})).meetingId;
    // Carol's meeting has nobody on the survivor: no survivor touches it unless it sweeps.
    const lonelyMeetingId = (await survivor.meetings.create({})).meetingId;
    const alice = await connectClient(survivor);
    const bob = await connectClient(crashing as unknown as RunningServer);
    const carol = await connectClient(crashing as unknown as RunningServer);
    clients.push(alice, bob, carol);
    expect((await join(alice, meetingId, 'Alice')).ok).toBe(true);
    expect((await join(bob, meetingId, 'Bob')).ok).toBe(true);
    expect((await join(carol, lonelyMeetingId, 'Carol')).ok).toBe(true);
    const bobId = bob.id!;
    const carolId = carol.id!;
    // The crashing instance has written Bob's and Carol's open records before it dies.
    await waitFor(() => Attendance.findOne({ meetingId, participantId: bobId, leftAt: null }).lean(), 10_000, "Bob's open attendance");
    await waitFor(() => Attendance.findOne({ meetingId: lonelyMeetingId, participantId: carolId, leftAt: null }).lean(), 10_000, "Carol's open attendance");
    const left = nextEvent<UserLeft>(alice, 'user-left', 10_000);

    const killedAt = Date.now();
    await crashing.kill();

    expect(await left).toEqual({ id: bobId, reason: 'disconnected' });
    expect(Date.now() - killedAt).toBeLessThan(3000);
    const closed = await waitFor(
      async () => {
        const record = await Attendance.findOne({ meetingId, participantId: bobId }).lean();
        return record?.leftAt ? record : null;
      },
      5000,
      "Bob's attendance closed by the survivor",
    );
    expect(closed.leaveReason).toBe('server-lost');
    const carolClosed = await waitFor(
      async () => {
        const record = await Attendance.findOne({ meetingId: lonelyMeetingId, participantId: carolId }).lean();
        return record?.leftAt ? record : null;
      },
      5000,
      "Carol's attendance closed by the survivor's sweep",
    );
    expect(carolClosed.leaveReason).toBe('server-lost');
    expect(await survivor.presence.count(lonelyMeetingId)).toBe(0);
    // Alice, on the survivor, is still in.
    expect(await Attendance.findOne({ meetingId, participantId: alice.id, leftAt: null }).lean()).not.toBeNull();
  });
});
