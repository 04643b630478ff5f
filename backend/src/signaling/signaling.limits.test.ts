import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Ack, SdpRelay } from '../contract/protocol.js';
import type { RunningServer } from '../server.js';
import { connectTestDb, disconnectTestDb } from '../test/db.js';
import { connectClient, join, nextEvent, record, request, startTestServer, type TestClient } from '../test/server.js';

/** Floods and origins on the Socket.io edge: limits bite the abuser only, and never leak across meetings. */
const ALLOWED_ORIGIN = 'https://meet.example';
let server: RunningServer;
const clients: TestClient[] = [];
let nextAddress = 1;

/** A client behind the (trusted) proxy with its own address, so each test has its own join budget. */
async function client(address = `203.0.113.${nextAddress++}`, target = server): Promise<TestClient> {
  const c = await connectClient(target, { headers: { 'x-forwarded-for': address } });
  clients.push(c);
  return c;
}

async function meetingOf(...members: TestClient[]): Promise<string> {
  const meetingId = (await server.meetings.create({})).meetingId;
  for (const [i, m] of members.entries()) expect(await join(m, meetingId, `P${i}`)).toMatchObject({ ok: true });
  return meetingId;
}

beforeAll(async () => {
  await connectTestDb();
  server = await startTestServer({
    RATE_LIMIT_SOCKET_EVENTS_PER_SECOND: '20',
    RATE_LIMIT_JOINS_PER_MINUTE: '5',
    RATE_LIMIT_CONNECTION_CHECKS_PER_MINUTE: '6',
    TRUST_PROXY: '1',
    CORS_ORIGINS: ALLOWED_ORIGIN,
  });
});
afterEach(() => {
  for (const c of clients.splice(0)) c.disconnect();
});
afterAll(async () => {
  await server.close();
  await disconnectTestDb();
});

describe('relay flood', () => {
  it('when one member floods offers, then it gets RATE_LIMITED acks, others still relay, and nothing crosses meetings', async () => {
    const [flooder, alice, bob] = [await client(), await client(), await client()];
    const [carol, dave] = [await client(), await client()];
    await meetingOf(flooder, alice, bob);
    await meetingOf(carol, dave);
    const atBob = record<SdpRelay>(bob, 'offer');
    const elsewhere = [record(carol, 'offer'), record(dave, 'offer'), record(carol, 'ice-candidate'), record(dave, 'chat-message')];

    const flood: Array<Promise<Ack>> = [];
    // Four times the budget (20/s): throttled with acks, not yet closed (that is five times).
    for (let i = 0; i < 75; i++) {
      flood.push(request(flooder, 'offer', { to: bob.id, sdp: `flood ${i}` }));
      if (i % 10 === 0) flood.push(request(flooder, 'offer', { to: dave.id, sdp: 'cross-meeting' }));
    }
    // Meanwhile the others talk, inside and across meetings.
    const aliceToBob = nextEvent<SdpRelay>(bob, 'offer', 5000);
    const fromAlice = new Promise<SdpRelay>((resolve) => bob.on('offer', (m) => m.from === alice.id && resolve(m)));
    expect(await request(alice, 'offer', { to: bob.id, sdp: 'from alice' })).toEqual({ ok: true });
    const carolToDave = nextEvent<SdpRelay>(dave, 'offer');
    expect(await request(carol, 'offer', { to: dave.id, sdp: 'from carol' })).toEqual({ ok: true });
    expect(await carolToDave).toEqual({ from: carol.id, sdp: 'from carol' });
    await aliceToBob;
    expect((await fromAlice).sdp).toBe('from alice');

    const acks = await Promise.all(flood);
    const codes = acks.map((a) => (a.ok ? 'ok' : a.error.code));
    expect(codes.filter((c) => c === 'RATE_LIMITED').length).toBeGreaterThan(50);
    // The cross-meeting offers are refused or throttled, never delivered.
    expect(codes.filter((c) => c !== 'ok' && c !== 'RATE_LIMITED' && c !== 'PEER_NOT_FOUND')).toEqual([]);
    // Bob got exactly what was acknowledged, and Dave's meeting got nothing at all.
    await request(bob, 'refresh-ice-servers');
    const delivered = atBob.filter((m) => m.from === flooder.id);
    expect(delivered.length).toBe(acks.filter((a) => a.ok).length);
    expect(elsewhere.flat().filter((m) => (m as SdpRelay).from !== carol.id)).toHaveLength(0);
  });

  it('when a client sends far past its budget (over five times it in a second), then the server closes the connection instead of queuing error acks', async () => {
    const [flooder, bob] = [await client(), await client()];
    await meetingOf(flooder, bob);
    const acks: Ack[] = [];
    const closed = nextEvent<string>(flooder, 'disconnect', 5000);
    for (let i = 0; i < 400; i++) {
      (flooder as unknown as { emit(...args: unknown[]): void }).emit('offer', { to: bob.id, sdp: 'x' }, (a: Ack) => acks.push(a));
    }
    expect(await closed).toBe('transport close');
    // Throttled acks stop at the cut-off: no reply is queued for most of the flood.
    expect(acks.filter((a) => !a.ok && a.error.code === 'RATE_LIMITED').length).toBeLessThanOrEqual(80);
    // Bob's meeting goes on.
    expect(await request(bob, 'refresh-ice-servers')).toMatchObject({ ok: true });
  });

  it('when a flooder has been throttled, then after a quiet second its budget returns', async () => {
    const [flooder, bob] = [await client(), await client()];
    await meetingOf(flooder, bob);
    await Promise.all(Array.from({ length: 40 }, () => request(flooder, 'offer', { to: bob.id, sdp: 'x' })));
    await new Promise((r) => setTimeout(r, 1100));
    expect(await request(flooder, 'offer', { to: bob.id, sdp: 'calm' })).toEqual({ ok: true });
  });
});

describe('join flood', () => {
  it('when one connection joins and leaves in a loop, then RATE_LIMITED after the budget and members keep relaying', async () => {
    const [alice, bob] = [await client(), await client()];
    const meetingId = await meetingOf(alice, bob);
    const flooder = await client('198.51.100.7');
    const codes: string[] = [];
    for (let i = 0; i < 9; i++) {
      const ack = await join(flooder, meetingId, 'Flood');
      codes.push(ack.ok ? 'ok' : ack.error.code);
      if (ack.ok) await request(flooder, 'leave-meeting');
    }
    expect(codes.slice(0, 5)).toEqual(['ok', 'ok', 'ok', 'ok', 'ok']);
    expect(codes.slice(5)).toEqual(['RATE_LIMITED', 'RATE_LIMITED', 'RATE_LIMITED', 'RATE_LIMITED']);

    const offer = nextEvent<SdpRelay>(bob, 'offer');
    expect(await request(alice, 'offer', { to: bob.id, sdp: 'still here' })).toEqual({ ok: true });
    expect((await offer).sdp).toBe('still here');
  });

  it('when the flooder opens a new connection from the same address, then it is still limited; another address is not', async () => {
    const meetingId = await meetingOf();
    const first = await client('198.51.100.9');
    for (let i = 0; i < 5; i++) {
      expect(await join(first, meetingId, 'F')).toMatchObject({ ok: true });
      await request(first, 'leave-meeting');
    }
    const again = await client('198.51.100.9');
    expect(await join(again, meetingId, 'F2')).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } });
    // Behind the trusted proxy, X-Forwarded-For tells clients apart (TRUST_PROXY=1).
    const neighbour = await client('198.51.100.10');
    expect(await join(neighbour, meetingId, 'N')).toMatchObject({ ok: true });
  });

  it('when joins come from many IPv6 addresses of one /56, then they share one budget, as REST limits do', async () => {
    const meetingId = await meetingOf();
    const codes: string[] = [];
    for (let i = 1; i <= 7; i++) {
      // Different /64s and hosts inside 2001:db8:5:aa00::/56.
      const c = await client(`2001:db8:5:aa${(i * 7).toString(16).padStart(2, '0')}::${i.toString(16)}`);
      const ack = await join(c, meetingId, `V6 ${i}`);
      codes.push(ack.ok ? 'ok' : ack.error.code);
      if (ack.ok) await request(c, 'leave-meeting');
    }
    expect(codes).toEqual(['ok', 'ok', 'ok', 'ok', 'ok', 'RATE_LIMITED', 'RATE_LIMITED']);
    // The neighbouring /56 has its own budget.
    const other = await client('2001:db8:5:ab00::1');
    expect(await join(other, meetingId, 'V6 other')).toMatchObject({ ok: true });
  });

  it('when the lobby checks its connection many times, then it has its own budget and joining still works', async () => {
    const meetingId = await meetingOf();
    const address = '198.51.100.77';
    const checker = await client(address);
    const checks: string[] = [];
    for (let i = 0; i < 8; i++) {
      const ack = await request(checker, 'check-connection', { meetingId });
      checks.push(ack.ok ? 'ok' : ack.error.code);
    }
    expect(checks.slice(0, 6)).toEqual(['ok', 'ok', 'ok', 'ok', 'ok', 'ok']);
    expect(checks.slice(6)).toEqual(['RATE_LIMITED', 'RATE_LIMITED']);
    // Someone else behind the same NAT joins: the join budget is untouched.
    const neighbour = await client(address);
    expect(await join(neighbour, meetingId, 'Neighbour')).toMatchObject({ ok: true });
  });

  it('when check-connection is probed from many IPv6 addresses of one /56, then they share its budget', async () => {
    const meetingId = await meetingOf();
    const codes: string[] = [];
    for (let i = 1; i <= 8; i++) {
      const c = await client(`2001:db8:6:cd${i.toString(16).padStart(2, '0')}::${i}`);
      const ack = await request(c, 'check-connection', { meetingId });
      codes.push(ack.ok ? 'ok' : ack.error.code);
    }
    expect(codes.filter((c) => c === 'ok')).toHaveLength(6);
  });

  it('when TRUST_PROXY is off, then X-Forwarded-For is ignored and one address is one budget', async () => {
    const untrusting = await startTestServer({ RATE_LIMIT_JOINS_PER_MINUTE: '2', TRUST_PROXY: 'false' });
    try {
      const meetingId = (await untrusting.meetings.create({})).meetingId;
      const codes: string[] = [];
      for (let i = 0; i < 3; i++) {
        const c = await client(`192.0.2.${i + 1}`, untrusting);
        const ack = await join(c, meetingId, `S${i}`);
        codes.push(ack.ok ? 'ok' : ack.error.code);
      }
      expect(codes).toEqual(['ok', 'ok', 'RATE_LIMITED']);
    } finally {
      for (const c of clients.splice(0)) c.disconnect();
      await untrusting.close();
    }
  });
});

describe('handshake origin', () => {
  async function handshake(origin: string | undefined): Promise<'connected' | 'refused'> {
    try {
      const c = await connectClient(server, origin ? { origin } : {});
      clients.push(c);
      return 'connected';
    } catch {
      return 'refused';
    }
  }

  it('when a page from a foreign origin opens a socket, then the handshake is refused (connect_error)', async () => {
    expect(await handshake('https://evil.example')).toBe('refused');
    expect(await handshake('https://meet.example.evil.example')).toBe('refused');
    expect(await handshake('null')).toBe('refused');
  });

  it('when the allowed origin, the server’s own origin or a non-browser client (no Origin) connects, then it is accepted', async () => {
    expect(await handshake(ALLOWED_ORIGIN)).toBe('connected');
    expect(await handshake(`http://127.0.0.1:${server.port}`)).toBe('connected');
    expect(await handshake(undefined)).toBe('connected');
  });
});
