import type { MediaTransport } from './media-transport';
import type { Viewport } from './sfu/tile-viewport';

const same = (a: Viewport, b: Viewport) => a.visible === b.visible && a.width === b.width && a.height === b.height;

/**
 * What the layout shows of each participant, passed on to the media transport (the SFU subscribes
 * to video only for visible tiles; the mesh receives everything and ignores it). It remembers the
 * last layout so a new transport (a rejoin, the switch to the SFU) starts with it, and forwards
 * only changes, so a re-render with the same layout costs nothing.
 */
export class ViewportFeed {
  private readonly wanted = new Map<string, Viewport>();
  private transport: MediaTransport | null = null;

  /** Viewports go to `transport` from now on; it learns the current ones at once. */
  use(transport: MediaTransport | null): void {
    this.transport = transport;
    for (const [id, viewport] of this.wanted) transport?.setViewport?.(id, viewport);
  }

  /** The viewport of every participant in the layout now; those missing have left it. */
  set(viewports: ReadonlyMap<string, Viewport>): void {
    for (const id of [...this.wanted.keys()]) if (!viewports.has(id)) this.wanted.delete(id);
    for (const [id, viewport] of viewports) {
      const before = this.wanted.get(id);
      if (before && same(before, viewport)) continue;
      this.wanted.set(id, viewport);
      this.transport?.setViewport?.(id, viewport);
    }
  }
}
