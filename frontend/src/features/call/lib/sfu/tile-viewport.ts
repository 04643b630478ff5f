import type { ElementInfo } from 'livekit-client';

/** How big a participant's tile is on screen, and whether it is on screen at all. */
export interface Viewport {
  visible: boolean;
  width: number;
  height: number;
}

/**
 * A tile the grid has not sized yet: visible, on the smallest layer. A new subscription starts
 * small (a small first keyframe, and the sender need not wake its full-size encoder for it); the
 * grid raises it as soon as it measures a bigger tile.
 */
export const DEFAULT_VIEWPORT: Viewport = { visible: true, width: 320, height: 180 };

/**
 * LiveKit's adaptive stream subscribes each video at the size of the elements it is attached to,
 * and pauses it when none is visible. Our tiles render `MediaStreamTrack`s themselves (the UI never
 * sees LiveKit), so the transport tells LiveKit about each tile through this stand-in element:
 * the grid sets which tiles are visible and how big they are.
 */
export class TileViewport implements ElementInfo {
  readonly element = {};
  visible: boolean;
  pictureInPicture = false;
  visibilityChangedAt: number | undefined;
  handleResize?: () => void;
  handleVisibilityChanged?: () => void;
  private size: { width: number; height: number };

  constructor(viewport: Viewport) {
    this.visible = viewport.visible;
    this.size = { width: viewport.width, height: viewport.height };
  }

  width(): number {
    return this.size.width;
  }

  height(): number {
    return this.size.height;
  }

  set(viewport: Viewport): void {
    if (viewport.visible !== this.visible) {
      this.visible = viewport.visible;
      this.visibilityChangedAt = Date.now();
      this.handleVisibilityChanged?.();
    }
    if (viewport.width !== this.size.width || viewport.height !== this.size.height) {
      this.size = { width: viewport.width, height: viewport.height };
      this.handleResize?.();
    }
  }

  observe(): void {}

  stopObserving(): void {}
}
