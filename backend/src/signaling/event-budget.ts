import { RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';

/** What to do with one incoming event. */
export type BudgetVerdict = 'ok' | 'over' | 'abuse';

/** Past this many times its budget in one second, a connection is closed rather than answered. */
export const ABUSE_FACTOR = 5;

/**
 * Spends one event of `key`'s per-second budget. A client a little over it gets `RATE_LIMITED`
 * acks (a UI retrying too eagerly); one far over it is not a UI at all, and answering each of its
 * events would only queue replies it may never read, so the caller closes the connection instead.
 */
export async function spendEvent(limiter: RateLimiterAbstract, key: string, perSecond: number): Promise<BudgetVerdict> {
  try {
    await limiter.consume(key);
    return 'ok';
  } catch (res) {
    if (res instanceof RateLimiterRes && res.consumedPoints > perSecond * ABUSE_FACTOR) return 'abuse';
    return 'over';
  }
}
