import type { Row } from '../lib/report.js';
import { percentile, round } from '../lib/stats.js';
import type { Hold } from './sfu-join-hold.js';
import type { JoinSample } from './sfu-join-sample.js';

// How the mesh-vs-SFU benchmark words its figures, and which targets it checks.

/** One size in one mode: its measured joins, failures, and the hold after the last join. */
export interface SizeResult {
  samples: JoinSample[];
  failures: string[];
  hold: Hold | null;
}

const p50 = (xs: number[]) => percentile(xs.filter(Number.isFinite), 50);
const p95 = (xs: number[]) => percentile(xs.filter(Number.isFinite), 95);
const both = (s: JoinSample) => Math.max(s.sees, s.seen);
const ms = (x: number) => (Number.isFinite(x) ? `${(x / 1000).toFixed(2)} s` : 'n/a');
export const ordinal = (n: number) => `${n}${n === 1 ? 'st' : n === 2 ? 'nd' : n === 3 ? 'rd' : 'th'}`;

export function describeSize(r: SizeResult): string {
  const xs = r.samples.map(both);
  return `${ms(p50(xs))} / ${ms(p95(xs))} (n=${r.samples.length}${r.failures.length ? `, ${r.failures.length} FAILED` : ''})`;
}

/** Stable: every page presented new frames from every other person at ≥ 5 fps throughout the hold. */
const stable = (h: Hold | null) => !!h && h.fps.length === h.pairs && Math.min(...h.fps) >= 5;

export function describeHold(h: Hold | null): string {
  if (!h) return 'no hold (the last join failed)';
  const active = h.outbound.map((o) => o.active);
  const total = h.outbound.map((o) => o.total);
  return `video encodes per browser ${p50(active)} sending (${p50(total)} set up), frames/s per tile min ${round(Math.min(...h.fps), 1)} / p50 ${round(p50(h.fps), 1)} over ${h.pairs} tiles in ${round(h.seconds, 0)} s; CPU: our processes ${round(h.ourCores, 2)} cores${Number.isFinite(h.livekitCores) ? ` (LiveKit ${round(h.livekitCores, 2)})` : ''}, machine ${Math.round(h.machineBusyPct)} % busy; by process: ${h.roles
    .filter((r) => r.cores >= 0.01)
    .map((r) => `${r.role} ×${r.count} ${round(r.cores, 2)}`)
    .join(', ')} (renderer threads: ${h.rendererThreads
    .filter((t) => t.cores >= 0.01)
    .map((t) => `${t.name} ${round(t.cores, 2)}`)
    .join(', ')}); last joiner sends ${h.layers.at(-1)?.out.join(' ') || 'nothing'}, receives ${h.layers.at(-1)?.in.join(' ') || 'nothing'}`;
}

/** The three rows of one size: the join (with its target), its breakdown, and the hold. */
export function sizeRows(size: number, results: Record<string, SizeResult>): Row[] {
  const rows: Row[] = [];
  const notRun: SizeResult = { samples: [], failures: [], hold: null };
  const mesh = results[`mesh:${size}`] ?? notRun;
  const sfu = results[`sfu:${size}`] ?? notRun;
  const meshP50 = p50(mesh.samples.map(both));
  const sfuP50 = p50(sfu.samples.map(both));
  const speedup = meshP50 / sfuP50;
  const ok = sfu.failures.length === 0 && sfu.samples.length > 0;
  const target =
    size === 6 ? { target: 'SFU p50 ≤ 2 s and ≥ 5× faster', met: ok && sfuP50 <= 2_000 && (speedup >= 5 || mesh.samples.length === 0) } : size === 4 ? { target: 'SFU p50 ≤ mesh p50', met: ok && sfuP50 <= meshP50 } : {};
  rows.push({
    metric: `${ordinal(size)} joiner: click → sees everyone and is seen by everyone (p50 / p95)`,
    value: `SFU ${describeSize(sfu)}`,
    compare: `mesh ${describeSize(mesh)}; mesh / SFU p50 = ${Number.isFinite(speedup) ? `${round(speedup, 1)}×` : 'n/a'}`,
    ...target,
  });
  const med = (r: SizeResult, k: keyof JoinSample) => ms(p50(r.samples.map((s) => s[k])));
  const part = (r: SizeResult) =>
    `sees everyone ${med(r, 'sees')}, is seen ${med(r, 'seen')}${r === sfu ? ` (LiveKit transport started ${med(r, 'connectStart')}, token ${med(r, 'token')}, connected ${med(r, 'connected')}, camera published ${med(r, 'published')}, everyone subscribed ${med(r, 'subscribed')})` : ''}, machine ${Math.round(p50(r.samples.map((s) => s.machineBusyPct)))} % busy`;
  rows.push({ metric: `${ordinal(size)} joiner: breakdown p50`, value: `SFU ${part(sfu)}`, compare: `mesh ${part(mesh)}` });
  rows.push({
    metric: `${size} people held still`,
    value: `SFU: ${describeHold(sfu.hold)}`,
    compare: `mesh: ${describeHold(mesh.hold)}`,
    ...(size === 8 ? { target: '8 people stable on the SFU (every tile ≥ 5 fps)', met: stable(sfu.hold) } : {}),
  });
  return rows;
}
