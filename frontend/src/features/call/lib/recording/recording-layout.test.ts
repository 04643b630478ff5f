import { describe, expect, it } from 'vitest';
import { layoutSources, type Rect } from './recording-layout';

const inside = (r: Rect) => r.x >= 0 && r.y >= 0 && r.x + r.w <= 1280 && r.y + r.h <= 720;
const overlap = (a: Rect, b: Rect) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

describe('layoutSources', () => {
  it('when one person is recorded, then their tile fills the canvas', () => {
    expect(layoutSources(['camera'], 1280, 720)).toEqual([{ x: 0, y: 0, w: 1280, h: 720 }]);
  });

  it.each([2, 3, 4, 5, 9])('when %i cameras are recorded, then each gets its own cell inside the canvas', (n) => {
    const rects = layoutSources(Array<'camera'>(n).fill('camera'), 1280, 720);
    expect(rects).toHaveLength(n);
    expect(rects.every(inside)).toBe(true);
    for (const [i, a] of rects.entries()) for (const b of rects.slice(i + 1)) expect(overlap(a, b)).toBe(false);
  });

  it('when a screen is shared, then it takes the stage and the cameras share a strip below it', () => {
    const rects = layoutSources(['camera', 'screen', 'camera'], 1280, 720);
    const [cam1, screen, cam2] = rects as [Rect, Rect, Rect];
    expect(screen.w).toBe(1280);
    expect(screen.h).toBeGreaterThan(500);
    expect(cam1.y).toBeGreaterThanOrEqual(screen.y + screen.h);
    expect(cam2.y).toBe(cam1.y);
    expect(overlap(cam1, cam2)).toBe(false);
    expect(rects.every(inside)).toBe(true);
  });

  it('when nobody is there, then nothing is laid out', () => {
    expect(layoutSources([], 1280, 720)).toEqual([]);
  });
});
