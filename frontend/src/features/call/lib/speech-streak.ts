/** How long one must keep talking for a raised hand to lower itself (they have the floor). */
export const FLOOR_TAKEN_MS = 3_000;
/** Pauses shorter than this (between words, for breath) do not break a streak. */
const PAUSE_MS = 800;

/**
 * Tells when someone has been speaking for `floorMs` without a pause longer than `pauseMs`.
 * Samples may be sparse (a level meter only reports changes): a gap longer than a pause, speaking
 * or not, starts over.
 */
export class SpeechStreak {
  private start: number | null = null;
  private lastSpoke = -Infinity;

  constructor(
    private readonly floorMs = FLOOR_TAKEN_MS,
    private readonly pauseMs = PAUSE_MS,
  ) {}

  /** Records one sample; true once the current streak has lasted `floorMs`. */
  sample(speaking: boolean, now: number): boolean {
    if (now - this.lastSpoke > this.pauseMs) this.start = null;
    if (!speaking) return false;
    this.start ??= now;
    this.lastSpoke = now;
    return now - this.start >= this.floorMs;
  }

  reset(): void {
    this.start = null;
    this.lastSpoke = -Infinity;
  }
}
