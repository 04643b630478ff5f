import type { Role } from '@contract/protocol';

/**
 * Things the session tells the person about, as data; the UI words them (see
 * components/announcements.ts), so wording and translation stay out of the engine.
 */
export type SessionNotice =
  | { type: 'peer-joined'; name: string }
  | { type: 'peer-left'; name: string }
  | { type: 'server-restarting' }
  // Host controls (host-controls.ts).
  /** Someone knocked on a locked meeting (hosts and co-hosts only). */
  | { type: 'knock'; name: string }
  | { type: 'muted-by-host'; by: string }
  /** `name` null: it is us. */
  | { type: 'role-changed'; name: string | null; role: Role }
  | { type: 'meeting-locked'; locked: boolean }
  | { type: 'meeting-renamed'; title: string | null }
  /** The server refused a host action (the code says why). */
  | { type: 'host-action-failed'; code: string };
