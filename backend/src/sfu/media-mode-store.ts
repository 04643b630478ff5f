import type { MediaMode } from '../contract/protocol.js';

export interface SwapResult {
  /** True when this call changed the mode: the caller, and only it, announces the change. */
  swapped: boolean;
  /** The mode after the call, whoever set it. */
  mode: MediaMode;
}

/**
 * The media mode of each meeting, shared by every backend instance. Changed only by
 * compare-and-swap, so two instances admitting the threshold-crossing joiners at once agree on
 * one switch and exactly one of them announces it. A meeting without a record is 'mesh'.
 */
export interface MediaModeStore {
  get(meetingId: string): Promise<MediaMode>;
  compareAndSet(meetingId: string, expected: MediaMode, next: MediaMode): Promise<SwapResult>;
  /**
   * Forgets the mode (back to 'mesh') if, and only if, nobody is in the meeting, atomically with
   * joins. Returns the mode it forgot, or null when someone is still there.
   */
  resetIfEmpty(meetingId: string): Promise<MediaMode | null>;
}

/**
 * One process. Every method body runs without an `await` between reading and writing the map,
 * so JavaScript's run-to-completion makes each one atomic; `resetIfEmpty` reads the count
 * through the same single-process presence, whose state cannot change between its answer and
 * our delete except by a join, which reads the mode only after admission (so it sees the reset
 * or keeps the meeting non-empty).
 */
export class MemoryMediaModeStore implements MediaModeStore {
  private readonly modes = new Map<string, MediaMode>();

  constructor(private readonly participantCount: (meetingId: string) => Promise<number>) {}

  async get(meetingId: string): Promise<MediaMode> {
    return this.modes.get(meetingId) ?? 'mesh';
  }

  async compareAndSet(meetingId: string, expected: MediaMode, next: MediaMode): Promise<SwapResult> {
    const current = this.modes.get(meetingId) ?? 'mesh';
    if (current !== expected) return { swapped: false, mode: current };
    if (next === 'mesh') this.modes.delete(meetingId);
    else this.modes.set(meetingId, next);
    return { swapped: current !== next, mode: next };
  }

  async resetIfEmpty(meetingId: string): Promise<MediaMode | null> {
    if ((await this.participantCount(meetingId)) > 0) return null;
    const previous = this.modes.get(meetingId) ?? 'mesh';
    this.modes.delete(meetingId);
    return previous;
  }
}
