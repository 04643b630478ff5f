import { startBackend } from '../lib/backend.js';
import { mongoUri, type BenchContext } from '../lib/context.js';
import type { Section } from '../lib/report.js';
import { round } from '../lib/stats.js';
import { GeneratorPool } from './generators.js';

const KB = 1024;

/** Holds many idle Socket.io connections on one server process and weighs them. */
export async function idleBench(ctx: BenchContext): Promise<Section> {
  const target = ctx.quick ? 2_000 : 10_000;
  const generators = 4;
  const holdMs = ctx.quick ? 6_000 : 11_000; // ≥ one ping interval (5 s) + timeout, so dead ones would show
  const mongo = await ctx.mongo();
  const backend = await startBackend(mongoUri(mongo.url, 'meet_bench_idle'), { nofile: target * 2 + 1000 });
  const pool = await GeneratorPool.start(generators, Math.ceil(target / generators) * 2 + 1000);
  try {
    const before = await backend.usageAfterGc();
    const t0 = Date.now();
    const replies = await pool.call<{ connected: number; failed: number; firstError: string }>(
      'connect-idle',
      () => ({ url: backend.url, count: Math.ceil(target / generators), batch: 100 }),
      180_000,
    );
    const connectSeconds = (Date.now() - t0) / 1000;
    const connected = replies.reduce((a, r) => a + r.connected, 0);
    const failed = replies.reduce((a, r) => a + r.failed, 0);
    const firstError = replies.find((r) => r.firstError)?.firstError ?? '';
    ctx.log(`idle: ${connected} sockets connected in ${connectSeconds.toFixed(1)} s (${failed} failed); holding ${holdMs / 1000} s`);
    await new Promise((r) => setTimeout(r, holdMs));
    const after = await backend.usageAfterGc();
    const held = (await pool.call<{ connected: number }>('count-idle', () => ({}))).reduce((a, r) => a + r.connected, 0);
    const rssPer = (after.rss - before.rss) / after.sockets / KB;
    const heapPer = (after.heapUsed + after.external - before.heapUsed - before.external) / after.sockets / KB;
    return {
      id: 'idle',
      title: `Idle capacity: ${target.toLocaleString('en-US')} Socket.io connections on one server process`,
      rows: [
        { metric: 'sockets held after the hold period', value: `${after.sockets.toLocaleString('en-US')} on the server, ${held.toLocaleString('en-US')} connected clients`, compare: `${target.toLocaleString('en-US')} attempted, ${failed} failed to connect${firstError ? ` (first error: ${firstError})` : ''}` },
        { metric: 'memory per socket (RSS delta / sockets)', value: `${round(rssPer)} kB`, compare: 'Socket.io documents ≈ 10 kB' },
        { metric: 'JS heap + buffers per socket', value: `${round(heapPer)} kB`, compare: `server RSS ${round(before.rss / 2 ** 20)} → ${round(after.rss / 2 ** 20)} MB` },
        { metric: 'connect rate', value: `${Math.round(connected / connectSeconds)} sockets/s`, compare: `${generators} generator processes, batches of 100` },
      ],
      notes: [`Connected only (not joined to meetings): the cost of an open tab. Measured after a forced GC in the server (--expose-gc), holding ${holdMs / 1000} s with pingInterval 5 s.`],
      data: { target, connected, failed, firstError, held, before, after, rssPerSocketKB: rssPer, heapPerSocketKB: heapPer, connectSeconds },
    };
  } finally {
    await pool.stop();
    await backend.stop();
  }
}
