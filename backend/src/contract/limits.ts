/**
 * Lengths both sides enforce: the server's schemas reject past them, the UI stops the person typing
 * past them. One source so the two can't drift (a name the form accepts must be one the server takes).
 */
export const LIMITS = {
  /** Display name, in UTF-16 code units after trimming. */
  displayName: 40,
  /** One chat message. */
  chatMessage: 2000,
  /** Meeting title. */
  meetingTitle: 100,
  /** Entries in a media-state's `sources` (camera and screen, with room to spare). */
  mediaSources: 4,
  /** One key of `sources` (a media stream id). */
  mediaSourceId: 64,
} as const;
