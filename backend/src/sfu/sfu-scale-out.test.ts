import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { JoinMeetingResult, MediaModeInfo, SfuTokenResult } from '../contract/protocol.js';
import type { RunningServer } from '../server.js';
import { connectTestDb, disconnectTestDb } from '../test/db.js';
import { planLivekit, signalOnlyParticipant, type TestLivekit } from '../test/livekit.js';
import { RedisServer } from '../../../testkit/redis-server.js';
import { waitUntil } from '../../../testkit/wait.js';
import { ClientPool, join, record, request as emit, startTestServer } from '../test/server.js';

// Two backend instances and two LiveKit nodes, all sharing one Redis: LiveKit's own multi-node
// mode. Instance A talks to node 1, instance B to node 2, as behind two load balancers.
const redis = new RedisServer();
let node1: TestLivekit;
let node2: TestLivekit;
let a: RunningServer;
let b: RunningServer;
const poolA = new ClientPool(() => a);
const poolB = new ClientPool(() => b);

function ok<T extends object>(ack: { ok: boolean }): asserts ack is { ok: true } & T {
  if (!ack.ok) throw new Error(`expected ok ack, got ${JSON.stringify(ack)}`);
}

beforeAll(async () => {
  await connectTestDb();
  await redis.start();
  node1 = await planLivekit();
  node2 = await planLivekit({ apiKey: node1.apiKey, apiSecret: node1.apiSecret });
  const shared = { REDIS_URL: redis.url, MESH_MAX_PARTICIPANTS: '2', REDIS_PRESENCE_LEASE_MS: '3000' };
  a = await startTestServer({ ...shared, ...node1.env });
  b = await startTestServer({ ...shared, ...node2.env });
  const redisAddress = redis.url.replace('redis://', '');
  await node1.start({ redisAddress, webhookUrl: `${a.url}/api/livekit/webhook` });
  await node2.start({ redisAddress, webhookUrl: `${b.url}/api/livekit/webhook` });
});
afterEach(() => {
  poolA.closeAll();
  poolB.closeAll();
});
afterAll(async () => {
  await a?.close();
  await b?.close();
  await node1?.stop();
  await node2?.stop();
  await redis.stop();
  await disconnectTestDb();
});

describe('two backend instances and two LiveKit nodes over Redis', () => {
  it('when people join one meeting through both instances at once, then both instances agree on the mode and everyone ends on the SFU', async () => {
    const meetingId = (await a.meetings.create({})).meetingId;
    const sockets = await Promise.all([poolA.connect(), poolB.connect(), poolA.connect(), poolB.connect(), poolA.connect(), poolB.connect()]);
    const events = sockets.map((s) => record<MediaModeInfo>(s, 'media-mode'));
    const acks = await Promise.all(sockets.map((s, i) => join(s, meetingId, `P${i}`)));
    for (const ack of acks) ok<JoinMeetingResult>(ack);
    await waitUntil(
      () => acks.every((ack, i) => (ack as JoinMeetingResult).mediaMode.mode === 'sfu' || events[i]!.length > 0),
      5000,
      'everyone on the SFU',
    );
    for (const e of events) expect(e.length).toBeLessThanOrEqual(1);
    expect((await a.sfu.media.current(meetingId)).mode).toBe('sfu');
    expect((await b.sfu.media.current(meetingId)).mode).toBe('sfu');
  });

  it('when people arrive through different instances and nodes, then they are in one LiveKit room', async () => {
    const meetingId = (await a.meetings.create({})).meetingId;
    const viaA = [await poolA.connect(), await poolA.connect()];
    const viaB = [await poolB.connect()];
    for (const [i, s] of [...viaA, ...viaB].entries()) ok(await join(s, meetingId, `P${i}`));
    const tokenA = await emit<SfuTokenResult>(viaA[0]!, 'sfu-token', { meetingId });
    const tokenB = await emit<SfuTokenResult>(viaB[0]!, 'sfu-token', { meetingId });
    ok<SfuTokenResult>(tokenA);
    ok<SfuTokenResult>(tokenB);
    expect(tokenA.url).toBe(node1.url);
    expect(tokenB.url).toBe(node2.url);
    await signalOnlyParticipant(tokenA.url, tokenA.token);
    await signalOnlyParticipant(tokenB.url, tokenB.token);
    const expected = [viaA[0]!.id, viaB[0]!.id].sort();
    await waitUntil(async () => JSON.stringify((await a.sfu.rooms!.participants(meetingId)).sort()) === JSON.stringify(expected), 3000, 'both in the room, seen from node 1');
    expect((await b.sfu.rooms!.participants(meetingId)).sort()).toEqual(expected);
  });
});
