import type { TileKey } from './stage';

/**
 * Everyone's place, kept between renders: `keys` is the stable base order (join order, changed only
 * by speaker promotions); leading tiles are put in front of it when laid out, so when a screen
 * stops or a pin ends, that tile is back where it was. `lastSpoke` is when each tile's owner last spoke.
 */
export interface TileOrder {
  readonly keys: readonly TileKey[];
  readonly lastSpoke: ReadonlyMap<TileKey, number>;
}

export const EMPTY_ORDER: TileOrder = { keys: [], lastSpoke: new Map() };

export interface OrderInput {
  /** Every tile to lay out, in join order. */
  tiles: readonly TileKey[];
  /** Tiles that lead, in this order: the stage, shared screens. */
  front: readonly TileKey[];
  /** Tiles whose owner speaks now. */
  speaking: ReadonlySet<TileKey>;
  /** Tiles never pushed off page 1 by a speaker (our own). */
  keep: ReadonlySet<TileKey>;
  /** Tiles per page. */
  pageSize: number;
  now: number;
}

export interface OrderResult {
  order: TileOrder;
  /** The tiles as laid out: leading tiles, then everyone else; page 1 first. */
  laidOut: TileKey[];
}

/**
 * The next tile order, changed as little as possible so tiles do not jump around: people keep
 * their place, newcomers go last, screens and the stage tile lead. A speaker who is off page 1
 * swaps places with the page-1 tile whose owner spoke longest ago (never with a speaker, a leading
 * tile or a kept one); a speaker already on page 1 does not move.
 */
export function nextTileOrder(previous: TileOrder, input: OrderInput): OrderResult {
  const present = new Set(input.tiles);
  const lastSpoke = new Map([...previous.lastSpoke].filter(([key]) => present.has(key)));
  for (const key of input.speaking) lastSpoke.set(key, input.now);

  const kept = previous.keys.filter((key) => present.has(key));
  const known = new Set(kept);
  const added = input.tiles.filter((key) => !known.has(key));
  // Newcomers who already speak join ahead of the silent ones.
  added.sort((a, b) => Number(input.speaking.has(b)) - Number(input.speaking.has(a)));
  const base = [...kept, ...added];

  const leading = new Set(input.front.filter((key) => present.has(key)));
  const front = [...leading];
  const laidOut = () => [...front, ...base.filter((key) => !leading.has(key))];
  const pageSize = Math.max(1, input.pageSize);
  let keys = laidOut();
  for (let i = pageSize; i < keys.length; i += 1) {
    const speaker = keys[i]!;
    if (!input.speaking.has(speaker)) continue;
    const slot = quietestSlot(keys, pageSize, leading, input, lastSpoke);
    if (slot === -1) break;
    // Swap the two in the base order; leading tiles are not in play, so the layout swaps too.
    const a = base.indexOf(speaker);
    const b = base.indexOf(keys[slot]!);
    [base[a], base[b]] = [base[b]!, base[a]!];
    keys = laidOut();
  }
  return { order: { keys: base, lastSpoke }, laidOut: keys };
}

/** The page-1 position whose tile may give way: not leading, kept or speaking; spoke longest ago. */
function quietestSlot(keys: TileKey[], pageSize: number, leading: ReadonlySet<TileKey>, input: OrderInput, lastSpoke: ReadonlyMap<TileKey, number>): number {
  let best = -1;
  let bestSpoke = Infinity;
  for (let i = 0; i < Math.min(pageSize, keys.length); i += 1) {
    const key = keys[i]!;
    if (leading.has(key) || input.keep.has(key) || input.speaking.has(key)) continue;
    const spoke = lastSpoke.get(key) ?? -Infinity;
    // `<=`: among equals, the last one on the page gives way (the top of the page stays put).
    if (spoke <= bestSpoke) {
      best = i;
      bestSpoke = spoke;
    }
  }
  return best;
}
