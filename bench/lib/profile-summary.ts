/**
 * `node --import tsx bench/lib/profile-summary.ts <file.cpuprofile> [top] [regex...]`: self time
 * by function and by package, to name the biggest cost in a server profile from `--profile`; each
 * regex adds the inclusive share of busy samples whose stack has a frame whose URL matches it.
 */
import { readFileSync } from 'node:fs';

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}

const [file, topArg, ...patterns] = process.argv.slice(2);
if (!file) throw new Error('usage: profile-summary.ts <file.cpuprofile> [top]');
const top = Number(topArg ?? 25);
const profile = JSON.parse(readFileSync(file, 'utf8')) as { nodes: Node[]; samples: number[]; timeDeltas: number[] };
const selfMicros = new Map<number, number>();
profile.samples.forEach((id, i) => selfMicros.set(id, (selfMicros.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));

const byFn = new Map<string, number>();
const byPkg = new Map<string, number>();
let total = 0;
for (const n of profile.nodes) {
  const t = selfMicros.get(n.id) ?? 0;
  total += t;
  const url = n.callFrame.url;
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)?.[1] ?? (url.startsWith('node:') ? url : url ? url.replace(/^.*\/(backend|bench)\//, '$1/') : `(${n.callFrame.functionName || 'native'})`);
  const fn = `${n.callFrame.functionName || '(anonymous)'} ${url.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*\/(backend|bench)\//, '$1/')}:${n.callFrame.lineNumber + 1}`;
  byFn.set(fn, (byFn.get(fn) ?? 0) + t);
  byPkg.set(pkg, (byPkg.get(pkg) ?? 0) + t);
}
const show = (title: string, m: Map<string, number>) => {
  console.log(`\n${title}`);
  for (const [k, v] of [...m].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${((v / total) * 100).toFixed(1).padStart(5)} %  ${(v / 1000).toFixed(0).padStart(7)} ms  ${k}`);
};
console.log(`total sampled ${(total / 1e6).toFixed(1)} s`);
show('self time by package / file', byPkg);
show('self time by function', byFn);

if (patterns.length) {
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const idleIds = new Set(profile.nodes.filter((n) => ['(idle)', '(program)', '(garbage collector)'].includes(n.callFrame.functionName)).map((n) => n.id));
  let busy = 0;
  const hits = patterns.map(() => 0);
  profile.samples.forEach((id, i) => {
    if (idleIds.has(id)) return;
    const dt = profile.timeDeltas[i] ?? 0;
    busy += dt;
    const urls: string[] = [];
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) urls.push(byId.get(cur)?.callFrame.url ?? '');
    patterns.forEach((p, k) => {
      if (urls.some((u) => new RegExp(p).test(u))) hits[k] = (hits[k] ?? 0) + dt;
    });
  });
  console.log(`\ninclusive share of busy time (${(busy / 1e6).toFixed(1)} s busy, idle/GC/program excluded)`);
  patterns.forEach((p, k) => console.log(`${(((hits[k] ?? 0) / busy) * 100).toFixed(1).padStart(5)} %  ${p}`));
}
