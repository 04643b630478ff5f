import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UserLeft } from '../contract/protocol.js';
import { Attendance } from '../meetings/attendance.model.js';
import type { RunningServer } from '../server.js';
import { connectTestDb, disconnectTestDb } from '../test/db.js';
import { freePort, startRedis, waitForOutput, type TestRedis } from '../test/redis.js';
import { connectClient, join, nextEvent, startTestServer, type TestClient } from '../test/server.js';

// An instance crash with the DEFAULT lease settings (no REDIS_PRESENCE_LEASE_MS anywhere): the
// survivors must see the crashed instance's people leave within 3 s, and close their attendance.
let redis: TestRedis;
let mongoUri: string;
let survivor: RunningServer;
let crashing: { url: string; process: ChildProcess };
const clients: TestClient[] = [];

beforeAll(async () => {
  mongoUri = await connectTestDb();
  redis = await startRedis();
  survivor = await startTestServer({ REDIS_URL: redis.url });
  crashing = await spawnInstance();
}, 90_000);
afterAll(async () => {
  for (const c of clients) c.disconnect();
  crashing?.process.kill('SIGKILL');
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
  it('when an instance is killed, then within 3 s the survivors see its people leave, and their attendance gets closed', async () => {
    const meetingId = (await survivor.meetings.create({})).meetingId;
    const alice = await connectClient(survivor);
    const bob = await connectClient(crashing as unknown as RunningServer);
    clients.push(alice, bob);
    expect((await join(alice, meetingId, 'Alice')).ok).toBe(true);
    expect((await join(bob, meetingId, 'Bob')).ok).toBe(true);
    const bobId = bob.id!;
    // The crashing instance has written Bob's open record before it dies.
    await waitFor(() => Attendance.findOne({ meetingId, participantId: bobId, leftAt: null }).lean(), 10_000, "Bob's open attendance");
    const left = nextEvent<UserLeft>(alice, 'user-left', 10_000);

    const killedAt = Date.now();
    crashing.process.kill('SIGKILL');

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
    // Alice, on the survivor, is still in.
    expect(await Attendance.findOne({ meetingId, participantId: alice.id, leftAt: null }).lean()).not.toBeNull();
  });
});

/** A real backend process (`src/index.ts`) on the same Redis and MongoDB, defaults otherwise. */
async function spawnInstance(): Promise<{ url: string; process: ChildProcess }> {
  const port = await freePort();
  const backendDir = fileURLToPath(new URL('../..', import.meta.url));
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.REDIS_PRESENCE_LEASE_MS;
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/index.ts'], {
    cwd: backendDir,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...env,
      REDIS_URL: redis.url,
      NODE_ENV: 'test',
      LOG_LEVEL: 'info',
      PORT: String(port),
      HOST: '127.0.0.1',
      MONGO_URI: mongoUri,
      RATE_LIMIT_JOINS_PER_MINUTE: '100000',
    },
  });
  await waitForOutput(child, /meet backend listening/, 50_000);
  child.stdout?.resume();
  child.stderr?.resume();
  return { url: `http://127.0.0.1:${port}`, process: child };
}
