import { describe, expect, it } from 'vitest';
import { RestartPolicy } from './link-recovery';

describe('RestartPolicy', () => {
  it('when a link keeps failing, then it allows 3 restarts and then gives up', () => {
    const policy = new RestartPolicy({ disconnectGraceMs: 3000, maxRestarts: 3, giveUpMs: 30_000 });
    expect([0, 5000, 10_000, 15_000].map((t) => policy.shouldRestart(t))).toEqual([true, true, true, false]);
  });

  it('when an outage outlasts the time bound, then it gives up even with restarts left', () => {
    const policy = new RestartPolicy({ disconnectGraceMs: 3000, maxRestarts: 3, giveUpMs: 30_000 });
    policy.shouldRestart(0);
    expect(policy.shouldRestart(31_000)).toBe(false);
  });

  it('when the link recovers, then the next outage gets a fresh budget', () => {
    const policy = new RestartPolicy({ disconnectGraceMs: 3000, maxRestarts: 1, giveUpMs: 30_000 });
    policy.shouldRestart(0);
    policy.recovered();
    expect(policy.shouldRestart(100_000)).toBe(true);
  });
});
