import type { IceServer, IceServersResult } from '@contract/protocol';

const EARLY_MS = 60_000;
const RETRY_MS = 90_000;
const MIN_DELAY_MS = 5_000;

/**
 * Keeps TURN credentials fresh in long meetings: asks the server for new ones a minute before
 * they expire (so an ICE restart never runs with dead credentials) and hands them on.
 */
export class IceRefresher {
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly fetch: () => Promise<IceServersResult> | undefined,
    private readonly apply: (iceServers: IceServer[]) => void,
  ) {}

  /** Plans the next refresh for credentials expiring at `expiresAt` (none: nothing to do). */
  schedule(expiresAt: string | undefined): void {
    this.stop();
    if (!expiresAt) return;
    const delay = Math.min(Math.max(Date.parse(expiresAt) - Date.now() - EARLY_MS, MIN_DELAY_MS), 2 ** 31 - 1);
    this.timer = setTimeout(() => {
      this.fetch()
        ?.then(({ iceServers, iceServersExpireAt }) => {
          this.apply(iceServers);
          this.schedule(iceServersExpireAt);
        })
        .catch(() => this.schedule(new Date(Date.now() + RETRY_MS + EARLY_MS).toISOString()));
    }, delay);
  }

  stop(): void {
    clearTimeout(this.timer);
  }
}
