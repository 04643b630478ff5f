import { describe, expect, it } from 'vitest';
import { SpeechStreak } from './speech-streak';

/** Feeds `speaking` samples every `stepMs` from `from` to `to` (inclusive); returns the first time it fired. */
function feed(streak: SpeechStreak, speaking: boolean, from: number, to: number, stepMs = 80): number | null {
  for (let t = from; t <= to; t += stepMs) if (streak.sample(speaking, t)) return t;
  return null;
}

describe('SpeechStreak', () => {
  it('when someone talks steadily, then it fires after 3 s and not before', () => {
    const streak = new SpeechStreak();
    expect(feed(streak, true, 0, 2_990)).toBeNull();
    expect(feed(streak, true, 3_000, 3_100)).toBe(3_000);
  });

  it('when short pauses fall between words, then the streak holds', () => {
    const streak = new SpeechStreak();
    feed(streak, true, 0, 1_000);
    feed(streak, false, 1_080, 1_600);
    expect(feed(streak, true, 1_680, 3_200)).toBe(3_040);
  });

  it('when a pause is longer than a breath, then it starts over', () => {
    const streak = new SpeechStreak();
    feed(streak, true, 0, 2_500);
    feed(streak, false, 2_580, 3_500);
    expect(feed(streak, true, 3_580, 6_500)).toBeNull();
    expect(feed(streak, true, 6_580, 7_000)).toBe(6_580);
  });

  it('when samples are sparse (the meter went quiet), then the gap counts as a pause', () => {
    const streak = new SpeechStreak();
    feed(streak, true, 0, 2_000);
    // No sample for 2 s: a silent meter reports nothing.
    expect(streak.sample(true, 4_000)).toBe(false);
    expect(feed(streak, true, 4_080, 6_999)).toBeNull();
    expect(streak.sample(true, 7_000)).toBe(true);
  });
});
