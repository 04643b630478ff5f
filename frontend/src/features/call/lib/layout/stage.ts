/** What can take the stage: a key per tile, `cam:<id>` or `screen:<id>` (see tileKey). */
export type TileKey = string;

/** The key of a participant's camera tile or shared-screen tile; `self` for our own. */
export function tileKey(kind: 'cam' | 'screen', participantId: string): TileKey {
  return `${kind}:${participantId}`;
}

export function participantOf(key: TileKey): string {
  return key.slice(key.indexOf(':') + 1);
}

export function isScreenKey(key: TileKey): boolean {
  return key.startsWith('screen:');
}

/**
 * Screens in the order they started, oldest first. A screen that stops and starts again counts as
 * new (it goes to the end), so "the newest share takes the stage" holds for a restart too.
 */
export function screenOrder(previous: readonly TileKey[], current: readonly TileKey[]): TileKey[] {
  const now = new Set(current);
  const kept = previous.filter((key) => now.has(key));
  const known = new Set(kept);
  return [...kept, ...current.filter((key) => !known.has(key))];
}

export interface StageInput {
  /** Every tile on screen now. */
  tiles: ReadonlySet<TileKey>;
  /** Shared screens, oldest first (see screenOrder). */
  screens: readonly TileKey[];
  /** What this person pinned, if anything (pinning is local to each person). */
  pinned: TileKey | null;
  /** Screens this person sent back to the grid ("Back to grid" while a share had the stage). */
  dismissed: ReadonlySet<TileKey>;
}

/**
 * Which tile has the stage: a pinned tile that is still there, else the newest shared screen not
 * sent back to the grid, else none (the plain grid). A pin on someone who left falls back by itself.
 */
export function chooseStage({ tiles, screens, pinned, dismissed }: StageInput): TileKey | null {
  if (pinned && tiles.has(pinned)) return pinned;
  for (let i = screens.length - 1; i >= 0; i -= 1) {
    const screen = screens[i]!;
    if (tiles.has(screen) && !dismissed.has(screen)) return screen;
  }
  return null;
}
