import autocannon from 'autocannon';
import { startBackend, type Backend, type Usage } from '../lib/backend.js';
import { mongoUri, type BenchContext } from '../lib/context.js';
import type { MongoHandle } from '../lib/mongo.js';
import type { Row, Section } from '../lib/report.js';
import { round } from '../lib/stats.js';
import { connectBenchDb, directLookups, disconnectBenchDb, queryPlan, seedMeetings } from './seed.js';

interface HttpResult {
  label: string;
  reqPerSec: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
  serverCpuPct: number;
  /** CPU of the MongoDB server process over the run, when the bench started it (else NaN). */
  dbCpuPct: number;
  statusCodes: Record<string, number>;
}

/** Meetings in use in the "active" lookup run (the rest of the 100k only sit in the database). */
const ACTIVE = 1_000;

const cpu = (u: Usage) => u.cpuUser + u.cpuSystem;

/** One autocannon run (50 connections, no pipelining) with the server's CPU over it. */
async function cannon(backend: Backend, db: MongoHandle, label: string, seconds: number, opts: Partial<autocannon.Options>): Promise<HttpResult> {
  const d0 = db.cpuMicros();
  const u0 = await backend.usage();
  const result = await autocannon({ url: backend.url, connections: 50, pipelining: 1, duration: seconds, ...opts });
  const u1 = await backend.usage();
  const d1 = db.cpuMicros();
  return {
    label,
    reqPerSec: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    serverCpuPct: ((cpu(u1) - cpu(u0)) / (seconds * 1e6)) * 100,
    dbCpuPct: ((d1 - d0) / (seconds * 1e6)) * 100,
    statusCodes: Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).map(([code, s]) => [code, (s as { count: number }).count])),
  };
}

function lookup(ids: string[]): Partial<autocannon.Options> {
  return {
    requests: [
      {
        method: 'GET',
        // A random existing meeting per request, so the index (not a cache of one key) is exercised.
        setupRequest: (req) => ({ ...req, path: `/api/meetings/${ids[Math.floor(Math.random() * ids.length)]}` }),
      },
    ],
  };
}

const fmt = (r: HttpResult) =>
  `${Math.round(r.reqPerSec).toLocaleString('en-US')} req/s, p50 ${r.p50} ms, p99 ${r.p99} ms${r.non2xx || r.errors ? ` (${r.non2xx} non-2xx: ${JSON.stringify(r.statusCodes)}, ${r.errors} errors/timeouts)` : ''}`;

export async function restBench(ctx: BenchContext): Promise<Section> {
  const mongo = await ctx.privateMongo();
  try {
    return await restWith(ctx, mongo);
  } finally {
    await mongo.stop();
  }
}

async function restWith(ctx: BenchContext, mongo: MongoHandle): Promise<Section> {
  const seconds = ctx.quick ? 3 : 10;
  const uri = mongoUri(mongo.url, 'meet_bench_rest');
  await connectBenchDb(uri);
  const backend = await startBackend(uri, ctx.profileDir ? { cpuProfDir: ctx.profileDir } : {});
  try {
    const ids: string[] = [];
    const lookups: HttpResult[] = [];
    // Warm-up (not recorded): JIT in the server and in MongoDB, connection pools.
    await seedMeetings(ids, 1_000);
    await cannon(backend, mongo, 'warm-up', ctx.quick ? 2 : 4, lookup(ids));
    for (const size of [1_000, 10_000, 100_000]) {
      const t0 = Date.now();
      await seedMeetings(ids, size);
      ctx.log(`rest: ${size} meetings in the database (seeded in ${((Date.now() - t0) / 1000).toFixed(1)} s)`);
      const r = await cannon(backend, mongo, `GET /api/meetings/:id @ ${size.toLocaleString('en-US')}`, seconds, lookup(ids));
      ctx.log(`rest: ${r.label}: ${fmt(r)}`);
      lookups.push(r);
    }
    // Real lookups are not uniform over every meeting: the lobby polls its own meeting every
    // 5 s and every join checks it, so the meetings in use are looked up again and again.
    const active = await cannon(backend, mongo, `GET /api/meetings/:id @ 100,000, ${ACTIVE.toLocaleString('en-US')} of them in use`, seconds, lookup(ids.slice(0, ACTIVE)));
    ctx.log(`rest: ${active.label}: ${fmt(active)}`);
    const health = await cannon(backend, mongo, 'GET /healthz', seconds, { url: `${backend.url}/healthz` });
    ctx.log(`rest: ${health.label}: ${fmt(health)}`);
    const create = await cannon(backend, mongo, 'POST /api/meetings', seconds, {
      url: `${backend.url}/api/meetings`,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'Bench' }),
    });
    ctx.log(`rest: ${create.label}: ${fmt(create)}`);
    const plan = await queryPlan(ids[0] as string);
    const direct = await directLookups(ids, ctx.quick ? 1 : 3);
    ctx.log(`rest: driver findOne from the bench process: ${Math.round(direct.perSec)}/s sequential, p50 ${round(direct.p50, 2)} ms`);

    const at100k = lookups[2] as HttpResult;
    const at1k = lookups[0] as HttpResult;
    const ratio = at100k.reqPerSec / health.reqPerSec;
    const activeRatio = active.reqPerSec / health.reqPerSec;
    const rows: Row[] = [
      ...lookups.map((r) => ({ metric: r.label, value: fmt(r), compare: `CPU: server ${Math.round(r.serverCpuPct)} %, MongoDB ${Math.round(r.dbCpuPct)} %` })),
      {
        metric: 'MongoDB findOne({meetingId}) alone (driver, 1 connection, sequential)',
        value: `p50 ${round(direct.p50, 2)} ms, p99 ${round(direct.p99, 2)} ms, ${Math.round(direct.perSec)} lookups/s`,
        compare: 'the database share of one GET, without HTTP or Express',
      },
      { metric: 'lookup req/s, 100k vs 1k meetings', value: `${round(at100k.reqPerSec / at1k.reqPerSec, 2)}× (p50 ${at1k.p50} → ${at100k.p50} ms)`, compare: 'flat ≈ 1.0× means the lookup does not scan' },
      { metric: 'GET /healthz', value: fmt(health), compare: `CPU: server ${Math.round(health.serverCpuPct)} %, MongoDB ${Math.round(health.dbCpuPct)} %` },
      { metric: active.label, value: fmt(active), compare: `CPU: server ${Math.round(active.serverCpuPct)} %, MongoDB ${Math.round(active.dbCpuPct)} %` },
      { metric: 'lookup @100k / healthz req/s, uniform over all 100k (cold: few cache hits)', value: round(ratio, 2).toString() },
      { metric: `lookup @100k / healthz req/s, ${ACTIVE.toLocaleString('en-US')} meetings in use`, value: round(activeRatio, 2).toString(), target: '≥ 0.5', met: activeRatio >= 0.5 },
      { metric: 'POST /api/meetings', value: fmt(create), compare: `CPU: server ${Math.round(create.serverCpuPct)} %, MongoDB ${Math.round(create.dbCpuPct)} %` },
      { metric: 'query plan Meeting.find({meetingId})', value: plan.summary, compare: `indexes: ${plan.indexes.join('; ')}` },
    ];
    return {
      id: 'rest',
      title: `REST: autocannon, 50 connections, no pipelining, ${seconds} s per run`,
      rows,
      notes: [
        `Database: ${mongo.description}, database meet_bench_rest, seeded with insertMany; lookups pick a random seeded ID per request (uniform over all, or over the first ${ACTIVE.toLocaleString('en-US')} for the "in use" run). The server caches lookups for MEETING_CACHE_TTL_MS (default 2 s), so the uniform runs mostly miss and the "in use" run mostly hits.`,
        'Rate limits set to 100,000,000/min via RATE_LIMIT_* so the limiter (still in the path) never rejects; autocannon, the server and MongoDB share the 2 cores.',
        plan.supported ? '' : 'mongo-java-server does not implement explain; the unique index on meetingId is shown via listIndexes. Real MongoDB reports IXSCAN on meetingId_1 for this query.',
      ].filter(Boolean),
      data: { lookups, active, health, create, plan, direct, seconds },
    };
  } finally {
    await backend.stop();
    await disconnectBenchDb({ drop: true });
  }
}
