/**
 * Slow-reader attacks from issue 15, run as their own process so that the test process measuring
 * the server (RSS, /healthz latency) is not slowed by the flood it is measuring:
 *
 *   node --import tsx src/test/slow-reader-attack.ts <ws-flood|polling-flood|paused-chat> <url> <ms> [meetingId]
 *
 * - ws-flood: 4 WebSocket clients that never read, sending acked events as fast as the socket takes them.
 * - polling-flood: 1 long-polling client that POSTs batches of acked events and never GETs.
 * - paused-chat: 3 members of one meeting that never read, each chatting 90 messages a second
 *   (inside the 100/s budget) with 2,000-character messages (the limit).
 * Each answers the server's heartbeat blindly (an engine.io pong, `3`, every second, without reading
 * the pings), so the server's ping timeout never ends the attack for it, and reconnects when the
 * server closes it. Prints one JSON line of counts at the end.
 */
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { connect, type Socket } from 'node:net';

const [kind, url, msArg, meetingId] = process.argv.slice(2) as [string, string, string, string | undefined];
const target = new URL(url);
const end = Date.now() + Number(msArg);
const stats = { connections: 0, closedByServer: 0, eventsSent: 0, postsRefused: 0 };

/** A masked (zero key) text frame, as a client must send. */
function frame(text: string): Buffer {
  const payload = Buffer.from(text);
  const len = payload.length;
  const head = len < 126 ? Buffer.from([0x81, 0x80 | len]) : Buffer.from([0x81, 0x80 | 126, len >> 8, len & 0xff]);
  return Buffer.concat([head, Buffer.alloc(4), payload]);
}

/** Upgrades a raw TCP connection to a Socket.io WebSocket, then stops reading for good. */
async function pausedWebSocket(): Promise<Socket> {
  const sock = connect(Number(target.port), target.hostname);
  sock.on('error', () => undefined);
  await once(sock, 'connect');
  sock.write(
    `GET /socket.io/?EIO=4&transport=websocket HTTP/1.1\r\nHost: ${target.host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
      `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\nSec-WebSocket-Version: 13\r\n\r\n`,
  );
  // Read until the namespace is connected (Socket.io drops a connection that sends events
  // before that), then never read again.
  await new Promise<void>((resolve, reject) => {
    let seen = '';
    let upgraded = false;
    const onData = (d: Buffer) => {
      seen += d.toString('latin1');
      if (!upgraded && seen.includes('\r\n\r\n')) {
        if (!seen.startsWith('HTTP/1.1 101')) return reject(new Error(seen.split('\r\n')[0]));
        upgraded = true;
        sock.write(frame('40'));
      }
      if (upgraded && seen.includes('40{"sid"')) {
        sock.off('data', onData);
        sock.pause();
        resolve();
      }
    };
    sock.on('data', onData);
    sock.once('close', () => reject(new Error('closed during handshake')));
  });
  stats.connections++;
  return sock;
}

/** Writes `data` unless the socket is gone; waits for drain (or close) when its buffer is full. */
async function send(sock: Socket, data: Buffer): Promise<boolean> {
  if (sock.destroyed || sock.writableEnded) return false;
  if (sock.write(data)) return true;
  // Not events.once: it rejects on 'error', and a reset is the expected end here.
  await new Promise<void>((resolve) => {
    const done = () => {
      clearTimeout(timer);
      sock.off('drain', done).off('close', done).off('error', done);
      resolve();
    };
    const timer = setTimeout(done, Math.max(0, end - Date.now()));
    sock.once('drain', done).once('close', done).once('error', done);
  });
  return !sock.destroyed;
}

/** True once a second: time for a blind pong. */
function pongDue(state: { last: number }): boolean {
  if (Date.now() - state.last < 1000) return false;
  state.last = Date.now();
  return true;
}

async function wsFlooder(): Promise<void> {
  let ackId = 0;
  while (Date.now() < end) {
    const sock = await pausedWebSocket().catch(() => undefined);
    if (!sock) continue;
    const pong = { last: Date.now() };
    while (Date.now() < end) {
      const events = Array.from({ length: 50 }, () => frame(`42${ackId++}["check-connection",{"meetingId":"nope"}]`));
      const batch = Buffer.concat(pongDue(pong) ? [frame('3'), ...events] : events);
      if (!(await send(sock, batch))) break;
      stats.eventsSent += 50;
      await new Promise((r) => setImmediate(r));
    }
    if (sock.destroyed) stats.closedByServer++;
    sock.destroy();
  }
}

async function pollingFlooder(): Promise<void> {
  const base = `${url}/socket.io/?EIO=4&transport=polling`;
  let ackId = 0;
  while (Date.now() < end) {
    const open = await fetch(base).then((r) => r.text(), () => '');
    const sid = /"sid":"([^"]+)"/.exec(open)?.[1];
    if (!sid) continue;
    stats.connections++;
    const post = (body: string) => fetch(`${base}&sid=${sid}`, { method: 'POST', body, headers: { 'Content-Type': 'text/plain;charset=UTF-8' } }).then((r) => r.status, () => 0);
    if ((await post('40')) !== 200) continue;
    const pong = { last: Date.now() };
    // Never GET: every reply waits in the server's queue for this session.
    while (Date.now() < end) {
      const events = Array.from({ length: 400 }, () => `42${ackId++}["check-connection",{"meetingId":"nope"}]`);
      const body = (pongDue(pong) ? ['3', ...events] : events).join('\x1e');
      if ((await post(body)) !== 200) {
        stats.postsRefused++;
        stats.closedByServer++;
        break;
      }
      stats.eventsSent += 400;
    }
  }
}

async function pausedChatter(i: number): Promise<void> {
  const text = 'chat '.repeat(400).slice(0, 2000);
  let ackId = 0;
  while (Date.now() < end) {
    const sock = await pausedWebSocket().catch(() => undefined);
    if (!sock) continue;
    await send(sock, frame(`42${ackId++}["join-meeting",{"meetingId":"${meetingId}","displayName":"Paused ${i}"}]`));
    const pong = { last: Date.now() };
    while (Date.now() < end && !sock.destroyed) {
      const second = Date.now();
      if (pongDue(pong)) await send(sock, frame('3'));
      for (let k = 0; k < 9 && !sock.destroyed; k++) {
        await send(sock, frame(`42${ackId++}["chat-message",{"text":"${text}"}]`));
        stats.eventsSent++;
      }
      // 9 every 100 ms: 90 a second, inside the budget of 100.
      await new Promise((r) => setTimeout(r, Math.max(0, 100 - (Date.now() - second))));
    }
    if (sock.destroyed) stats.closedByServer++;
    sock.destroy();
  }
}

const attackers =
  kind === 'ws-flood'
    ? Array.from({ length: 4 }, () => wsFlooder())
    : kind === 'polling-flood'
      ? [pollingFlooder()]
      : Array.from({ length: 3 }, (_, i) => pausedChatter(i));
await Promise.all(attackers);
process.stdout.write(`${JSON.stringify(stats)}\n`);
process.exit(0);
