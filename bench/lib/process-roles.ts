import { readdirSync, readFileSync } from 'node:fs';

/** Clock ticks per second of /proc/<pid>/stat times (USER_HZ, 100 on Linux). */
const HZ = 100;

interface Proc {
  ppid: number;
  ticks: number;
  role: string;
}

/**
 * What a process is, for the per-process CPU breakdown: Chromium's process type (renderer, GPU,
 * utility with its sub-type: network, audio, video capture), livekit-server, node (our backends
 * and the bench itself), or its command name.
 */
function roleOf(pid: number, comm: string): string {
  let argv: string[] = [];
  try {
    // Chromium rewrites its process title: the arguments then come as one string, space-separated.
    argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split(/[\0 ]/);
  } catch {
    return comm;
  }
  const flag = (name: string) => argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
  const exe = argv[0] ?? '';
  if (/chrom/i.test(exe) || /chrom/i.test(comm)) {
    const type = flag('type');
    if (!type) return 'chromium browser';
    if (type === 'utility') return `chromium utility (${(flag('utility-sub-type') ?? '?').replace(/\.mojom\..*$/, '')})`;
    return `chromium ${type}`;
  }
  if (/livekit|\/server$/.test(exe)) return 'livekit-server';
  if (/node$/.test(exe) || comm === 'node') return 'node';
  return comm;
}

function snapshot(): Map<number, Proc> {
  const out = new Map<number, Proc>();
  let pids: number[] = [];
  try {
    pids = readdirSync('/proc').filter((d) => /^\d+$/.test(d)).map(Number);
  } catch {
    return out;
  }
  for (const pid of pids) {
    try {
      const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const comm = text.slice(text.indexOf('(') + 1, text.lastIndexOf(')'));
      const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
      out.set(pid, { ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]), role: roleOf(pid, comm) });
    } catch {
      // Exited while we read.
    }
  }
  return out;
}

/** CPU seconds so far per pid of `roots` and their descendants, with each one's role. */
export function treeByPid(roots: readonly number[]): Map<number, { role: string; seconds: number }> {
  const procs = snapshot();
  const children = new Map<number, number[]>();
  for (const [pid, p] of procs) children.set(p.ppid, [...(children.get(p.ppid) ?? []), pid]);
  const out = new Map<number, { role: string; seconds: number }>();
  const todo = roots.filter((pid) => procs.has(pid));
  while (todo.length) {
    const pid = todo.pop() as number;
    if (out.has(pid)) continue;
    const p = procs.get(pid) as Proc;
    out.set(pid, { role: p.role, seconds: p.ticks / HZ });
    todo.push(...(children.get(pid) ?? []));
  }
  return out;
}

/**
 * Cores used per role between two {@link treeByPid} readings `elapsed` seconds apart (processes
 * present in both), biggest first; `count` is how many processes of that role were busy.
 */
export function coresByRole(before: Map<number, { role: string; seconds: number }>, after: Map<number, { role: string; seconds: number }>, elapsed: number): { role: string; cores: number; count: number }[] {
  const roles = new Map<string, { cores: number; count: number }>();
  for (const [pid, a] of after) {
    const b = before.get(pid);
    if (!b) continue;
    const r = roles.get(a.role) ?? { cores: 0, count: 0 };
    r.cores += (a.seconds - b.seconds) / elapsed;
    r.count += 1;
    roles.set(a.role, r);
  }
  return [...roles].map(([role, r]) => ({ role, ...r })).sort((x, y) => y.cores - x.cores);
}

/** CPU seconds so far per thread of `pids`, keyed `pid/tid`, with the thread's name. */
export function threadsOf(pids: readonly number[]): Map<string, { name: string; seconds: number }> {
  const out = new Map<string, { name: string; seconds: number }>();
  for (const pid of pids) {
    let tids: string[] = [];
    try {
      tids = readdirSync(`/proc/${pid}/task`);
    } catch {
      continue;
    }
    for (const tid of tids) {
      try {
        const text = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
        const name = text.slice(text.indexOf('(') + 1, text.lastIndexOf(')')).replace(/\d+$/, '');
        const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
        out.set(`${pid}/${tid}`, { name, seconds: (Number(fields[11]) + Number(fields[12])) / HZ });
      } catch {
        // Exited while we read.
      }
    }
  }
  return out;
}

/** Cores per thread name between two {@link threadsOf} readings, biggest first. */
export function coresByThread(before: Map<string, { name: string; seconds: number }>, after: Map<string, { name: string; seconds: number }>, elapsed: number): { name: string; cores: number }[] {
  const names = new Map<string, number>();
  for (const [key, a] of after) {
    const b = before.get(key);
    if (b) names.set(a.name, (names.get(a.name) ?? 0) + (a.seconds - b.seconds) / elapsed);
  }
  return [...names].map(([name, cores]) => ({ name, cores })).sort((x, y) => y.cores - x.cores);
}
