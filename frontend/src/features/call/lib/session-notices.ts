/**
 * Things the session tells the person about, as data; the UI words them (see
 * components/announcements.ts), so wording and translation stay out of the engine.
 */
export type SessionNotice =
  | { type: 'peer-joined'; name: string }
  | { type: 'peer-left'; name: string }
  | { type: 'server-restarting' }
  /** Someone (`name`; null: we) started or stopped recording the meeting. */
  | { type: 'recording'; name: string | null; on: boolean }
  /** Our recording could not start (`unsupported`: this browser cannot record). */
  | { type: 'recording-failed'; reason: 'unsupported' | 'failed' };
