import { spawn, type ChildProcess } from 'node:child_process';
import { repoRoot } from '../../testkit/paths.js';

export const ROOT = repoRoot;

const live = new Set<ChildProcess>();
/** Processes started outside NodeChild (mongo-java-server via its script, redis-server). */
const external = new Set<number>();

export function trackPid(pid: number): void {
  external.add(pid);
}

export function untrackPid(pid: number): void {
  external.delete(pid);
}

/** Kills every process this run started (by pid, each on its own), e.g. on Ctrl-C or a crash. */
export function killAllChildren(): void {
  for (const c of live) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  live.clear();
  for (const pid of external) {
    try {
      process.kill(pid, 'SIGTERM');
    } catch {
      /* already gone */
    }
  }
  external.clear();
}
process.once('exit', killAllChildren);
for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.once(sig, () => {
    killAllChildren();
    process.exit(130);
  });
}

export interface SpawnOptions {
  env?: Record<string, string | undefined>;
  nodeArgs?: string[];
  /** Raise the open-file limit (the idle benchmark holds thousands of sockets per process). */
  nofile?: number;
  /** Run a TypeScript file through tsx (default) or a plain JS file. */
  tsx?: boolean;
  quiet?: boolean;
}

/** A node child with an IPC channel; request/response over it with `call`. */
export class NodeChild {
  readonly proc: ChildProcess;
  private nextId = 1;
  private readonly waiting = new Map<number, (msg: Record<string, unknown>) => void>();
  private readonly listeners: ((msg: Record<string, unknown>) => void)[] = [];
  stderr = '';

  constructor(script: string, args: string[] = [], opts: SpawnOptions = {}) {
    const nodeArgs = [...(opts.tsx === false ? [] : ['--import', 'tsx']), ...(opts.nodeArgs ?? []), script, ...args];
    const env = { ...process.env, ...opts.env };
    // `ulimit` needs a shell; `exec` keeps the node process as the direct child (same pid, IPC fd inherited).
    this.proc = opts.nofile
      ? spawn('/bin/sh', ['-c', `ulimit -n ${opts.nofile} 2>/dev/null; exec "$0" "$@"`, process.execPath, ...nodeArgs], {
          cwd: ROOT,
          env,
          stdio: ['ignore', opts.quiet ? 'ignore' : 'inherit', 'pipe', 'ipc'],
        })
      : spawn(process.execPath, nodeArgs, { cwd: ROOT, env, stdio: ['ignore', opts.quiet ? 'ignore' : 'inherit', 'pipe', 'ipc'] });
    live.add(this.proc);
    this.proc.stderr?.on('data', (d: Buffer) => {
      this.stderr = (this.stderr + d.toString()).slice(-8000);
      if (!opts.quiet) process.stderr.write(d);
    });
    this.proc.on('exit', () => live.delete(this.proc));
    this.proc.on('message', (raw) => {
      const msg = raw as Record<string, unknown>;
      const id = msg.replyTo as number | undefined;
      if (id !== undefined) {
        this.waiting.get(id)?.(msg);
        this.waiting.delete(id);
      }
      for (const l of this.listeners) l(msg);
    });
  }

  get pid(): number {
    return this.proc.pid ?? -1;
  }

  onMessage(fn: (msg: Record<string, unknown>) => void): void {
    this.listeners.push(fn);
  }

  /** Resolves with the first message of `type`, or rejects when the child exits or `ms` passes. */
  waitFor<T = Record<string, unknown>>(type: string, ms = 60_000): Promise<T> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`child ${this.pid}: no '${type}' within ${ms} ms\n${this.stderr}`)), ms);
      const onExit = (code: number | null) => {
        clearTimeout(timer);
        reject(new Error(`child ${this.pid} exited (${code}) before '${type}'\n${this.stderr}`));
      };
      this.proc.once('exit', onExit);
      this.listeners.push((msg) => {
        if (msg.type !== type) return;
        clearTimeout(timer);
        this.proc.off('exit', onExit);
        resolve(msg as T);
      });
    });
  }

  call<T = Record<string, unknown>>(type: string, body: Record<string, unknown> = {}, ms = 120_000): Promise<T> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(id);
        reject(new Error(`child ${this.pid}: '${type}' unanswered after ${ms} ms\n${this.stderr}`));
      }, ms);
      this.waiting.set(id, (msg) => {
        clearTimeout(timer);
        if (typeof msg.error === 'string') reject(new Error(`child ${this.pid}: ${msg.error}`));
        else resolve(msg as T);
      });
      this.proc.send({ ...body, type, id });
    });
  }

  /** SIGTERM, then SIGKILL after `graceMs`; resolves when the process is gone. */
  async stop(graceMs = 5000): Promise<void> {
    if (this.proc.exitCode !== null || this.proc.signalCode !== null) return;
    const gone = new Promise<void>((r) => this.proc.once('exit', () => r()));
    this.proc.kill('SIGTERM');
    const timer = setTimeout(() => this.proc.kill('SIGKILL'), graceMs);
    await gone;
    clearTimeout(timer);
  }
}

/** In a child: answers `call`s from the parent. Handlers may be async; errors travel back as `error`. */
export function serveParent(handlers: Record<string, (msg: Record<string, unknown>) => unknown>): void {
  process.on('message', (raw) => {
    const msg = raw as Record<string, unknown>;
    const handler = handlers[msg.type as string];
    if (!handler) return;
    Promise.resolve()
      .then(() => handler(msg))
      .then(
        (result) => process.send?.({ ...(result as object), replyTo: msg.id }),
        (err: unknown) => process.send?.({ replyTo: msg.id, error: String((err as Error)?.stack ?? err) }),
      );
  });
  // The parent going away (crash, Ctrl-C) must not leave load generators or servers behind.
  process.on('disconnect', () => process.exit(0));
}

/** Process-level usage a child reports: CPU since start (µs) and memory (bytes). */
export function processUsage(): { cpuUser: number; cpuSystem: number; rss: number; heapUsed: number; external: number } {
  const cpu = process.cpuUsage();
  const mem = process.memoryUsage();
  return { cpuUser: cpu.user, cpuSystem: cpu.system, rss: mem.rss, heapUsed: mem.heapUsed, external: mem.external + mem.arrayBuffers };
}
