import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Ack, JoinMeetingResult, PeerInfo, SdpRelay } from '../contract/protocol.js';
import { connectTestDb, disconnectTestDb } from '../test/db.js';
import { createLogger } from '../lib/logger.js';
import { startServer, type RunningServer } from '../server.js';
import { waitUntil } from '../../../testkit/wait.js';
import { ClientPool, join, nextEvent, record, request, testConfig, type TestClient } from '../test/server.js';

/**
 * Hostile and broken clients: every event with junk, events out of order, oversized frames,
 * malformed packets and a random-payload loop. The invariant throughout: each bad input gets an
 * error ack (never a hang or a crash) and nobody else is disturbed.
 */
let server: RunningServer;
// The fuzz loop sends hundreds of events a second; the flood tests live in signaling.limits.test.ts.
const config = testConfig({ RATE_LIMIT_SOCKET_EVENTS_PER_SECOND: '100000' });
const pool = new ClientPool(() => server);
const client = () => pool.connect();

async function newMeeting(): Promise<string> {
  return (await server.meetings.create({})).meetingId;
}

/** Two members of a fresh meeting, to relay to and to watch for leaks. */
async function pair() {
  const meetingId = await newMeeting();
  const alice = await client();
  const bob = await client();
  expect(await join(alice, meetingId, 'Alice')).toMatchObject({ ok: true });
  expect(await join(bob, meetingId, 'Bob')).toMatchObject({ ok: true });
  return { meetingId, alice, bob };
}

/** Proves a client and the server still work: a relay between two fresh members arrives. */
async function expectServerHealthy(): Promise<void> {
  const { alice, bob } = await pair();
  const offer = nextEvent<SdpRelay>(bob, 'offer');
  expect(await request(alice, 'offer', { to: bob.id, sdp: 'v=0 health' })).toEqual({ ok: true });
  expect(await offer).toEqual({ from: alice.id, sdp: 'v=0 health' });
}

function rawEmit(socket: TestClient, ...args: unknown[]): void {
  (socket as unknown as { emit(...a: unknown[]): void }).emit(...args);
}

const ERROR_ACK = { ok: false, error: { code: expect.any(String), message: expect.any(String) } };
const HUGE = 'x'.repeat(60_000); // under the 64 kB frame limit, over every field limit

beforeAll(async () => {
  await connectTestDb();
  server = await startServer(config, createLogger('silent'));
});
afterEach(() => {
  pool.closeAll();
});
afterAll(async () => {
  await server.close();
  await disconnectTestDb();
});

/** Payloads that are not objects at all. */
const NON_OBJECTS: Array<[string, unknown]> = [
  ['a number', 42],
  ['a string', 'hello'],
  ['a huge string', HUGE],
  ['an array', [1, 'two', { three: 3 }]],
  ['null', null],
  ['a boolean', true],
];

/** Object payloads with missing, wrongly typed or oversized fields, per member-only event. */
const BAD_FIELDS: Array<[string, string, (to: string) => unknown]> = [
  ['offer', 'no sdp', (to) => ({ to })],
  ['offer', 'sdp as object', (to) => ({ to, sdp: { $gt: '' } })],
  ['offer', 'to as array', () => ({ to: ['a', 'b'], sdp: 'x' })],
  ['offer', 'empty sdp', (to) => ({ to, sdp: '' })],
  ['offer', 'huge to', () => ({ to: HUGE, sdp: 'x' })],
  ['answer', 'to as number', () => ({ to: 5, sdp: 'x' })],
  ['answer', 'huge sdp', (to) => ({ to, sdp: HUGE })],
  ['ice-candidate', 'no candidate', (to) => ({ to })],
  ['ice-candidate', 'sdpMLineIndex as string', (to) => ({ to, candidate: { candidate: 'c', sdpMLineIndex: '0' } })],
  ['ice-candidate', 'negative sdpMLineIndex', (to) => ({ to, candidate: { candidate: 'c', sdpMLineIndex: -1 } })],
  ['ice-candidate', 'candidate as array', (to) => ({ to, candidate: ['c'] })],
  ['media-state', 'a missing flag', () => ({ audio: true, video: false })],
  ['media-state', 'flags as strings', () => ({ audio: 'true', video: 'false', screen: '0' })],
  ['media-state', 'a source of an unknown kind', () => ({ audio: true, video: true, screen: false, sources: { s1: 'microphone' } })],
  ['media-state', 'too many sources', () => ({ audio: true, video: true, screen: false, sources: Object.fromEntries(['a', 'b', 'c', 'd', 'e'].map((k) => [k, 'camera'])) })],
  ['media-state', 'a huge source id', () => ({ audio: true, video: true, screen: false, sources: { [HUGE]: 'camera' } })],
  ['media-state', 'sources as an array', () => ({ audio: true, video: true, screen: false, sources: ['camera'] })],
  ['chat-message', 'no text', () => ({})],
  ['chat-message', 'text as array', () => ({ text: ['hi'] })],
  ['chat-message', 'huge text', () => ({ text: HUGE })],
  ['chat-message', 'only control characters and spaces', () => ({ text: ' \n\r\n ' })],
  ['join-meeting', 'no displayName', () => ({ meetingId: 'aaaaa-bbbbb-ccccc' })],
  ['join-meeting', 'huge meetingId', () => ({ meetingId: HUGE, displayName: 'A' })],
  ['join-meeting', 'only control characters as name', () => ({ meetingId: 'aaaaa-bbbbb-ccccc', displayName: '\u0000\u0007\u001f' })],
  ['join-meeting', 'media as a string', () => ({ meetingId: 'aaaaa-bbbbb-ccccc', displayName: 'A', media: 'on' })],
  ['check-connection', 'no meetingId', () => ({})],
  ['check-connection', 'meetingId as object', () => ({ meetingId: { $ne: null } })],
];

const PAYLOAD_EVENTS = ['join-meeting', 'offer', 'answer', 'ice-candidate', 'media-state', 'chat-message', 'check-connection'];
const MEMBER_EVENTS = ['offer', 'answer', 'ice-candidate', 'media-state', 'chat-message'];

describe('malformed payloads', () => {
  it.each(PAYLOAD_EVENTS.flatMap((event) => NON_OBJECTS.map(([label, payload]) => [event, label, payload] as const)))(
    'when %s carries %s instead of an object, then an error ack and nothing is relayed',
    async (event, _label, payload) => {
      const { alice, bob } = await pair();
      const seen = [record(bob, 'offer'), record(bob, 'answer'), record(bob, 'ice-candidate'), record(bob, 'chat-message'), record(bob, 'peer-updated')];
      const ack = await request(alice, event, payload);
      expect(ack).toEqual(ERROR_ACK);
      // A round trip after the refusal: anything wrongly relayed would have arrived by now.
      await request(bob, 'refresh-ice-servers');
      expect(seen.flat()).toHaveLength(0);
    },
  );

  it.each(BAD_FIELDS)('when %s has %s, then an error ack', async (event, _label, make) => {
    const { alice, bob } = await pair();
    const ack = await request(alice, event, make(bob.id!));
    expect(ack).toEqual(ERROR_ACK);
  });

  it('when a payload has extra fields, then they are stripped and never reach the addressee', async () => {
    const { alice, bob } = await pair();
    const offer = nextEvent<SdpRelay>(bob, 'offer');
    expect(await request(alice, 'offer', { to: bob.id, sdp: 'v=0', admin: true, __proto__: { polluted: 1 } })).toEqual({ ok: true });
    expect(await offer).toEqual({ from: alice.id, sdp: 'v=0' });
    const update = nextEvent<{ media: object }>(bob, 'peer-updated');
    expect(await request(alice, 'media-state', { audio: true, video: true, screen: false, volume: 11 })).toEqual({ ok: true });
    expect((await update).media).toEqual({ audio: true, video: true, screen: false });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('when media-state says which stream is the camera and which the screen, then peers receive that mapping as sent', async () => {
    const { alice, bob } = await pair();
    const sources = { '{4f1c-aa}': 'camera', 'b7e2-99': 'screen' };
    const update = nextEvent<{ media: object }>(bob, 'peer-updated');
    expect(await request(alice, 'media-state', { audio: true, video: true, screen: true, sources })).toEqual({ ok: true });
    expect((await update).media).toEqual({ audio: true, video: true, screen: true, sources });
  });

  it('when an event carries extra arguments or omits its payload, then the ack still answers', async () => {
    const { alice, bob } = await pair();
    expect(await request(alice, 'refresh-ice-servers', { unexpected: true }, 'more')).toMatchObject({ ok: true });
    expect(await request(alice, 'offer')).toEqual(ERROR_ACK);
    expect(await request(alice, 'offer', { to: bob.id, sdp: 'x' }, { second: 'payload' })).toEqual({ ok: true });
    expect(await request(alice, 'leave-meeting', 'please')).toEqual({ ok: true });
  });

  it('when a client sends an unknown or internal event name, then an error ack and the server stays up', async () => {
    const c = await client();
    expect(await request(c, 'delete-everything', {})).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    // 'error' is the server-side socket's own error event; a client must not be able to raise it.
    expect(await request(c, 'error', null)).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    rawEmit(c, 'error', null);
    rawEmit(c, 'error');
    await expectServerHealthy();
  });
});

describe('events out of order', () => {
  it.each(MEMBER_EVENTS)('when %s is sent before joining, then NOT_IN_MEETING', async (event) => {
    const { bob } = await pair();
    const outsider = await client();
    const payload = event === 'media-state' ? { audio: true, video: true, screen: false } : { to: bob.id, sdp: 'x', text: 'hi', candidate: null };
    expect(await request(outsider, event, payload)).toMatchObject({ ok: false, error: { code: 'NOT_IN_MEETING' } });
  });

  it('when a relay targets a participant who has already disconnected, then PEER_NOT_FOUND', async () => {
    const { alice, bob, meetingId } = await pair();
    const goneId = bob.id!;
    bob.disconnect();
    await waitUntil(async () => (await server.presence.count(meetingId)) === 1, 3000, 'bob to be gone');
    expect(await request(alice, 'offer', { to: goneId, sdp: 'x' })).toMatchObject({ ok: false, error: { code: 'PEER_NOT_FOUND' } });
  });

  it('when join-meeting is sent without an ack callback, then it is dropped and the connection can still join properly', async () => {
    const { meetingId, alice } = await pair();
    const joined = record<PeerInfo>(alice, 'user-joined');
    const c = await client();
    rawEmit(c, 'join-meeting', { meetingId, displayName: 'NoAck' });
    await request(alice, 'refresh-ice-servers'); // a round trip for the dropped join to have been handled
    expect(await server.presence.count(meetingId)).toBe(2);
    expect(joined).toHaveLength(0);
    const ack = await join(c, meetingId, 'WithAck');
    expect(ack).toMatchObject({ ok: true, meetingId });
  });

  it('when the same connection joins twice at once, then exactly one join wins', async () => {
    const meetingId = await newMeeting();
    const c = await client();
    const acks = await Promise.all([join(c, meetingId, 'A'), join(c, meetingId, 'A'), join(c, meetingId, 'A')]);
    expect(acks.filter((a) => a.ok)).toHaveLength(1);
    expect(await server.presence.count(meetingId)).toBe(1);
  });
});

describe('oversized and malformed frames', () => {
  it('when a message exceeds maxHttpBufferSize, then only that connection is dropped and the others keep working', async () => {
    const { alice, bob } = await pair();
    const hog = await client();
    const dropped = nextEvent<string>(hog, 'disconnect', 5000);
    rawEmit(hog, 'chat-message', { text: 'x'.repeat(70 * 1024) });
    expect(await dropped).toBe('transport close');
    const offer = nextEvent<SdpRelay>(bob, 'offer');
    expect(await request(alice, 'offer', { to: bob.id, sdp: 'after the hog' })).toEqual({ ok: true });
    expect((await offer).sdp).toBe('after the hog');
  });

  it.each([
    ['truncated JSON', '42["offer",{"to":'],
    ['an event name that is a number', '42[1,{}]'],
    ['a reserved event name', '42["disconnect"]'],
    ['an unknown packet type', '9hello'],
    ['a binary attachment count that never arrives', '451-["offer",{"_placeholder":true,"num":0}]'],
  ])('when a client writes a raw packet with %s, then at worst its own connection closes', async (_label, raw) => {
    const { meetingId } = await pair();
    const c = await client();
    (c.io.engine as unknown as { write(data: string): void }).write(raw);
    await new Promise((r) => setTimeout(r, 50));
    await expectServerHealthy();
    expect(await server.presence.count(meetingId)).toBe(2);
  });
});

describe('handler failures', () => {
  it('when a handler throws synchronously, then the sender gets INTERNAL and the process keeps serving', async () => {
    const { alice } = await pair();
    // refresh-ice-servers is a synchronous handler; make the config it reads throw once.
    const ice = config.ice;
    const stunUrls = ice.stunUrls;
    Object.defineProperty(ice, 'stunUrls', {
      configurable: true,
      get() {
        Object.defineProperty(ice, 'stunUrls', { value: stunUrls, configurable: true, writable: true });
        throw new Error('injected fault');
      },
    });
    expect(await request(alice, 'refresh-ice-servers')).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(await request(alice, 'refresh-ice-servers')).toMatchObject({ ok: true });
    await expectServerHealthy();
  });
});

/** Deterministic PRNG (mulberry32) so a failing fuzz run can be replayed from its seed. */
function prng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const FUZZ_ITERATIONS = 400;

describe('fuzz', () => {
  it(`when one client sends ${FUZZ_ITERATIONS} random payloads across all events, then every ack answers and a fresh client is served normally`, async () => {
    const seed = 20261125;
    const rand = prng(seed);
    const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
    const bystanders = await pair();
    const leaked = [record(bystanders.alice, 'offer'), record(bystanders.bob, 'chat-message'), record(bystanders.bob, 'ice-candidate')];
    const fuzzer = await client();
    const victimMeeting = await newMeeting();
    const events = [...PAYLOAD_EVENTS, 'leave-meeting', 'refresh-ice-servers', 'error', 'nonsense', 'constructor', '__proto__', 'toString'];
    const scalar = (): unknown =>
      pick<() => unknown>([
        () => null,
        () => rand() * 1e12 - 5e11,
        () => rand() > 0.5,
        () => 'x'.repeat(Math.floor(rand() * 3000)),
        () => String.fromCharCode(...Array.from({ length: 20 }, () => Math.floor(rand() * 0xd7ff))),
        () => pick(['', ' ', '$gt', '__proto__', '../..', bystanders.bob.id!, victimMeeting, 'aaaaa-bbbbb-ccccc']),
        () => [],
        () => ({}),
      ])();
    const value = (depth = 0): unknown => {
      if (depth > 2 || rand() < 0.5) return scalar();
      if (rand() < 0.3) return Array.from({ length: Math.floor(rand() * 4) }, () => value(depth + 1));
      const keys = ['to', 'sdp', 'candidate', 'meetingId', 'displayName', 'media', 'text', 'audio', 'video', 'screen', '__proto__', 'constructor', 'from'];
      return Object.fromEntries(Array.from({ length: Math.floor(rand() * 5) }, () => [pick(keys), value(depth + 1)]));
    };

    let answered = 0;
    for (let batch = 0; batch < FUZZ_ITERATIONS / 20; batch++) {
      const acks: Array<Promise<Ack>> = [];
      for (let i = 0; i < 20; i++) {
        const event = pick(events);
        const args = Array.from({ length: Math.floor(rand() * 3) }, () => value());
        if (rand() < 0.2) rawEmit(fuzzer, event, ...args);
        else acks.push(request(fuzzer, event, ...args));
      }
      // Every ack answers: a handler that forgot to reply would time out here (seed in the name).
      for (const ack of await Promise.all(acks)) {
        expect(ack, `seed ${seed}`).toHaveProperty('ok');
        answered++;
      }
    }
    expect(fuzzer.connected).toBe(true);
    expect(answered).toBeGreaterThan(FUZZ_ITERATIONS * 0.7);

    await expectServerHealthy();
    const fresh = await client();
    const ack = await join(fresh, victimMeeting, 'Fresh');
    expect(ack).toMatchObject({ ok: true, meetingId: victimMeeting });
    expect((ack as { ok: true } & JoinMeetingResult).peers.every((p) => typeof p.displayName === 'string')).toBe(true);
    expect(leaked.flat()).toHaveLength(0);
  });
});
