import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatMessage, JoinMeetingResult, PeerInfo, PeerUpdated, SdpRelay, ServerNotice, UserLeft } from '../contract/protocol.js';
import type { RunningServer } from '../server.js';
import { useTwoInstances } from '../test/two-instances.js';
import { BackendProcess } from '../../../testkit/backend-process.js';
import { fromRoot } from '../../../testkit/paths.js';
import { join, nextEvent, ok, record, request, startTestServer } from '../test/server.js';

// Scale-out: two backend instances share one Redis (presence, chat, Socket.io adapter) and one
// MongoDB. Seats are capped at 2 so capacity races are cheap to provoke.
const LEASE_MS = 1500;

const cluster = useTwoInstances({ MAX_PARTICIPANTS: '2', REDIS_PRESENCE_LEASE_MS: String(LEASE_MS) });
const client = cluster.client;
let a: RunningServer;
let b: RunningServer;
beforeAll(() => {
  ({ a, b } = cluster);
});

function scaledEnv(): Record<string, string> {
  return { REDIS_URL: cluster.redis.url, MAX_PARTICIPANTS: '2', REDIS_PRESENCE_LEASE_MS: String(LEASE_MS) };
}

const newMeeting = async () => (await a.meetings.create({})).meetingId;

describe('two instances sharing Redis', () => {
  it('when participants join one meeting on different instances, then each sees the other', async () => {
    const meetingId = await newMeeting();
    const alice = await client(a);
    const bob = await client(b);
    ok(await join(alice, meetingId, 'Alice'));
    const joined = nextEvent<PeerInfo>(alice, 'user-joined');
    const ack = await join(bob, meetingId, 'Bob');
    ok<JoinMeetingResult>(ack);
    expect(ack.peers).toEqual([expect.objectContaining({ id: alice.id, displayName: 'Alice' })]);
    expect(await joined).toMatchObject({ id: bob.id, displayName: 'Bob' });
    expect(await a.presence.count(meetingId)).toBe(2);
    expect((await b.meetings.get(meetingId)).participantCount).toBe(2);
  });

  it('when offer, answer and candidates cross instances, then each reaches its addressee with from stamped', async () => {
    const meetingId = await newMeeting();
    const alice = await client(a);
    const bob = await client(b);
    ok(await join(alice, meetingId, 'Alice'));
    ok(await join(bob, meetingId, 'Bob'));

    const offer = nextEvent<SdpRelay>(bob, 'offer');
    ok(await request(alice, 'offer', { to: bob.id, sdp: 'v=0 offer', from: 'forged' }));
    expect(await offer).toEqual({ from: alice.id, sdp: 'v=0 offer' });

    const answer = nextEvent<SdpRelay>(alice, 'answer');
    ok(await request(bob, 'answer', { to: alice.id, sdp: 'v=0 answer' }));
    expect(await answer).toEqual({ from: bob.id, sdp: 'v=0 answer' });

    const candidate = { candidate: 'candidate:1 1 udp 2122260223 127.0.0.1 5000 typ host', sdpMid: '0', sdpMLineIndex: 0 };
    const cand = nextEvent(bob, 'ice-candidate');
    ok(await request(alice, 'ice-candidate', { to: bob.id, candidate }));
    expect(await cand).toEqual({ from: alice.id, candidate });
  });

  it('when a relay targets a member of another meeting on the other instance, then PEER_NOT_FOUND', async () => {
    const alice = await client(a);
    const mallory = await client(b);
    ok(await join(alice, await newMeeting(), 'Alice'));
    ok(await join(mallory, await newMeeting(), 'Mallory'));
    expect(await request(mallory, 'offer', { to: alice.id, sdp: 'x' })).toMatchObject({ ok: false, error: { code: 'PEER_NOT_FOUND' } });
  });

  it('when media, chat and a leave happen on one instance, then the other sees them and late joiners get the state', async () => {
    const meetingId = await newMeeting();
    const alice = await client(a);
    const bob = await client(b);
    ok(await join(alice, meetingId, 'Alice'));
    ok(await join(bob, meetingId, 'Bob'));

    const updated = nextEvent<PeerUpdated>(bob, 'peer-updated');
    ok(await request(alice, 'media-state', { audio: true, video: false, screen: true }));
    expect(await updated).toEqual({ id: alice.id, media: { audio: true, video: false, screen: true } });

    const atAlice = nextEvent<ChatMessage>(alice, 'chat-message');
    ok(await request(bob, 'chat-message', { text: 'hello across' }));
    const sent = await atAlice;
    expect(sent).toMatchObject({ from: bob.id, text: 'hello across' });

    const left = nextEvent<UserLeft>(alice, 'user-left');
    ok(await request(bob, 'leave-meeting'));
    expect(await left).toEqual({ id: bob.id, reason: 'left' });

    const carol = await client(b);
    const ack = await join(carol, meetingId, 'Carol');
    ok<JoinMeetingResult>(ack);
    expect(ack.chat).toEqual([sent]);
    expect(ack.peers).toEqual([expect.objectContaining({ id: alice.id, media: { audio: true, video: false, screen: true } })]);
  });

  it('when four people race for two seats on two instances, then exactly two get in', async () => {
    const meetingId = await newMeeting();
    const racers = await Promise.all([client(a), client(b), client(a), client(b)]);
    const acks = await Promise.all(racers.map((r, i) => join(r, meetingId, `R${i}`)));
    expect(acks.filter((x) => x.ok)).toHaveLength(2);
    expect(acks.filter((x) => !x.ok && x.error.code === 'MEETING_FULL')).toHaveLength(2);
    expect(await b.presence.count(meetingId)).toBe(2);
  });

  it('when a participant disconnects, then user-left reaches the other instance and the seat frees', async () => {
    const meetingId = await newMeeting();
    const alice = await client(a);
    const bob = await client(b);
    ok(await join(alice, meetingId, 'Alice'));
    ok(await join(bob, meetingId, 'Bob'));
    const bobId = bob.id;
    const left = nextEvent<UserLeft>(alice, 'user-left');
    bob.disconnect();
    expect(await left).toEqual({ id: bobId, reason: 'disconnected' });
    ok(await join(await client(b), meetingId, 'Bob again'));
  });
});

describe('an instance goes away mid-meeting', () => {
  let crashing: BackendProcess;
  // A real backend process (`src/index.ts`) on the same Redis and MongoDB, started from env alone.
  // Started up front: compiling and booting a backend process takes seconds on a busy machine.
  beforeAll(async () => {
    const env = { ...scaledEnv(), NODE_ENV: 'test', LOG_LEVEL: 'info', SERVE_FRONTEND: 'false' };
    crashing = new BackendProcess(cluster.mongoUri, env, { entry: fromRoot('backend/src/index.ts'), readyTimeoutMs: 50_000 });
    await crashing.start();
  });
  afterAll(() => crashing?.kill());

  it('when an instance shuts down, then the survivors see user-left and its people rejoin elsewhere', async () => {
    // A long lease: the user-left below must come from the clean shutdown, not from expiry.
    const c = await startTestServer({ ...scaledEnv(), REDIS_PRESENCE_LEASE_MS: '60000' });
    const meetingId = await newMeeting();
    const alice = await client(a);
    const bob = await client(c);
    ok(await join(alice, meetingId, 'Alice'));
    ok(await join(bob, meetingId, 'Bob'));
    const oldBobId = bob.id;
    const notice = nextEvent<ServerNotice>(bob, 'server-notice');
    const left = nextEvent<UserLeft>(alice, 'user-left');
    const noticesElsewhere = record(alice, 'server-notice');

    await c.close();

    expect((await notice).code).toBe('SERVER_SHUTTING_DOWN');
    expect(await left).toEqual({ id: oldBobId, reason: 'disconnected' });
    expect(noticesElsewhere).toHaveLength(0); // only the closing instance's clients are told
    const joined = nextEvent<PeerInfo>(alice, 'user-joined');
    const bobAgain = await client(a);
    const ack = await join(bobAgain, meetingId, 'Bob');
    ok<JoinMeetingResult>(ack);
    expect(ack.peers.map((p) => p.id)).toEqual([alice.id]);
    expect((await joined).id).toBe(bobAgain.id);
  });

  it('when an instance process is killed, then its seats expire, survivors see user-left and its people rejoin', async () => {
    const meetingId = await newMeeting();
    const alice = await client(a);
    const bob = await client(crashing);
    ok(await join(alice, meetingId, 'Alice'));
    ok(await join(bob, meetingId, 'Bob'));
    const oldBobId = bob.id;
    const left = nextEvent<UserLeft>(alice, 'user-left', 10_000);

    await crashing.kill();

    expect(await left).toEqual({ id: oldBobId, reason: 'disconnected' });
    const bobAgain = await client(b);
    const ack = await join(bobAgain, meetingId, 'Bob');
    ok<JoinMeetingResult>(ack);
    expect(ack.peers.map((p) => p.id)).toEqual([alice.id]);
  });
});
