/**
 * `npm run bench [-- --quick] [-- --only relay,idle,rest,bundle,lighthouse,browser,sfu-join] [-- --profile]`
 * Runs the selected benchmarks one after another on loopback, prints each figure beside its
 * same-run comparison, and writes bench/results/latest.{json,md}. Not part of `npm test`.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { ROOT, killAllChildren } from './lib/child.js';
import { parseArgs, type BenchId } from './lib/cli.js';
import type { BenchContext } from './lib/context.js';
import { machineInfo } from './lib/machine.js';
import { ensureMongo, type MongoHandle } from './lib/mongo.js';
import { printSection, writeReport, type Section } from './lib/report.js';

const opts = parseArgs(process.argv.slice(2));
const started = Date.now();
// Profiles (and that run's report) go to the git-ignored .tmp/, never over bench/results/latest.md.
const profileDir = opts.profile ? path.join(ROOT, '.tmp/bench-profile/profiles') : undefined;
if (profileDir) mkdirSync(profileDir, { recursive: true });

let mongo: Promise<MongoHandle> | undefined;
const ctx: BenchContext = {
  quick: opts.quick,
  profileDir,
  mongo: () => (mongo ??= ensureMongo()),
  privateMongo: () => ensureMongo(),
  log: (m) => console.log(`  [${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${m}`),
};

const benches: Record<BenchId, () => Promise<Section>> = {
  bundle: async () => (await import('./bundle/bundle-bench.js')).bundleBench(ctx),
  rest: async () => (await import('./rest/rest-bench.js')).restBench(ctx),
  relay: async () => (await import('./relay/relay-bench.js')).relayBench(ctx),
  idle: async () => (await import('./relay/idle-bench.js')).idleBench(ctx),
  lighthouse: async () => (await import('./lighthouse/lighthouse-bench.js')).lighthouseBench(ctx),
  browser: async () => (await import('./browser/browser-bench.js')).browserBench(ctx),
  'sfu-join': async () => (await import('./browser/sfu-join-bench.js')).sfuJoinBench(ctx),
};
// Fixed order: cheap and build-dependent first, the heaviest (browser) last.
const order: BenchId[] = ['bundle', 'rest', 'relay', 'idle', 'lighthouse', 'browser', 'sfu-join'];

const machine = machineInfo();
console.log(`bench: ${opts.only.join(', ')}${opts.quick ? ' (quick)' : ''} on ${machine.nproc} × ${machine.cpuModel}, Node ${machine.node}`);
const sections: Section[] = [];
let failed = false;
try {
  for (const id of order.filter((b) => opts.only.includes(b))) {
    ctx.log(`${id}: starting`);
    let section: Section;
    try {
      section = await benches[id]();
    } catch (err) {
      failed = true;
      console.error(err);
      section = { id, title: `${id}: FAILED`, rows: [], notes: [String((err as Error).message ?? err).split('\n')[0] as string], data: null };
    }
    sections.push(section);
    printSection(section);
  }
} finally {
  if (mongo) await (await mongo.catch(() => undefined))?.stop();
}

const args = process.argv.slice(2).join(' ');
const files = writeReport({
  startedAt: new Date(started).toISOString(),
  durationSeconds: (Date.now() - started) / 1000,
  command: `npm run bench${args ? ` -- ${args}` : ''}`,
  quick: opts.quick,
  machine,
  sections,
}, profileDir ? path.dirname(profileDir) : undefined);
console.log(`\nwrote ${path.relative(ROOT, files.md)} and ${path.relative(ROOT, files.json)} in ${Math.round((Date.now() - started) / 1000)} s`);
killAllChildren();
process.exit(failed ? 1 : 0);
