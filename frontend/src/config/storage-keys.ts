/** localStorage keys the app reads back on a later visit. */
export const STORAGE_KEYS = {
  /** The name last used to join, prefilled in the lobby. */
  displayName: 'meet.displayName',
  /** Noise suppression and echo cancellation on or off (JSON), from the in-call settings. */
  audioProcessing: 'meet.audioProcessing',
} as const;
