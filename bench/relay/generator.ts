/**
 * Load generator child. `setup` connects four participants per meeting (optionally spreading
 * each meeting over several server URLs, for the scale-out run); `load` sends relay messages
 * open-loop at a fixed rate and reports delivered messages and their latency; `connect-idle`
 * only opens sockets and holds them (idle capacity).
 */
import { processUsage, serveParent } from '../lib/child.js';
import { LatencyHistogram } from '../lib/stats.js';
import { EVENT_CYCLE, candidateAt, sdpAt, sentAtOf } from './message.js';
import { connectSocketIo, rawClient, socketIoClient, type BenchClient, type Transport } from './transports.js';

interface Pair {
  from: BenchClient;
  to: string;
  step: number;
}

let clients: BenchClient[] = [];
let pairs: Pair[] = [];
let idle: { close(): void }[] = [];
let measuring: { start: number; end: number; hist: LatencyHistogram; received: number } | undefined;
let totalReceived = 0;
let totalSent = 0;

function onRelay(event: string, payload: Record<string, unknown>): void {
  const now = performance.now();
  totalReceived++;
  if (!measuring || now < measuring.start || now > measuring.end) return;
  measuring.received++;
  const sentAt = sentAtOf(event, payload as never);
  if (Number.isFinite(sentAt)) measuring.hist.record(now - sentAt);
}

async function setup(msg: Record<string, unknown>) {
  const transport = msg.transport as Transport;
  const urls = msg.urls as string[];
  const meetingIds = msg.meetingIds as string[];
  const perMeeting = msg.perMeeting as number;
  for (const meetingId of meetingIds) {
    // Join one by one within a meeting (as people do); meetings in parallel batches.
    const members: BenchClient[] = [];
    for (let i = 0; i < perMeeting; i++) {
      const url = urls[i % urls.length] as string;
      members.push(transport === 'raw' ? await rawClient(url, meetingId) : await socketIoClient(url, meetingId, `bench ${i}`));
    }
    for (const m of members) {
      m.onRelay(onRelay);
      for (const other of members) if (other !== m) pairs.push({ from: m, to: other.selfId, step: 0 });
    }
    clients.push(...members);
  }
  return { clients: clients.length };
}

/** Sends `rate` msgs/s for warmup + measure ms over all pairs in turn; then drains. */
async function load(msg: Record<string, unknown>) {
  const rate = msg.rate as number;
  const warmupMs = msg.warmupMs as number;
  const measureMs = msg.measureMs as number;
  const tickMs = 5;
  const cpu0 = process.cpuUsage();
  const begin = performance.now();
  measuring = { start: begin + warmupMs, end: begin + warmupMs + measureMs, hist: new LatencyHistogram(), received: 0 };
  let owed = 0;
  let next = 0;
  let sentInWindow = 0;
  let n = 0;
  let last = begin;
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      const now = performance.now();
      if (now >= measuring!.end) {
        clearInterval(timer);
        resolve();
        return;
      }
      // Open loop: owe messages by elapsed time, so a slow tick sends more, not fewer.
      owed += ((now - last) / 1000) * rate;
      last = now;
      while (owed >= 1) {
        owed--;
        const pair = pairs[next++ % pairs.length] as Pair;
        const event = EVENT_CYCLE[pair.step++ % EVENT_CYCLE.length] as string;
        const t = performance.now();
        if (event === 'ice-candidate') pair.from.send(event, { to: pair.to, candidate: candidateAt(t, n++) });
        else pair.from.send(event, { to: pair.to, sdp: sdpAt(t) });
        totalSent++;
        if (t >= measuring!.start) sentInWindow++;
      }
    }, tickMs);
  });
  const cpu = process.cpuUsage(cpu0);
  // Let in-flight messages land before the next step, bounded.
  const drainDeadline = performance.now() + 3000;
  while (totalReceived < totalSent && performance.now() < drainDeadline) await new Promise((r) => setTimeout(r, 20));
  const w = measuring;
  measuring = undefined;
  return {
    sentInWindow,
    receivedInWindow: w.received,
    backlog: totalSent - totalReceived,
    hist: w.hist.toSparse(),
    cpuMicros: cpu.user + cpu.system,
    elapsedMs: performance.now() - begin,
  };
}

async function connectIdle(msg: Record<string, unknown>) {
  const url = msg.url as string;
  const count = msg.count as number;
  const batch = msg.batch as number;
  let failed = 0;
  let firstError = '';
  const started = performance.now();
  for (let i = 0; i < count; i += batch) {
    const results = await Promise.allSettled(Array.from({ length: Math.min(batch, count - i) }, () => connectSocketIo(url)));
    for (const r of results) {
      if (r.status === 'fulfilled') idle.push(r.value);
      else {
        failed++;
        firstError ||= String((r.reason as Error)?.message ?? r.reason);
      }
    }
    if (failed > count / 4) break; // the server is refusing: stop hammering it
  }
  return { connected: idle.length, failed, firstError, ms: performance.now() - started };
}

serveParent({
  setup,
  load,
  'connect-idle': connectIdle,
  'count-idle': () => ({ connected: idle.filter((s) => (s as unknown as { connected: boolean }).connected).length }),
  usage: () => processUsage(),
  close: () => {
    for (const c of clients) c.close();
    for (const s of idle) s.close();
    clients = [];
    pairs = [];
    idle = [];
    return {};
  },
});
process.send?.({ type: 'ready' });
