import { useMemo, useRef, useState } from 'react';
import { layoutMeeting, type LayoutTileInfo, type MeetingLayout } from '../lib/layout/meeting-layout';
import { isScreenKey, screenOrder, type TileKey } from '../lib/layout/stage';
import { EMPTY_ORDER, type TileOrder } from '../lib/layout/tile-order';
import type { ElementSize } from './use-element-size';

export interface LayoutActions {
  pin(key: TileKey): void;
  unpin(): void;
  /** Unpins and sends the screens shared now back into the grid (a newer share takes the stage again). */
  backToGrid(): void;
  setPage(page: number): void;
}

/**
 * This person's layout of the meeting: what has the stage (pins are local), the page of the grid
 * or strip, and a tile order that stays put between renders (see layoutMeeting).
 */
export function useMeetingLayout(tiles: readonly LayoutTileInfo[], size: ElementSize): { layout: MeetingLayout; pinned: TileKey | null; actions: LayoutActions } {
  const [pinned, setPinned] = useState<TileKey | null>(null);
  const [dismissed, setDismissed] = useState<ReadonlySet<TileKey>>(new Set());
  const [pages, setPages] = useState({ grid: 0, strip: 0 });
  const order = useRef<TileOrder>(EMPTY_ORDER);
  const screens = useRef<TileKey[]>([]);

  const layout = useMemo(() => {
    screens.current = screenOrder(screens.current, tiles.filter((tile) => isScreenKey(tile.key)).map((tile) => tile.key));
    const next = layoutMeeting(order.current, {
      tiles,
      screens: screens.current,
      pinned,
      dismissed,
      page: pages,
      width: size.width,
      height: size.height,
      now: Date.now(),
    });
    // Idempotent for the same input (a second StrictMode render changes nothing), so a ref will do.
    order.current = next.order;
    return next;
  }, [tiles, pinned, dismissed, pages, size.width, size.height]);

  const current = useRef(layout);
  current.current = layout;
  const actions = useMemo<LayoutActions>(
    () => ({
      pin: (key) => setPinned(key),
      unpin: () => setPinned(null),
      backToGrid: () => {
        setPinned(null);
        setDismissed(new Set(screens.current));
      },
      setPage: (page) => setPages((p) => (current.current.stage ? { ...p, strip: page } : { ...p, grid: page })),
    }),
    [],
  );
  return { layout, pinned, actions };
}
