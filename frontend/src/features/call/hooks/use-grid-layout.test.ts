import { describe, expect, it } from 'vitest';
import { bestColumns } from './use-grid-layout';

describe('bestColumns', () => {
  it('when one tile is shown, then it takes one column', () => {
    expect(bestColumns(1, 1200, 800)).toBe(1);
  });
  it('when four tiles share a wide window, then they form a 2x2 grid', () => {
    expect(bestColumns(4, 1600, 900)).toBe(2);
  });
  it('when six tiles share a tall phone screen, then they stack in one or two columns', () => {
    expect(bestColumns(6, 390, 800)).toBeLessThanOrEqual(2);
  });
  it('when six tiles share a wide window, then they use three columns', () => {
    expect(bestColumns(6, 1600, 900)).toBe(3);
  });
});
