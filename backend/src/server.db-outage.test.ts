import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MONGO_OPTIONS } from './lib/db.js';
import { Attendance } from './meetings/attendance.model.js';
import type { Ack, JoinMeetingResult, SdpRelay } from './contract/protocol.js';
import type { RunningServer } from './server.js';
import { startRestartableMongo, type RestartableMongo } from '../../testkit/restartable-mongo.js';
import { waitUntil } from '../../testkit/wait.js';
import { ClientPool, join, nextEvent, request, startTestServer, type TestClient } from './test/server.js';

/**
 * MongoDB disappears under a running server and comes back. The server must degrade (503 fast,
 * signaling between people already connected keeps working), then heal without a restart, and
 * not lose the attendance written in between.
 */
let db: RestartableMongo;
let server: RunningServer;
const pool = new ClientPool(() => server);
const client = () => pool.connect();

/** Timed fetch against the running server. */
async function timed(path: string, init?: RequestInit): Promise<{ status: number; body: { error?: { code: string } }; ms: number }> {
  const started = Date.now();
  const res = await fetch(`${server.url}${path}`, init);
  const body = (await res.json()) as { error?: { code: string } };
  return { status: res.status, body, ms: Date.now() - started };
}

/** Acks during an outage may wait for the driver's server selection (3 s): allow more than `request`. */
function slowRequest<T extends object>(socket: TestClient, event: string, ...args: unknown[]): Promise<Ack<T>> {
  const untyped = socket as unknown as { timeout(ms: number): { emitWithAck(ev: string, ...a: unknown[]): Promise<Ack<T>> } };
  return untyped.timeout(10_000).emitWithAck(event, ...args);
}

beforeAll(async () => {
  db = await startRestartableMongo();
  await mongoose.connect(db.uri, MONGO_OPTIONS);
  await Promise.all(Object.values(mongoose.models).map((m) => m.init()));
  server = await startTestServer({ LOG_LEVEL: 'error' });
});
afterAll(async () => {
  pool.closeAll();
  await server?.close();
  await mongoose.disconnect();
  await db?.dispose();
});

describe('MongoDB outage while running', () => {
  it('when MongoDB goes away, then the API answers 503 fast, health stays up, and members keep relaying; when it returns, everything heals and queued attendance lands', async () => {
    // Arrange: a meeting with two members, their attendance written.
    const created = await timed('/api/meetings', { method: 'POST' });
    expect(created.status).toBe(201);
    const meetingId = (created.body as unknown as { meetingId: string }).meetingId;
    const [alice, bob] = [await client(), await client()];
    expect(await join(alice, meetingId, 'Alice')).toMatchObject({ ok: true });
    expect(await join(bob, meetingId, 'Bob')).toMatchObject({ ok: true });
    await server.attendance.drained();

    // Act: the database goes down.
    await db.stop();

    // Assert: 503 DATABASE_UNAVAILABLE within 5 s, for creation and lookup alike.
    const post = await timed('/api/meetings', { method: 'POST' });
    expect(post).toMatchObject({ status: 503, body: { error: { code: 'DATABASE_UNAVAILABLE' } } });
    expect(post.ms).toBeLessThan(5000);
    const get = await timed(`/api/meetings/${meetingId}`);
    expect(get).toMatchObject({ status: 503, body: { error: { code: 'DATABASE_UNAVAILABLE' } } });
    expect(get.ms).toBeLessThan(5000);
    await waitUntil(async () => (await timed('/readyz')).status === 503, 5000, '/readyz to report the outage');
    expect(await timed('/readyz')).toMatchObject({ status: 503, body: { status: 'unavailable', db: 'down' } });
    expect((await timed('/healthz')).status).toBe(200);

    // Members already in the meeting keep negotiating: signaling needs no database.
    const offer = nextEvent<SdpRelay>(bob, 'offer');
    expect(await request(alice, 'offer', { to: bob.id, sdp: 'v=0 during outage' })).toEqual({ ok: true });
    expect(await offer).toEqual({ from: alice.id, sdp: 'v=0 during outage' });

    // Someone joins the populated meeting and leaves again while the database is away.
    const carol = await client();
    const joined = await slowRequest<JoinMeetingResult>(carol, 'join-meeting', { meetingId, displayName: 'Carol' });
    expect(joined).toMatchObject({ ok: true, meetingId });
    const carolId = carol.id!;
    expect(await slowRequest(carol, 'leave-meeting')).toEqual({ ok: true });
    expect(server.attendance.pending).toBeGreaterThanOrEqual(2);

    // The database returns: the same process recovers by itself.
    const downAt = Date.now();
    await db.start();
    await waitUntil(async () => (await timed('/api/meetings', { method: 'POST' })).status === 201, 30_000, 'the API to recover');
    const recoveredAfterMs = Date.now() - downAt;
    expect(recoveredAfterMs).toBeLessThan(30_000);
    expect((await timed('/readyz')).status).toBe(200);

    // The writes queued during the outage land. mongo-java-server is in-memory, so a restart
    // loses what was written before the outage; the records written during it are what we check.
    await waitUntil(async () => server.attendance.pending === 0, 20_000, 'queued attendance writes to drain');
    const record = await Attendance.findOne({ meetingId, participantId: carolId }).lean();
    expect(record).toMatchObject({ displayName: 'Carol', leaveReason: 'left' });
    expect(record!.leftAt!.getTime()).toBeGreaterThanOrEqual(record!.joinedAt.getTime());
  }, 90_000);
});
