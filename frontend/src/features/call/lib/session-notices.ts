/**
 * Things the session tells the person about, as data; the UI words them (see
 * components/announcements.ts), so wording and translation stay out of the engine.
 */
export type SessionNotice =
  | { type: 'peer-joined'; name: string }
  | { type: 'peer-left'; name: string }
  | { type: 'server-restarting' };
