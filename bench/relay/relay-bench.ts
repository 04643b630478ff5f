import path from 'node:path';
import { startBackend, type Usage } from '../lib/backend.js';
import { NodeChild, ROOT } from '../lib/child.js';
import { mongoUri, type BenchContext } from '../lib/context.js';
import { freePort } from '../../testkit/ports.js';
import type { Row, Section } from '../lib/report.js';
import { round } from '../lib/stats.js';
import { GeneratorPool, type StepResult } from './generators.js';
import { scaleOutPlan, startScaleOut } from './scale-out.js';
import type { Transport } from './transports.js';

const P99_LIMIT_MS = 50;
const PER_MEETING = 4;

interface RelayServer {
  url: string;
  usage(): Promise<Usage>;
  usageAfterGc(): Promise<Usage>;
  stop(): Promise<void>;
}

interface Step extends StepResult {
  serverCpuPct: number;
}

export interface RelayRun {
  transport: Transport;
  clients: number;
  rssPerConnectionKB: number;
  heapPerConnectionKB: number;
  steps: Step[];
  /** Highest delivered rate with p99 ≤ 50 ms and ≥ 90 % of the offered load delivered. */
  sustained: Step | undefined;
  /** The first step past the limit, if the ramp got there. */
  broke: Step | undefined;
}

async function startRawRelay(): Promise<RelayServer> {
  const port = await freePort();
  const child = new NodeChild(path.join(ROOT, 'bench/server/raw-relay.ts'), [String(port)], { nodeArgs: ['--expose-gc'] });
  await child.waitFor('ready');
  return {
    url: `http://127.0.0.1:${port}`,
    usage: () => child.call<Usage>('usage'),
    usageAfterGc: () => child.call<Usage>('gc'),
    stop: () => child.stop(),
  };
}

async function createMeetings(url: string, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const res = await fetch(`${url}/api/meetings`, { method: 'POST' });
    if (res.status !== 201) throw new Error(`POST /api/meetings: ${res.status} ${await res.text()}`);
    ids.push(((await res.json()) as { meetingId: string }).meetingId);
  }
  return ids;
}

const cpuMicros = (u: Usage) => u.cpuUser + u.cpuSystem;

/** Ramps the offered load on one server until p99 passes the limit or delivery falls behind. */
async function ramp(ctx: BenchContext, transport: Transport, server: RelayServer, meetingIds: string[], urls: string[]): Promise<RelayRun> {
  const pool = await GeneratorPool.start(2);
  try {
    const before = await server.usageAfterGc();
    const clients = await pool.setup(transport, urls, meetingIds, PER_MEETING);
    const after = await server.usageAfterGc();
    const rates = ctx.quick ? [1000, 4000, 8000, 16000, 32000] : [1000, 2000, 4000, 6000, 8000, 11000, 15000, 20000, 27000, 36000];
    const warmupMs = ctx.quick ? 500 : 1000;
    const measureMs = ctx.quick ? 2000 : 4000;
    const steps: Step[] = [];
    let broke: Step | undefined;
    for (const rate of rates) {
      // Sample the server's CPU at the edges of the measured window (not the warm-up).
      const u0 = new Promise<Usage>((r) => setTimeout(() => r(server.usage()), warmupMs));
      const u1 = new Promise<Usage>((r) => setTimeout(() => r(server.usage()), warmupMs + measureMs));
      const res = await pool.step(rate, warmupMs, measureMs);
      const serverCpuPct = ((cpuMicros(await u1) - cpuMicros(await u0)) / (measureMs * 1000)) * 100;
      const step: Step = { ...res, serverCpuPct };
      steps.push(step);
      ctx.log(
        `${transport}: offered ${rate}/s → delivered ${Math.round(step.delivered)}/s, p50 ${round(step.p50)} ms, p99 ${round(step.p99)} ms, server CPU ${Math.round(serverCpuPct)} %, generators ${Math.round(step.generatorCpuPct)} %`,
      );
      if (step.p99 > P99_LIMIT_MS || step.delivered < 0.9 * rate) {
        broke = step;
        break;
      }
    }
    const ok = steps.filter((s) => s !== broke);
    return {
      transport,
      clients,
      rssPerConnectionKB: (after.rss - before.rss) / clients / 1024,
      heapPerConnectionKB: (after.heapUsed + after.external - before.heapUsed - before.external) / clients / 1024,
      steps,
      sustained: ok.sort((a, b) => b.delivered - a.delivered)[0],
      broke,
    };
  } finally {
    await pool.stop();
  }
}

const fmtRate = (s: Step | undefined) => (s ? `${Math.round(s.delivered).toLocaleString('en-US')} msgs/s` : 'n/a');

export async function relayBench(ctx: BenchContext): Promise<Section> {
  const meetings = ctx.quick ? 20 : 50;
  const mongo = await ctx.mongo();
  const backend = await startBackend(mongoUri(mongo.url, 'meet_bench_relay'), ctx.profileDir ? { cpuProfDir: ctx.profileDir } : {});
  let sio: RelayRun;
  try {
    const ids = await createMeetings(backend.url, meetings);
    sio = await ramp(ctx, 'socketio', backend, ids, [backend.url]);
  } finally {
    await backend.stop();
  }
  const raw = await startRawRelay();
  let floor: RelayRun;
  try {
    const ids = Array.from({ length: meetings }, (_, i) => `raw-${i}`);
    floor = await ramp(ctx, 'raw', raw, ids, [raw.url]);
  } finally {
    await raw.stop();
  }

  // Scale-out: the same ramp against two instances sharing Redis, members of a meeting split.
  const plan = scaleOutPlan();
  let scaled: RelayRun | undefined;
  let scaleNote = `Scale-out (two servers + Redis): not run: ${plan.reason}.`;
  if (plan.backendReady && plan.redisAvailable) {
    const pair = await startScaleOut(mongoUri(mongo.url, 'meet_bench_relay'), ctx.profileDir);
    try {
      const ids = await createMeetings(pair.url, meetings);
      scaled = await ramp(ctx, 'socketio', pair, ids, pair.urls);
      scaleNote = `Scale-out: two backend processes with REDIS_URL (${pair.redisUrl}, private redis-server unless REDIS_URL is set), members of each meeting alternating between them; CPU and memory summed over both servers (Redis itself not counted).`;
    } finally {
      await pair.stop();
    }
  }

  const ratio = sio.sustained && floor.sustained ? sio.sustained.delivered / floor.sustained.delivered : NaN;
  const at = (s: Step | undefined) => (s ? `p50 ${round(s.p50)} ms / p99 ${round(s.p99)} ms, server CPU ${Math.round(s.serverCpuPct)} %` : 'n/a');
  const rows: Row[] = [
    { metric: 'relayed msgs/s, sustained (p99 ≤ 50 ms)', value: `Socket.io ${fmtRate(sio.sustained)}`, compare: `raw ws relay ${fmtRate(floor.sustained)}` },
    { metric: 'Socket.io / raw throughput', value: `${round(ratio, 2)}`, target: '≥ 0.5', met: ratio >= 0.5 },
    { metric: 'latency at sustained load', value: `Socket.io ${at(sio.sustained)}`, compare: `raw ${at(floor.sustained)}` },
    {
      metric: 'first step past the limit',
      value: sio.broke ? `Socket.io offered ${sio.broke.offered}/s: delivered ${fmtRate(sio.broke)}, p99 ${round(sio.broke.p99)} ms` : 'not reached',
      compare: floor.broke ? `raw offered ${floor.broke.offered}/s: p99 ${round(floor.broke.p99)} ms` : 'raw: not reached',
    },
    {
      metric: 'server memory per connection (RSS / heap+buffers)',
      value: `Socket.io ${round(sio.rssPerConnectionKB)} / ${round(sio.heapPerConnectionKB)} kB`,
      compare: `raw ${round(floor.rssPerConnectionKB)} / ${round(floor.heapPerConnectionKB)} kB`,
    },
  ];
  if (scaled) {
    rows.push({
      metric: 'scale-out: 2 servers + Redis, sustained (p99 ≤ 50 ms)',
      value: `${fmtRate(scaled.sustained)}, ${at(scaled.sustained)}`,
      compare: `one server ${fmtRate(sio.sustained)}`,
    });
  }
  return {
    id: 'relay',
    title: `Signaling relay: ${meetings} four-person meetings (${sio.clients} sockets), 2 generator processes`,
    rows,
    notes: [
      'Each member sends offer, ice×2, answer, ice×2 to every other member in turn (3 kB SDP, ~150 B candidates), open loop at the offered rate; latency is send→receive in the same generator process (timestamp inside the SDP / candidate string).',
      'Server CPU: process.cpuUsage of the server process over the measured window (100 % = one core). All processes share 2 cores: generators, server and MongoDB compete, so the generators cap both relays alike.',
      scaleNote,
    ],
    data: { socketio: sio, raw: floor, ratio, scaleOut: { plan, run: scaled } },
  };
}
