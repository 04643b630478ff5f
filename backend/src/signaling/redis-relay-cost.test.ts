import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SdpRelay } from '../contract/protocol.js';
import type { RunningServer } from '../server.js';
import { connectTestDb, disconnectTestDb } from '../test/db.js';
import { connectClient, join, record, request, startTestServer, type TestClient } from '../test/server.js';
import { RedisServer } from '../../../testkit/redis-server.js';
import { waitUntil as waitFor } from '../../../testkit/wait.js';

// What one relayed message costs in Redis with two instances: a relay to a member on the same
// instance must not touch Redis at all, and the membership check of a relay to another
// instance must not be a Redis round trip per message.
const N = 60;
/** The streams adapter's one stream (its default name), read by every instance. */
const ADAPTER_STREAM = 'socket.io';
const redis = new RedisServer();
let spy: ReturnType<typeof createClient>;
let a: RunningServer;
let b: RunningServer;
const clients: TestClient[] = [];

beforeAll(async () => {
  await connectTestDb();
  await redis.start();
  spy = createClient({ url: redis.url });
  await spy.connect();
  // A long lease keeps heartbeat scripts out of the counts below; the relays below come faster
  // than the default per-connection event budget.
  const env = { REDIS_URL: redis.url, REDIS_PRESENCE_LEASE_MS: '60000', RATE_LIMIT_SOCKET_EVENTS_PER_SECOND: '100000' };
  a = await startTestServer(env);
  b = await startTestServer(env);
});
afterAll(async () => {
  for (const c of clients) c.disconnect();
  await a?.close();
  await b?.close();
  await spy?.close();
  await redis?.stop();
  await disconnectTestDb();
});

/** Calls per Redis command since the server started (INFO commandstats). */
async function commandCounts(): Promise<Record<string, number>> {
  const info = await spy.info('commandstats');
  return Object.fromEntries([...info.matchAll(/^cmdstat_([^:]+):calls=(\d+)/gm)].map((m) => [m[1]!, Number(m[2])]));
}

async function delta(act: () => Promise<void>): Promise<(cmd: string) => number> {
  const before = await commandCounts();
  await act();
  const after = await commandCounts();
  return (cmd) => (after[cmd] ?? 0) - (before[cmd] ?? 0);
}

const offer = (to: string, i: number) => ({ to, sdp: `v=0\r\no=- ${i} 2 IN IP4 127.0.0.1\r\n` });

describe('relay cost with two instances', () => {
  it('when members relay to each other, then same-instance relays skip Redis and cross-instance ones check membership once and reach only the addressee\'s instance', async () => {
    const meetingId = (await a.meetings.create({})).meetingId;
    const alice = await connectClient(a);
    const carol = await connectClient(a);
    const bob = await connectClient(b);
    clients.push(alice, carol, bob);
    for (const [c, name] of [[alice, 'Alice'], [carol, 'Carol'], [bob, 'Bob']] as const) expect((await join(c, meetingId, name)).ok).toBe(true);
    const atCarol = record<SdpRelay>(carol, 'offer');
    const atBob = record<SdpRelay>(bob, 'offer');

    const local = await delta(async () => {
      for (let i = 0; i < N; i++) expect(await request(alice, 'offer', offer(carol.id!, i))).toEqual({ ok: true });
      await waitFor(() => atCarol.length === N, 5000, 'offers at Carol');
    });
    // The adapter's own heartbeat may add an XADD now and then; a relay through Redis would add N.
    expect(local('xadd')).toBeLessThanOrEqual(2);
    expect(local('hexists')).toBe(0);
    expect(atCarol.map((m) => m.from)).toEqual(Array(N).fill(alice.id));

    const sharedBefore = await spy.xLen(ADAPTER_STREAM);
    const remote = await delta(async () => {
      for (let i = 0; i < N; i++) expect(await request(alice, 'offer', offer(bob.id!, i))).toEqual({ ok: true });
      await waitFor(() => atBob.length === N, 5000, 'offers at Bob');
    });
    expect(remote('hexists') + remote('hget') + remote('evalsha')).toBeLessThanOrEqual(1);
    // Addressed to Bob's instance only: appended to its inbox, not to the adapter's stream that
    // every instance reads and decodes.
    expect(remote('xadd')).toBeGreaterThanOrEqual(N);
    expect((await spy.xLen(ADAPTER_STREAM)) - sharedBefore).toBeLessThanOrEqual(2);
    expect(atBob.map((m) => m.from)).toEqual(Array(N).fill(alice.id));
  });

  it('when a member on the other instance leaves and joins another meeting, then relays from the first meeting no longer reach it', async () => {
    const first = (await a.meetings.create({})).meetingId;
    const second = (await a.meetings.create({})).meetingId;
    const alice = await connectClient(a);
    const bob = await connectClient(b);
    clients.push(alice, bob);
    expect((await join(alice, first, 'Alice')).ok).toBe(true);
    expect((await join(bob, first, 'Bob')).ok).toBe(true);
    const atBob = record<SdpRelay>(bob, 'offer');
    expect(await request(alice, 'offer', offer(bob.id!, 1))).toEqual({ ok: true }); // now cached on A
    await waitFor(() => atBob.length === 1, 5000, 'first offer at Bob');
    atBob.splice(0);

    expect(await request(bob, 'leave-meeting')).toEqual({ ok: true });
    expect((await join(bob, second, 'Bob')).ok).toBe(true);

    await waitFor(async () => (await request(alice, 'offer', offer(bob.id!, 2))).ok === false, 5000, 'PEER_NOT_FOUND once B announced the leave');
    expect(await request(alice, 'offer', offer(bob.id!, 3))).toMatchObject({ ok: false, error: { code: 'PEER_NOT_FOUND' } });
    // Give any stray relay time to arrive: a marker sent after it, on the same path, arrives after it.
    const carol = await connectClient(b);
    clients.push(carol);
    expect((await join(carol, first, 'Carol')).ok).toBe(true);
    const atCarol = record<SdpRelay>(carol, 'offer');
    expect(await request(alice, 'offer', offer(carol.id!, 4))).toEqual({ ok: true });
    await waitFor(() => atCarol.length === 1, 5000, 'marker at Carol');
    expect(atBob).toHaveLength(0);
  });
});
