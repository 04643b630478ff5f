import path from 'node:path';
import { NodeChild, ROOT } from '../lib/child.js';
import { LatencyHistogram } from '../lib/stats.js';
import type { Transport } from './transports.js';

export interface StepResult {
  offered: number;
  sent: number;
  delivered: number;
  p50: number;
  p99: number;
  backlog: number;
  generatorCpuPct: number;
}

interface LoadReply {
  sentInWindow: number;
  receivedInWindow: number;
  backlog: number;
  hist: [number, number][];
  cpuMicros: number;
}

/** A pool of generator child processes (bench/relay/generator.ts) driven together. */
export class GeneratorPool {
  private constructor(readonly children: NodeChild[]) {}

  static async start(count: number, nofile?: number): Promise<GeneratorPool> {
    const script = path.join(ROOT, 'bench/relay/generator.ts');
    const children = Array.from({ length: count }, () => new NodeChild(script, [], nofile ? { nofile } : {}));
    await Promise.all(children.map((c) => c.waitFor('ready')));
    return new GeneratorPool(children);
  }

  /** Deals the meetings out round-robin; every member of a meeting lives in one generator. */
  async setup(transport: Transport, urls: string[], meetingIds: string[], perMeeting: number): Promise<number> {
    const replies = await Promise.all(
      this.children.map((c, g) =>
        c.call<{ clients: number }>('setup', { transport, urls, perMeeting, meetingIds: meetingIds.filter((_, i) => i % this.children.length === g) }, 300_000),
      ),
    );
    return replies.reduce((a, r) => a + r.clients, 0);
  }

  async step(rate: number, warmupMs: number, measureMs: number): Promise<StepResult> {
    const replies = await Promise.all(
      this.children.map((c) => c.call<LoadReply>('load', { rate: rate / this.children.length, warmupMs, measureMs }, warmupMs + measureMs + 60_000)),
    );
    const hist = new LatencyHistogram();
    for (const r of replies) hist.merge(LatencyHistogram.fromSparse(r.hist));
    const seconds = measureMs / 1000;
    return {
      offered: rate,
      sent: replies.reduce((a, r) => a + r.sentInWindow, 0) / seconds,
      delivered: replies.reduce((a, r) => a + r.receivedInWindow, 0) / seconds,
      p50: hist.percentile(50),
      p99: hist.percentile(99),
      backlog: replies.reduce((a, r) => a + r.backlog, 0),
      // Summed over processes: 100 % = one core.
      generatorCpuPct: (replies.reduce((a, r) => a + r.cpuMicros, 0) / ((warmupMs + measureMs) * 1000)) * 100,
    };
  }

  call<T>(type: string, bodies: (g: number) => Record<string, unknown>, ms?: number): Promise<T[]> {
    return Promise.all(this.children.map((c, g) => c.call<T>(type, bodies(g), ms)));
  }

  async stop(): Promise<void> {
    await Promise.all(this.children.map((c) => c.call('close', {}, 10_000).catch(() => {})));
    await Promise.all(this.children.map((c) => c.stop()));
  }
}
