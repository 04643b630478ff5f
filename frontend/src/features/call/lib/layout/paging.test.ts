import { describe, expect, test } from 'vitest';
import { clampPage, gridPageSize, MAX_PER_PAGE, pageCount, pageSlice, PAGER_HEIGHT, stripLayout, tilesThatFit } from './paging';

describe('paged grid', () => {
  test('when everyone fits the viewport, then one page holds everyone', () => {
    expect(gridPageSize(9, 1280, 640)).toBe(9);
    expect(pageCount(9, gridPageSize(9, 1280, 640))).toBe(1);
  });

  test('when 100 people meet on a desktop, then a page holds what fits (capped) and the rest are on further pages', () => {
    const size = gridPageSize(100, 1280, 640);
    expect(size).toBe(tilesThatFit(1280, 640 - PAGER_HEIGHT));
    expect(size).toBeLessThanOrEqual(MAX_PER_PAGE);
    expect(size).toBeGreaterThanOrEqual(16);
    expect(pageCount(100, size)).toBe(Math.ceil(100 / size));
    expect(gridPageSize(100, 3840, 2000)).toBe(MAX_PER_PAGE);
  });

  test('when on a phone in portrait, then a page is two columns of readable tiles', () => {
    const size = gridPageSize(30, 382, 640);
    expect(size).toBe(2 * Math.floor((640 - PAGER_HEIGHT + 8) / 118));
  });

  test('when the page controls would make room for everyone again, then the page size does not flip back', () => {
    // Exactly as many people as fit without the controls: no controls, one page.
    const fit = tilesThatFit(1000, 600);
    expect(gridPageSize(fit, 1000, 600)).toBe(fit);
    // One more: the page is measured above the controls, and still has fewer than everyone.
    const size = gridPageSize(fit + 1, 1000, 600);
    expect(size).toBeLessThan(fit + 1);
  });

  test('when the viewport is tiny, then a page still holds one tile', () => {
    expect(gridPageSize(5, 100, 60)).toBe(1);
  });

  test('when people leave while someone looks at the last page, then the page is brought back in range', () => {
    expect(clampPage(4, 10, 4)).toBe(2);
    expect(clampPage(-1, 10, 4)).toBe(0);
    expect(pageSlice(['a', 'b', 'c', 'd', 'e'], 1, 2)).toEqual(['c', 'd']);
    expect(pageSlice(['a', 'b', 'c', 'd', 'e'], 9, 2)).toEqual(['e']);
  });
});

describe('strip pages', () => {
  test('when the area is wide (desktop, phone in landscape), then the strip is at the side and holds as many 16:9 tiles as its height allows', () => {
    // 220 px wide → ~124 px tall tiles; 600 px holds 4, or 4 above the page controls.
    expect(stripLayout(3, 1200, 600)).toEqual({ side: true, pageSize: 3 });
    expect(stripLayout(10, 1200, 600)).toEqual({ side: true, pageSize: Math.floor((600 - PAGER_HEIGHT + 8) / (220 * 9 / 16 + 8)) });
    expect(stripLayout(3, 820, 300).side).toBe(true);
  });

  test('when the area is tall (phone in portrait), then the strip is at the bottom and holds what fits across', () => {
    // 92 px tall → ~164 px wide tiles; 382 px holds 2; the page controls get their own row.
    expect(stripLayout(2, 382, 600)).toEqual({ side: false, pageSize: 2 });
    expect(stripLayout(6, 382, 600)).toEqual({ side: false, pageSize: 2 });
  });
});
