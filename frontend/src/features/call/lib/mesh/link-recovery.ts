import type { MediaConnectionState } from '../media-transport';

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

export interface HealthReport {
  /** The connection is up (again): encodings exist, caps can be applied. Called before `state`. */
  connected(): void;
  state(state: MediaConnectionState): void;
}

/**
 * One connection's state as the UI shows it, and its repair: a 'disconnected' that lasts or a
 * 'failed' gets an ICE restart, as often as the {@link RestartPolicy} allows, then 'failed'.
 */
export class LinkHealth {
  private current: MediaConnectionState = 'new';
  private readonly policy: RestartPolicy;
  private disconnectTimer: ReturnType<typeof setTimeout> | undefined;
  private restartTimer: ReturnType<typeof setTimeout> | undefined;
  private stopped = false;

  constructor(
    private readonly pc: RTCPeerConnection,
    private readonly limits: RecoveryLimits,
    private readonly report: HealthReport,
  ) {
    this.policy = new RestartPolicy(limits);
  }

  get state(): MediaConnectionState {
    return this.current;
  }

  /** Call on every `connectionstatechange`. */
  update(): void {
    switch (this.pc.connectionState) {
      case 'connected':
        this.clearTimers();
        this.policy.recovered();
        this.report.connected();
        this.set('connected');
        break;
      case 'disconnected':
        // Often transient (a Wi-Fi hiccup); restart only if it lasts.
        this.set('reconnecting');
        clearTimeout(this.disconnectTimer);
        this.disconnectTimer = setTimeout(() => this.tryRestart(), this.limits.disconnectGraceMs);
        break;
      case 'failed':
        this.tryRestart();
        break;
      case 'new':
      case 'connecting':
        if (this.current === 'new') this.set('connecting');
        break;
      default:
        break;
    }
  }

  stop(): void {
    this.stopped = true;
    this.clearTimers();
  }

  private tryRestart(): void {
    if (this.stopped || this.pc.connectionState === 'connected') return;
    clearTimeout(this.restartTimer);
    if (!this.policy.shouldRestart(Date.now())) {
      this.set('failed');
      return;
    }
    this.set('reconnecting');
    this.pc.restartIce();
    // If the restart does not bring it back, try again (the policy bounds how often).
    this.restartTimer = setTimeout(() => this.tryRestart(), this.limits.giveUpMs / this.limits.maxRestarts);
  }

  private clearTimers(): void {
    clearTimeout(this.disconnectTimer);
    clearTimeout(this.restartTimer);
  }

  private set(state: MediaConnectionState): void {
    if (this.current === state) return;
    this.current = state;
    this.report.state(state);
  }
}
