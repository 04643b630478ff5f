import { bestColumns } from './grid-columns';
import { clampPage, gridPageSize, pageCount, pageSlice, PAGER_HEIGHT, STRIP, stripLayout } from './paging';
import { chooseStage, type TileKey } from './stage';
import { nextTileOrder, type TileOrder } from './tile-order';

const GAP = 8;

/** One tile as the layout sees it (the component holds what it renders). */
export interface LayoutTileInfo {
  key: TileKey;
  speaking: boolean;
  /** Our own camera: never pushed off page 1. */
  self: boolean;
}

export interface LayoutInput {
  /** Every tile, in join order (screens anywhere: they lead anyway). */
  tiles: readonly LayoutTileInfo[];
  /** Shared screens, oldest first (see screenOrder). */
  screens: readonly TileKey[];
  pinned: TileKey | null;
  dismissed: ReadonlySet<TileKey>;
  /** The pages asked for (0-based): the grid's, and the strip's in presentation view. */
  page: { grid: number; strip: number };
  /** The area the layout fills. */
  width: number;
  height: number;
  now: number;
}

export interface Size {
  width: number;
  height: number;
}

export interface MeetingLayout {
  /** The tile on the stage; null = the plain (paged) grid. */
  stage: TileKey | null;
  /** Presentation view: strip at the side (true) or at the bottom. */
  side: boolean;
  /** The tiles on the current page of the grid, or of the strip. */
  shown: TileKey[];
  page: number;
  pages: number;
  /** How big each tile on screen is (stage included), for the SFU's subscriptions. */
  sizes: Map<TileKey, Size>;
  order: TileOrder;
}

/**
 * The whole layout decision for one render: stage or grid, the stable tile order, the page, and
 * the size of every tile on screen. Pure: the hook keeps `previous` between renders.
 */
export function layoutMeeting(previous: TileOrder, input: LayoutInput): MeetingLayout {
  const keys = input.tiles.map((tile) => tile.key);
  const stage = chooseStage({ tiles: new Set(keys), screens: input.screens, pinned: input.pinned, dismissed: input.dismissed });
  const newestFirst = [...input.screens].reverse().filter((key) => key !== stage);
  const front = stage ? [stage, ...newestFirst] : newestFirst;
  const speaking = new Set(input.tiles.filter((tile) => tile.speaking).map((tile) => tile.key));
  const keep = new Set(input.tiles.filter((tile) => tile.self).map((tile) => tile.key));
  const { width, height } = input;

  if (!stage) {
    const pageSize = gridPageSize(keys.length, width, height);
    const { order, laidOut } = nextTileOrder(previous, { tiles: keys, front, speaking, keep, pageSize, now: input.now });
    const page = clampPage(input.page.grid, keys.length, pageSize);
    const pages = pageCount(keys.length, pageSize);
    const shown = pageSlice(laidOut, page, pageSize);
    const cell = gridCell(shown.length, width, height - (pages > 1 ? PAGER_HEIGHT : 0));
    return { stage, side: false, shown, page, pages, sizes: new Map(shown.map((key) => [key, cell])), order };
  }

  const strip = stripLayout(keys.length - 1, width, height);
  // The stage tile leads the order, so "page 1" of the order is the stage plus the strip's first page.
  const { order, laidOut } = nextTileOrder(previous, { tiles: keys, front, speaking, keep, pageSize: strip.pageSize + 1, now: input.now });
  const rest = laidOut.filter((key) => key !== stage);
  const page = clampPage(input.page.strip, rest.length, strip.pageSize);
  const pages = pageCount(rest.length, strip.pageSize);
  const shown = pageSlice(rest, page, strip.pageSize);
  const stripTile = strip.side
    ? { width: STRIP.sideWidth, height: Math.round((STRIP.sideWidth * 9) / 16) }
    : { width: Math.round((STRIP.bottomHeight * 16) / 9), height: STRIP.bottomHeight };
  const stageSize = strip.side
    ? { width: Math.max(0, width - STRIP.sideWidth - GAP), height }
    : { width, height: Math.max(0, height - STRIP.bottomHeight - GAP - (pages > 1 ? PAGER_HEIGHT : 0)) };
  const sizes = new Map<TileKey, Size>(shown.map((key) => [key, stripTile]));
  sizes.set(stage, rounded(stageSize));
  return { stage, side: strip.side, shown, page, pages, sizes, order };
}

/** The size of one cell of a grid of `count` tiles (see bestColumns). */
function gridCell(count: number, width: number, height: number): Size {
  const cols = bestColumns(count, width, height, GAP);
  const rows = Math.max(1, Math.ceil(count / cols));
  return rounded({ width: (width - GAP * (cols - 1)) / cols, height: (height - GAP * (rows - 1)) / rows });
}

function rounded({ width, height }: Size): Size {
  return { width: Math.max(0, Math.round(width)), height: Math.max(0, Math.round(height)) };
}
