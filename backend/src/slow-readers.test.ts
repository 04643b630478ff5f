import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { testMongoUri } from '../../testkit/mongo.js';
import { disconnectTestDb } from './test/db.js';

/**
 * Issue 15's slow-reader attacks against the real entry point in a child process with a 512 MB
 * heap (the attacker is another child, so this process only measures): for a bounded time, the
 * server's RSS must stay under a stated bound and `/healthz` must answer within 200 ms throughout.
 * Before the outbound bound these grew the server by ~100 MB/s and killed a 512 MB heap in seconds.
 */
const BACKEND = fileURLToPath(new URL('../', import.meta.url));
// SLOW_READER_ATTACK_MS lengthens the attacks to measure (docs/security.md has 30 s figures).
const ATTACK_MS = Number(process.env.SLOW_READER_ATTACK_MS ?? 8000);
/** Long enough to fill the kernel's socket buffers (several MB on loopback) before the server's own queue. */
const CHAT_ATTACK_MS = Math.max(ATTACK_MS, 12_000);
/** Healthy idle RSS under tsx is ~150-200 MB; the bound leaves room for the attack's working set, not for queues. */
const RSS_BOUND_MB = 330;
/**
 * Growth over the attack: what parsing and the heap's own growth may cost on top of start-up, with
 * every queue bounded. Node 24's V8 grows its heap more eagerly than Node 20's: the fixed server
 * measured +20 MB on Node 20 and +78 MB on Node 24 for the same WebSocket flood, every attacker
 * closed. The unbounded queues this guards against grew ~100 MB/s on an idle machine, so the
 * absolute RSS_BOUND_MB is what tells a leak apart.
 */
const RSS_GROWTH_MB = 100;
/**
 * /healthz must answer within 200 ms at the 95th percentile and never stall past 2 s (before the
 * fix it stalled 4.9 s). On an oversubscribed machine (load average above the core count, as on a
 * shared CI box) every process waits for the scheduler whatever the server does, so the p95 bound
 * grows with the oversubscription, up to 1 s; the test prints the bound it used.
 */
const HEALTH_P95_MS = 200;
const HEALTH_MAX_MS = 2000;
function p95Bound(): number {
  const oversubscription = Math.max(1, loadavg()[0]! / availableParallelism());
  return Math.min(1000, HEALTH_P95_MS * oversubscription);
}
const children: ChildProcess[] = [];

function spawnNode(args: string[], env: Record<string, string>): { child: ChildProcess; output: () => string } {
  const base = { ...process.env };
  delete base.REDIS_URL;
  const child = spawn(process.execPath, ['--import', 'tsx', ...args], { cwd: BACKEND, env: { ...base, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  return { child, output: () => out };
}

async function startBackend(): Promise<{ child: ChildProcess; url: string; output: () => string }> {
  const backend = spawnNode(['--max-old-space-size=512', 'src/index.ts'], {
    NODE_ENV: 'test',
    LOG_LEVEL: 'info',
    PORT: '0',
    HOST: '127.0.0.1',
    MONGO_URI: await testMongoUri(),
  });
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const line = backend.output().split('\n').find((l) => l.includes('meet backend listening'));
    if (line) return { ...backend, url: (JSON.parse(line) as { url: string }).url.replace('localhost', '127.0.0.1') };
    if (backend.child.exitCode !== null) throw new Error(`backend exited early:\n${backend.output()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`backend did not start:\n${backend.output()}`);
}

function rssMb(pid: number): number {
  const kb = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  return Number(kb ?? 0) / 1024;
}

interface Watch {
  maxRssMb: number;
  startRssMb: number;
  healthMs: number[];
}

/** Runs `attack` against a fresh server while sampling RSS and /healthz latency every 100 ms. */
async function underAttack(kind: string, ms: number, meetingId?: (url: string) => Promise<string>): Promise<Watch & { attacker: string; log: string }> {
  const server = await startBackend();
  const pid = server.child.pid!;
  const watch: Watch = { maxRssMb: 0, startRssMb: rssMb(pid), healthMs: [] };
  const id = meetingId ? await meetingId(server.url) : '';
  // Warm up the paths measured below (first connection, lazy compilation under tsx).
  for (let i = 0; i < 5; i++) await fetch(`${server.url}/healthz`);
  const attacker = spawnNode(['src/test/slow-reader-attack.ts', kind, server.url, String(ms), id], {});
  const attackDone = new Promise<void>((resolve) => attacker.child.once('exit', () => resolve()));
  let attacking = true;
  void attackDone.then(() => (attacking = false));
  while (attacking) {
    const tickStarted = Date.now();
    watch.maxRssMb = Math.max(watch.maxRssMb, rssMb(pid));
    const started = performance.now();
    const status = await fetch(`${server.url}/healthz`, { signal: AbortSignal.timeout(2000) }).then((r) => r.status, () => 0);
    watch.healthMs.push(status === 200 ? performance.now() - started : Infinity);
    if (server.child.exitCode !== null) break;
    await Promise.race([attackDone, new Promise((r) => setTimeout(r, Math.max(0, 100 - (Date.now() - tickStarted))))]);
  }
  await attackDone;
  watch.maxRssMb = Math.max(watch.maxRssMb, server.child.exitCode === null ? rssMb(pid) : Infinity);
  const log = server.output();
  const result = { ...watch, attacker: attacker.output().trim(), log };
  // The figures the issue asks for, in the test output.
  const sorted = [...watch.healthMs].sort((a, b) => a - b);
  const p50 = sorted[Math.floor(sorted.length / 2)] ?? NaN;
  console.log(
    `[slow-readers] ${kind}: RSS ${watch.startRssMb.toFixed(0)} MB -> max ${watch.maxRssMb.toFixed(0)} MB; /healthz p50 ${p50.toFixed(0)} ms, ` +
      `max ${Math.max(...watch.healthMs).toFixed(0)} ms over ${watch.healthMs.length} probes; attacker ${result.attacker}`,
  );
  server.child.kill('SIGKILL');
  return result;
}

async function createMeeting(url: string): Promise<string> {
  const res = await fetch(`${url}/api/meetings`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
  return ((await res.json()) as { meetingId: string }).meetingId;
}

function expectHealthy(healthMs: number[]): void {
  const sorted = [...healthMs].sort((a, b) => a - b);
  expect(sorted.length).toBeGreaterThan(10);
  const bound = p95Bound();
  console.log(`[slow-readers] /healthz p95 ${sorted[Math.floor(sorted.length * 0.95)]!.toFixed(0)} ms, bound ${bound.toFixed(0)} ms (load ${loadavg()[0]!.toFixed(1)})`);
  expect(sorted[Math.floor(sorted.length * 0.95)]).toBeLessThan(bound);
  expect(sorted.at(-1)).toBeLessThan(HEALTH_MAX_MS);
}

afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null) c.kill('SIGKILL');
});
afterAll(disconnectTestDb);

describe('slow readers (issue 15, finding 1)', () => {
  it(`when four WebSocket clients stop reading and flood acked events for ${ATTACK_MS / 1000} s, then RSS stays under ${RSS_BOUND_MB} MB and /healthz answers within ${HEALTH_P95_MS} ms (p95)`, async () => {
    const r = await underAttack('ws-flood', ATTACK_MS);
    expect(r.maxRssMb).toBeLessThan(RSS_BOUND_MB);
    expect(r.maxRssMb - r.startRssMb).toBeLessThan(RSS_GROWTH_MB);
    expectHealthy(r.healthMs);
    expect(r.log).toMatch(/far over its event budget|outbound buffer over its limit/);
    expect(JSON.parse(r.attacker).closedByServer).toBeGreaterThan(0);
  }, 60_000 + 2 * ATTACK_MS);

  it(`when a long-polling client POSTs acked events and never GETs for ${ATTACK_MS / 1000} s, then RSS stays under ${RSS_BOUND_MB} MB and /healthz answers within ${HEALTH_P95_MS} ms (p95)`, async () => {
    const r = await underAttack('polling-flood', ATTACK_MS);
    expect(r.maxRssMb).toBeLessThan(RSS_BOUND_MB);
    expect(r.maxRssMb - r.startRssMb).toBeLessThan(RSS_GROWTH_MB);
    expectHealthy(r.healthMs);
    expect(JSON.parse(r.attacker).closedByServer).toBeGreaterThan(0);
  }, 60_000 + 2 * ATTACK_MS);

  it(`when three members stop reading and chat inside their budget for ${CHAT_ATTACK_MS / 1000} s, then they are disconnected with a logged reason and RSS stays under ${RSS_BOUND_MB} MB`, async () => {
    const r = await underAttack('paused-chat', CHAT_ATTACK_MS, createMeeting);
    expect(r.maxRssMb).toBeLessThan(RSS_BOUND_MB);
    expect(r.maxRssMb - r.startRssMb).toBeLessThan(RSS_GROWTH_MB);
    expectHealthy(r.healthMs);
    expect(r.log).toContain('outbound buffer over its limit');
  }, 60_000 + 2 * ATTACK_MS);
});
