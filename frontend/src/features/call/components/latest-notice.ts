/** A notice the meeting page raised itself (invite copied, share failed). */
export interface OwnNotice {
  seq: number;
  text: string;
  /** The session notice's `seq` when this one was raised. */
  after: number;
}

/**
 * Which notice the toast shows: the page's own and the session's count separately, so the newer
 * one is the page's own unless a session notice arrived after it.
 */
export function latestNotice(own: OwnNotice | null, session: { seq: number; text: string } | null): { key: string; text: string } | null {
  if (own && own.after >= (session?.seq ?? 0)) return { key: `own-${own.seq}`, text: own.text };
  return session && { key: `session-${session.seq}`, text: session.text };
}
