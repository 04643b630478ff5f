import type { Viewport } from '../sfu/tile-viewport';
import type { Size } from './meeting-layout';
import { participantOf, type TileKey } from './stage';

/** Off screen: the size is kept small so a tile coming back starts on the small layer. */
const HIDDEN: Viewport = { visible: false, width: 320, height: 180 };

/**
 * Per remote participant, whether any of their tiles (camera or screen) is on screen and the size
 * of the biggest one. Everyone in `participants` gets an entry, so people on other pages are
 * explicitly off screen. Video only: audio does not depend on it (off-page people are heard).
 */
export function viewportsFor(participants: readonly string[], sizes: ReadonlyMap<TileKey, Size>): Map<string, Viewport> {
  const result = new Map<string, Viewport>(participants.map((id) => [id, HIDDEN]));
  for (const [key, size] of sizes) {
    const id = participantOf(key);
    const current = result.get(id);
    if (!current) continue; // our own tiles
    result.set(id, {
      visible: true,
      width: Math.max(current.visible ? current.width : 0, size.width),
      height: Math.max(current.visible ? current.height : 0, size.height),
    });
  }
  return result;
}
