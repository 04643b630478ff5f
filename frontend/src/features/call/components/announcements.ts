import type { SessionNotice } from '../lib/session-notices';

/** The live-region wording for what the session reports. */
export function describeNotice(notice: SessionNotice): string {
  switch (notice.type) {
    case 'peer-joined':
      return `${notice.name} joined`;
    case 'peer-left':
      return `${notice.name} left`;
    case 'server-restarting':
      return 'The server is restarting. Reconnecting…';
  }
}
