import { RateLimiterMemory, RateLimiterRedis } from 'rate-limiter-flexible';
import type { Config } from '../config.js';
import type { SocketLimiters } from './context.js';
import type { RedisClient } from './redis-scale-out.js';

type Budgets = Config['rateLimits'];

/**
 * The socket layer's budgets. Alone, all live in memory. With Redis, the per-address join and
 * connection-check budgets are kept in Redis so they hold across instances: a client spreading
 * its attempts over a load balancer still gets `joinsPerMinute` in total. Should Redis be unreachable, each instance falls
 * back to its own memory budget at once (insurance) rather than queueing joins behind Redis.
 *
 * The per-connection event budget stays in memory even with Redis: a connection lives on exactly
 * one instance, so its budget is already whole there, and a Redis round trip per signaling
 * packet would add latency to every offer and candidate for nothing.
 */
export function createSocketLimiters(budgets: Budgets, redis?: RedisClient): SocketLimiters {
  const joins = { points: budgets.joinsPerMinute, duration: 60 };
  const checks = { points: budgets.connectionChecksPerMinute, duration: 60 };
  const events = new RateLimiterMemory({ points: budgets.socketEventsPerSecond, duration: 1 });
  if (!redis) return { joins: new RateLimiterMemory(joins), checks: new RateLimiterMemory(checks), events };
  const shared = (opts: { points: number; duration: number }, keyPrefix: string) =>
    new RateLimiterRedis({
      ...opts,
      storeClient: redis,
      useRedisPackage: true,
      keyPrefix,
      rejectIfRedisNotReady: true,
      insuranceLimiter: new RateLimiterMemory(opts),
    });
  return { joins: shared(joins, 'meet:rl:joins'), checks: shared(checks, 'meet:rl:checks'), events };
}

/** Spends one point of `key`'s budget; false once it is spent. */
export function take(limiter: SocketLimiters['joins'], key: string): Promise<boolean> {
  return limiter.consume(key).then(
    () => true,
    (rejection: unknown) => {
      // A RateLimiterRes means "over budget"; an Error means the store failed (and had no insurance).
      if (rejection instanceof Error) throw rejection;
      return false;
    },
  );
}
