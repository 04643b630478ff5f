import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';

/** What to do with one incoming event. */
export type BudgetVerdict = 'ok' | 'over' | 'abuse';

/**
 * A per-connection event budget per second. A client a little over it gets `RATE_LIMITED` acks
 * (a UI retrying too eagerly); one far over it (`abuseFactor` times the budget in one second) is not
 * a UI at all, and answering each of its events would only queue replies it may never read, so
 * the caller closes the connection instead.
 */
export class EventBudget {
  private readonly limiter: RateLimiterMemory;

  constructor(
    private readonly perSecond: number,
    private readonly abuseFactor = 5,
  ) {
    this.limiter = new RateLimiterMemory({ points: perSecond, duration: 1 });
  }

  async consume(key: string): Promise<BudgetVerdict> {
    try {
      await this.limiter.consume(key);
      return 'ok';
    } catch (res) {
      if (res instanceof RateLimiterRes && res.consumedPoints > this.perSecond * this.abuseFactor) return 'abuse';
      return 'over';
    }
  }
}
