import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { JoinMeetingResult, PeerRecording, UserLeft } from '../contract/protocol.js';
import type { RunningServer } from '../server.js';
import { connectTestDb, disconnectTestDb } from '../test/db.js';
import { RedisServer } from '../../../testkit/redis-server.js';
import { connectClient, join, nextEvent, ok, request, startTestServer, type TestClient } from '../test/server.js';

// The recording flag across two backend instances sharing one Redis: it travels like media-state
// (presence entry + adapter broadcast), so a late joiner on the other instance sees it too.
const redis = new RedisServer();
let a: RunningServer;
let b: RunningServer;
const clients: TestClient[] = [];

async function client(server: RunningServer): Promise<TestClient> {
  const c = await connectClient(server);
  clients.push(c);
  return c;
}

beforeAll(async () => {
  await connectTestDb();
  await redis.start();
  const env = { REDIS_URL: redis.url, REDIS_PRESENCE_LEASE_MS: '1500' };
  a = await startTestServer(env);
  b = await startTestServer(env);
});
afterEach(() => {
  for (const c of clients.splice(0)) c.disconnect();
});
afterAll(async () => {
  await a?.close();
  await b?.close();
  await redis.stop();
  await disconnectTestDb();
});

describe('recording state with two instances sharing Redis', () => {
  it('when a member on one instance records, then members and late joiners on the other see it until it leaves', async () => {
    const meetingId = (await a.meetings.create({})).meetingId;
    const ana = await client(a);
    const ben = await client(b);
    ok(await join(ana, meetingId, 'Ana'));
    ok(await join(ben, meetingId, 'Ben'));

    const started = nextEvent<PeerRecording>(ben, 'peer-recording');
    ok(await request(ana, 'recording-state', { recording: true }));
    expect(await started).toEqual({ id: ana.id, recording: true });

    const late = await client(b);
    const ack = await join(late, meetingId, 'Late');
    ok<JoinMeetingResult>(ack);
    expect(ack.peers.find((p) => p.id === ana.id)?.recording).toBe(true);

    const anaId = ana.id;
    const left = nextEvent<UserLeft>(ben, 'user-left');
    ana.disconnect();
    expect((await left).id).toBe(anaId);
    const later = await client(b);
    const again = await join(later, meetingId, 'Later');
    ok<JoinMeetingResult>(again);
    expect(again.peers.some((p) => p.recording)).toBe(false);
  });

  it('when the same state is sent twice, then the shared store reports no change the second time', async () => {
    const meetingId = (await a.meetings.create({})).meetingId;
    const ana = await client(a);
    ok(await join(ana, meetingId, 'Ana'));
    const id = ana.id!;
    expect(await a.presence.setRecording(meetingId, id, true)).toBe(true);
    expect(await b.presence.setRecording(meetingId, id, true)).toBe(false);
    expect(await b.presence.setRecording(meetingId, id, false)).toBe(true);
    expect((await a.presence.list(meetingId))[0]?.recording).toBeUndefined();
    expect(await a.presence.setRecording(meetingId, 'nobody', true)).toBe(false);
  });
});
