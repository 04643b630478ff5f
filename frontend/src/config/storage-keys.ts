/** localStorage keys the app reads back on a later visit. */
export const STORAGE_KEYS = {
  /** The name last used to join, prefilled in the lobby. */
  displayName: 'meet.displayName',
} as const;
