/** Smallest tile in the paged grid; below this a face or a name is no longer readable. */
export const MIN_TILE = { width: 180, height: 110 };
/** No more than this many videos on one page, however big the screen (decoding costs CPU). */
export const MAX_PER_PAGE = 36;
/** Height the page controls take under the grid. */
export const PAGER_HEIGHT = 52;
const GAP = 8;

/** How many tiles of at least MIN_TILE fit in `width` × `height` (at least 1). */
export function tilesThatFit(width: number, height: number, gap = GAP): number {
  const cols = Math.floor((width + gap) / (MIN_TILE.width + gap));
  const rows = Math.floor((height + gap) / (MIN_TILE.height + gap));
  return Math.min(MAX_PER_PAGE, Math.max(1, cols * rows));
}

/**
 * Tiles per page of the grid for `total` tiles in a `width` × `height` area: everyone when they
 * fit; otherwise what fits above the page controls (measured without them, so showing the controls
 * cannot make everyone fit again and flip the layout back and forth).
 */
export function gridPageSize(total: number, width: number, height: number): number {
  if (width <= 0 || height <= 0) return Math.max(1, total);
  if (tilesThatFit(width, height) >= total) return Math.max(1, total);
  return tilesThatFit(width, height - PAGER_HEIGHT);
}

/** The camera strip next to the stage: its thickness, fixed so tiles keep one size. */
export const STRIP = { sideWidth: 220, bottomHeight: 92 };

/** Where the strip goes in a `width` × `height` presentation area, and how many tiles a page of it holds. */
export interface StripLayout {
  /** At the side (inline-end) on wide areas, at the bottom on tall ones (phones in portrait). */
  side: boolean;
  pageSize: number;
}

/**
 * The strip's place and page size for `total` strip tiles (16:9). A side strip loses the height of
 * its page controls; a bottom strip puts them on a row of their own, so its length is all tiles.
 */
export function stripLayout(total: number, width: number, height: number, gap = GAP): StripLayout {
  const side = width >= 560 && width >= height * 1.1;
  if (width <= 0 || height <= 0) return { side, pageSize: Math.max(1, total) };
  const length = side ? height : width;
  const tileLength = side ? (STRIP.sideWidth * 9) / 16 : (STRIP.bottomHeight * 16) / 9;
  const fit = (space: number) => Math.max(1, Math.floor((space + gap) / (tileLength + gap)));
  if (fit(length) >= total) return { side, pageSize: Math.max(1, total) };
  return { side, pageSize: side ? fit(length - PAGER_HEIGHT) : fit(length) };
}

export function pageCount(total: number, pageSize: number): number {
  return Math.max(1, Math.ceil(total / Math.max(1, pageSize)));
}

/** `page` (0-based) kept within the pages there are, e.g. after people left. */
export function clampPage(page: number, total: number, pageSize: number): number {
  return Math.min(Math.max(0, page), pageCount(total, pageSize) - 1);
}

export function pageSlice<T>(items: readonly T[], page: number, pageSize: number): T[] {
  const size = Math.max(1, pageSize);
  const start = clampPage(page, items.length, size) * size;
  return items.slice(start, start + size);
}
