/** Bounds for ICE restarts before a link is declared failed. */
export interface RecoveryLimits {
  /** How long 'disconnected' may last before we restart ICE ourselves. */
  disconnectGraceMs: number;
  /** ICE restarts allowed per outage. */
  maxRestarts: number;
  /** Total time one outage may last before giving up. */
  giveUpMs: number;
}

export const DEFAULT_RECOVERY: RecoveryLimits = {
  disconnectGraceMs: 3_000,
  maxRestarts: 3,
  giveUpMs: 30_000,
};

/**
 * Decides, per outage, whether another ICE restart is worth it. Pure (time is passed in) so the
 * bound is unit-tested without timers.
 */
export class RestartPolicy {
  private outageStartedAt: number | null = null;
  private restarts = 0;

  constructor(private readonly limits: RecoveryLimits = DEFAULT_RECOVERY) {}

  /** Returns true when the caller should call restartIce() now, false when it should give up. */
  shouldRestart(now: number): boolean {
    this.outageStartedAt ??= now;
    if (this.restarts >= this.limits.maxRestarts) return false;
    if (now - this.outageStartedAt > this.limits.giveUpMs) return false;
    this.restarts += 1;
    return true;
  }

  /** The link is healthy again: the next outage gets a fresh budget. */
  recovered(): void {
    this.outageStartedAt = null;
    this.restarts = 0;
  }

  get restartCount(): number {
    return this.restarts;
  }
}
