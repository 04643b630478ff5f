import { describe, expect, it } from 'vitest';
import { callStart, elapsedParts } from './elapsed';

describe('elapsed time in the room header', () => {
  it('when 1 h 2 min 3.9 s have passed, then it reads 1, 2, 3', () => {
    expect(elapsedParts(3_723_900)).toEqual({ hours: 1, minutes: 2, seconds: 3 });
  });

  it('when the clocks disagree and the start lies in the future, then it reads zero', () => {
    expect(elapsedParts(-5_000)).toEqual({ hours: 0, minutes: 0, seconds: 0 });
  });

  it('when someone joined before us, then the call began at their join; a bad time is ignored', () => {
    const self = Date.parse('2030-01-01T10:00:00Z');
    expect(callStart(self, ['2030-01-01T09:50:00Z', 'garbage', '2030-01-01T09:55:00Z'])).toBe(Date.parse('2030-01-01T09:50:00Z'));
    expect(callStart(self, [])).toBe(self);
  });
});
