import type { SessionSignaling } from './signaling-client';
import { whenIdle } from './when-idle';

/** The warm-up waits for an idle moment at most this long after the lobby opens. */
const IDLE_TIMEOUT_MS = 1_500;

/**
 * The lobby's early signaling connection: the socket client is loaded and connected while the
 * person is still getting ready, so "Join now" costs one round trip instead of an import, a
 * handshake and a round trip. The next join takes it over.
 */
export class WarmSignaling {
  private warm: SessionSignaling | null = null;
  private cancelIdle: (() => void) | null = null;

  constructor(private readonly create: () => SessionSignaling) {}

  /**
   * Warms up once the page is idle (at the latest after `timeoutMs`): loading and starting the
   * socket client right at load would add to the lobby's blocking time while the preview starts.
   */
  warmUpWhenIdle(timeoutMs = IDLE_TIMEOUT_MS): void {
    if (this.warm || this.cancelIdle) return;
    const run = () => {
      this.cancelIdle = null;
      this.warmUp();
    };
    this.cancelIdle = whenIdle(run, timeoutMs);
  }

  warmUp(): void {
    if (this.warm) return;
    const warm = this.create();
    this.warm = warm;
    // A failed warm-up is harmless: the join connects again and reports what goes wrong.
    warm.connect().catch(() => undefined);
  }

  /** The warmed-up connection while it is unused, else a fresh one. */
  take(): SessionSignaling {
    this.cancelIdle?.();
    this.cancelIdle = null;
    const warm = this.warm;
    this.warm = null;
    if (warm?.idle) return warm;
    warm?.close();
    return this.create();
  }

  close(): void {
    this.cancelIdle?.();
    this.cancelIdle = null;
    this.warm?.close();
    this.warm = null;
  }
}
