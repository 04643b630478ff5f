import type { ReactElement } from 'react';
import type { LayoutTileInfo } from '../lib/layout/meeting-layout';
import { PinButton } from './pin-button';

/** A tile as the layout places it: what it renders plus who it is (for the pin button's name). */
export interface LayoutTile extends LayoutTileInfo {
  kind: 'cam' | 'screen';
  /** The person ("Ana", "Ana (you)"); for a screen, whose screen it is. */
  name: string;
  element: ReactElement;
}

/**
 * One place in the grid, strip or stage: the tile itself, untouched, with the layout's own
 * controls (pin) beside it, so the tile component stays about one participant.
 */
export function TileSlot({ tile, pinned, onPin, onUnpin }: { tile: LayoutTile; pinned: boolean; onPin(): void; onUnpin(): void }) {
  return (
    <div className="slot" data-tile-key={tile.key}>
      {tile.element}
      <div className="slot__actions">
        <PinButton kind={tile.kind} name={tile.name} pinned={pinned} onToggle={pinned ? onUnpin : onPin} />
      </div>
    </div>
  );
}
