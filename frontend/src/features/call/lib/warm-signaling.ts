import type { SessionSignaling } from './signaling-client';

/**
 * The lobby's early signaling connection: the socket client is loaded and connected while the
 * person is still getting ready, so "Join now" costs one round trip instead of an import, a
 * handshake and a round trip. The next join takes it over.
 */
export class WarmSignaling {
  private warm: SessionSignaling | null = null;

  constructor(private readonly create: () => SessionSignaling) {}

  warmUp(): void {
    if (this.warm) return;
    const warm = this.create();
    this.warm = warm;
    // A failed warm-up is harmless: the join connects again and reports what goes wrong.
    warm.connect().catch(() => undefined);
  }

  /** The warmed-up connection while it is unused, else a fresh one. */
  take(): SessionSignaling {
    const warm = this.warm;
    this.warm = null;
    if (warm?.idle) return warm;
    warm?.close();
    return this.create();
  }

  close(): void {
    this.warm?.close();
    this.warm = null;
  }
}
