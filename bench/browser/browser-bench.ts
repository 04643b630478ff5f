import type { BenchContext } from '../lib/context.js';
import type { Section } from '../lib/report.js';

/** Placeholder until the frontend's meeting page lands; replaced by the join-to-first-frame benchmark. */
export async function browserBench(_ctx: BenchContext): Promise<Section> {
  throw new Error('browser benchmark not written yet');
}
