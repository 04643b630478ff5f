import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../server.js';
import { connectTestDb, disconnectTestDb } from '../test/db.js';
import { RedisServer } from '../../../testkit/redis-server.js';
import { waitUntil } from '../../../testkit/wait.js';
import { connectClient, request, startTestServer, testConfig, type TestClient } from '../test/server.js';
import { createSocketLimiters, take } from './socket-limiters.js';

// Two instances behind one Redis, as behind a load balancer: one client address spreading its
// attempts over both must still get the configured budget in total, not once per instance.
const JOINS_PER_MINUTE = 4;
const redis = new RedisServer();
let a: RunningServer;
let b: RunningServer;
const clients: TestClient[] = [];

beforeAll(async () => {
  await connectTestDb();
  await redis.start();
  const env = {
    REDIS_URL: redis.url,
    RATE_LIMIT_JOINS_PER_MINUTE: String(JOINS_PER_MINUTE),
    RATE_LIMIT_CONNECTION_CHECKS_PER_MINUTE: String(JOINS_PER_MINUTE),
  };
  a = await startTestServer(env);
  b = await startTestServer(env);
});
afterAll(async () => {
  for (const c of clients) c.disconnect();
  await a?.close();
  await b?.close();
  await redis.stop();
  await disconnectTestDb();
});

async function client(server: RunningServer): Promise<TestClient> {
  const c = await connectClient(server);
  clients.push(c);
  return c;
}

describe('socket rate limits with Redis', () => {
  it('when one address alternates connection checks, then joins between two instances, then each budget is shared and the next attempt on either is RATE_LIMITED', async () => {
    const meetingId = (await a.meetings.create({})).meetingId;
    const atA = await client(a);
    const atB = await client(b);
    const codes: string[] = [];
    // Connection checks have their own per-address budget (issue 15), shared across instances too.
    for (let i = 0; i < JOINS_PER_MINUTE; i++) {
      const ack = await request(i % 2 === 0 ? atA : atB, 'check-connection', { meetingId });
      codes.push(ack.ok ? 'ok' : ack.error.code);
    }
    // Each instance has seen only half the budget; alone, each would still admit.
    expect(codes).toEqual(Array(JOINS_PER_MINUTE).fill('ok'));
    expect(await request(atA, 'check-connection', { meetingId })).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } });
    // Joins still have all of theirs, shared the same way.
    for (let i = 0; i < JOINS_PER_MINUTE; i++) {
      const at = i % 2 === 0 ? atA : atB;
      expect(await request(at, 'join-meeting', { meetingId, displayName: `P${i}` })).toMatchObject({ ok: true });
      expect(await request(at, 'leave-meeting')).toMatchObject({ ok: true });
    }
    expect(await request(atB, 'join-meeting', { meetingId, displayName: 'Late' })).toMatchObject({
      ok: false,
      error: { code: 'RATE_LIMITED' },
    });
  });

  it('when Redis goes away, then joins are budgeted per instance in memory at once instead of queueing behind Redis', async () => {
    const doomed = await new RedisServer().start();
    const client = createClient({ url: doomed.url });
    client.on('error', () => {}); // reconnect attempts are expected here
    await client.connect();
    const limiters = createSocketLimiters({ ...testConfig().rateLimits, joinsPerMinute: 2 }, client);
    await doomed.stop();
    await waitUntil(() => !client.isReady, 5000, 'the client to notice Redis is gone');

    const answers = Promise.all([take(limiters.joins, 'addr'), take(limiters.joins, 'addr'), take(limiters.joins, 'addr')]);
    // node-redis would hold the commands in its offline queue until Redis returns: a hang, not an answer.
    const answered = await Promise.race([answers, new Promise<'hung'>((r) => setTimeout(() => r('hung'), 2000))]);
    expect(answered).toEqual([true, true, false]);
    client.destroy();
  });
});
