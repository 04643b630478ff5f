import { connect as tcpConnect, type Socket as TcpSocket } from 'node:net';
import { io as ioClient } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../server.js';
import { connectTestDb, disconnectTestDb } from '../test/db.js';
import { waitUntil } from '../../../testkit/wait.js';
import { ClientPool, join, ok, startTestServer } from '../test/server.js';

/** Issue 15 on the Socket.io edge: Host (DNS rebinding), sessions per address, polling headers, ids, raw TCP. */
let server: RunningServer;
const pool = new ClientPool(() => server);

beforeAll(async () => {
  await connectTestDb();
  server = await startTestServer({ PUBLIC_ORIGIN: 'https://meet.example.com', MAX_CONNECTIONS_PER_ADDRESS: '4', TRUST_PROXY: '1' });
});
afterAll(async () => {
  pool.closeAll();
  await server.close();
  await disconnectTestDb();
});

/** A raw engine.io polling handshake: its status and headers. */
async function pollingHandshake(headers: Record<string, string>): Promise<Response> {
  return fetch(`${server.url}/socket.io/?EIO=4&transport=polling`, { headers });
}

describe('handshake Host (finding 10)', () => {
  it('when Origin and Host are both evil.example (DNS rebinding), then the handshake is refused', async () => {
    const res = await pollingHandshake({ Host: 'evil.example', Origin: 'http://evil.example' });
    expect(res.status).toBe(403);
    // The same over a websocket upgrade, as the attack would use it.
    const refused = await new Promise<string>((resolve) => {
      const s = ioClient(server.url, { transports: ['websocket'], reconnection: false, forceNew: true, extraHeaders: { host: 'evil.example', origin: 'http://evil.example' } });
      s.on('connect', () => (s.disconnect(), resolve('connected')));
      s.on('connect_error', () => (s.close(), resolve('refused')));
    });
    expect(refused).toBe('refused');
  });

  it('when the Host is the public origin, an IP literal or localhost, then the handshake proceeds', async () => {
    for (const host of ['meet.example.com', `127.0.0.1:${server.port}`, `localhost:${server.port}`]) {
      const res = await pollingHandshake({ Host: host, 'X-Forwarded-For': `198.51.100.${host.length}` });
      expect(res.status, host).toBe(200);
    }
  });
});

describe('Socket.io sessions per address (finding 2)', () => {
  it('when one address opens more sessions than MAX_CONNECTIONS_PER_ADDRESS, then the extra is refused and others are unaffected; a closed one frees its slot', async () => {
    const xff = { 'x-forwarded-for': '192.0.2.44' };
    const held = [];
    for (let i = 0; i < 4; i++) held.push(await pool.connect({ headers: xff }));
    await expect(pool.connect({ headers: xff })).rejects.toThrow();
    // Another address, even in the same /64 of a different /56, is not affected…
    await pool.connect({ headers: { 'x-forwarded-for': '192.0.2.45' } });
    // …and IPv6 addresses of one /56 count together.
    for (let i = 0; i < 4; i++) await pool.connect({ headers: { 'x-forwarded-for': `2001:db8:7:${i}::1` } });
    await expect(pool.connect({ headers: { 'x-forwarded-for': '2001:db8:7:ff::9' } })).rejects.toThrow();

    held[0]!.disconnect();
    await waitUntil(async () => (await pool.connect({ headers: xff }).then(() => true, () => false)), 3000, 'a freed slot');
  });
});

describe('polling responses and ids (finding 11)', () => {
  it('when a polling client handshakes, then the response carries nosniff and is not cached', async () => {
    const res = await pollingHandshake({ 'X-Forwarded-For': '198.51.100.200' });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('cache-control')).toContain('no-store');
  });

  it('when clients connect one after another, then their socket and session ids share no counter', async () => {
    const ids: string[] = [];
    const sids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const c = await pool.connect({ headers: { 'x-forwarded-for': `198.51.100.${210 + i}` } });
      ids.push(c.id!);
      const res = await pollingHandshake({ 'X-Forwarded-For': `198.51.100.${220 + i}` });
      sids.push(JSON.parse((await res.text()).slice(1)).sid as string);
    }
    // base64id ended each id in a process-wide counter (its last three bytes survive the random
    // fill): consecutive ids differed there by the number of connections in between (1 or 2 here).
    const tail = (id: string) => Buffer.from(id, 'base64url').readUIntBE(12, 3);
    for (const list of [ids, sids]) {
      expect(list.every((id) => /^[\w-]{20}$/.test(id))).toBe(true);
      const steps = [tail(list[1]!) - tail(list[0]!), tail(list[2]!) - tail(list[1]!)];
      expect(steps.every((d) => d > 0 && d <= 4), `counter steps ${steps.join(', ')}`).toBe(false);
    }
  });
});

describe('duplicate names (finding 5)', () => {
  it('when a second "alice" joins (any case), then she is "alice (2)" for everyone, herself included', async () => {
    const meetingId = (await server.meetings.create({})).meetingId;
    const a = await pool.connect({ headers: { 'x-forwarded-for': '198.51.100.230' } });
    const b = await pool.connect({ headers: { 'x-forwarded-for': '198.51.100.231' } });
    const first = await join(a, meetingId, 'alice');
    const second = await join(b, meetingId, 'Alice');
    expect(first).toMatchObject({ ok: true, displayName: 'alice' });
    expect(second).toMatchObject({ ok: true, displayName: 'Alice (2)', peers: [expect.objectContaining({ displayName: 'alice' })] });
  });

  it('when someone rejoins naming their own lingering seat (after a server crash), then they keep their name', async () => {
    const meetingId = (await server.meetings.create({})).meetingId;
    const ghost = await pool.connect({ headers: { 'x-forwarded-for': '198.51.100.232' } });
    const back = await pool.connect({ headers: { 'x-forwarded-for': '198.51.100.233' } });
    ok(await join(ghost, meetingId, 'Alice'));
    const ack = await new Promise<{ ok: boolean; displayName?: string }>((resolve) =>
      back.emit('join-meeting', { meetingId, displayName: 'Alice', replaces: [ghost.id!] }, resolve),
    );
    expect(ack).toMatchObject({ ok: true, displayName: 'Alice' });
  });
});

describe('raw TCP (finding 2)', () => {
  function open(port: number): Promise<TcpSocket> {
    return new Promise((resolve, reject) => {
      // Flowing, so the server's close is seen even after it answered (408).
      const s = tcpConnect(port, '127.0.0.1', () => resolve(s.resume()));
      s.once('error', reject);
    });
  }

  it('when a connection sends nothing, then it is closed after HTTP_HEADERS_TIMEOUT_MS, not a minute later', async () => {
    const quick = await startTestServer({ HTTP_HEADERS_TIMEOUT_MS: '1000' });
    try {
      const s = await open(quick.port);
      const started = Date.now();
      await new Promise<void>((resolve) => s.once('close', () => resolve()));
      expect(Date.now() - started).toBeLessThan(3500);
      // Headers that trickle in are cut off too (408), by Node's headersTimeout.
      const slow = await open(quick.port);
      slow.write('GET / HTTP/1.1\r\nHo');
      const slowStarted = Date.now();
      await new Promise<void>((resolve) => slow.once('close', () => resolve()));
      expect(Date.now() - slowStarted).toBeLessThan(3500);
    } finally {
      await quick.close();
    }
  });

  it('when one address opens more TCP connections than MAX_CONNECTIONS_PER_ADDRESS (no proxy), then the extra ones are dropped and /healthz still answers', async () => {
    const capped = await startTestServer({ MAX_CONNECTIONS_PER_ADDRESS: '5' });
    const sockets: TcpSocket[] = [];
    try {
      for (let i = 0; i < 5; i++) sockets.push(await open(capped.port));
      const extra = await open(capped.port);
      sockets.push(extra);
      await new Promise<void>((resolve) => extra.once('close', () => resolve()));
      for (const s of sockets.splice(0, 5)) s.destroy();
      await waitUntil(async () => (await fetch(`${capped.url}/healthz`).then((r) => r.status, () => 0)) === 200, 3000, '/healthz');
    } finally {
      for (const s of sockets) s.destroy();
      await capped.close();
    }
  });
});
