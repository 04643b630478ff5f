/** Nearest-rank percentile of an unsorted sample; NaN when empty. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] as number;
}

export interface Summary {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export function summarize(values: readonly number[]): Summary {
  return {
    n: values.length,
    p50: percentile(values, 50),
    p95: percentile(values, 95),
    p99: percentile(values, 99),
    max: values.length ? Math.max(...values) : NaN,
  };
}

/**
 * Fixed-bucket latency histogram (0.1 ms buckets up to 10 s): generator children send these to
 * the parent instead of every sample, so a million messages cost 100k integers, not 8 MB.
 */
export class LatencyHistogram {
  static readonly BUCKET_MS = 0.1;
  static readonly BUCKETS = 100_000;
  readonly counts: number[];
  total = 0;

  constructor(counts?: number[]) {
    this.counts = counts ?? new Array<number>(LatencyHistogram.BUCKETS).fill(0);
    this.total = this.counts.reduce((a, b) => a + b, 0);
  }

  record(ms: number): void {
    const i = Math.min(LatencyHistogram.BUCKETS - 1, Math.max(0, Math.floor(ms / LatencyHistogram.BUCKET_MS)));
    this.counts[i] = (this.counts[i] ?? 0) + 1;
    this.total++;
  }

  merge(other: LatencyHistogram): void {
    for (let i = 0; i < other.counts.length; i++) this.counts[i] = (this.counts[i] ?? 0) + (other.counts[i] ?? 0);
    this.total += other.total;
  }

  /** Upper edge of the bucket holding the p-th percentile, in ms. */
  percentile(p: number): number {
    if (this.total === 0) return NaN;
    const target = Math.ceil((p / 100) * this.total);
    let seen = 0;
    for (let i = 0; i < this.counts.length; i++) {
      seen += this.counts[i] ?? 0;
      if (seen >= target) return (i + 1) * LatencyHistogram.BUCKET_MS;
    }
    return LatencyHistogram.BUCKETS * LatencyHistogram.BUCKET_MS;
  }

  /** Sparse form for IPC: [bucket, count] pairs. */
  toSparse(): [number, number][] {
    const out: [number, number][] = [];
    this.counts.forEach((c, i) => c > 0 && out.push([i, c]));
    return out;
  }

  static fromSparse(pairs: [number, number][]): LatencyHistogram {
    const h = new LatencyHistogram();
    for (const [i, c] of pairs) h.counts[i] = c;
    h.total = pairs.reduce((a, [, c]) => a + c, 0);
    return h;
  }
}

export const round = (x: number, digits = 1): number => (Number.isFinite(x) ? Number(x.toFixed(digits)) : x);
