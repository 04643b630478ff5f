/** Who is speaking: anyone whose level crossed the threshold within the last `holdMs`. */
export class SpeakingTracker {
  private readonly lastSpoke = new Map<string, number>();

  constructor(private readonly holdMs = 700) {}

  /** Records a level sample for `id` (a peer id, or 'self'). */
  sample(id: string, level: number, threshold: number, now: number): void {
    if (level > threshold) this.lastSpoke.set(id, now);
  }

  isSpeaking(id: string, now: number): boolean {
    return now - (this.lastSpoke.get(id) ?? 0) < this.holdMs;
  }

  forget(id: string): void {
    this.lastSpoke.delete(id);
  }
}
