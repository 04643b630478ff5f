import type { I18n } from '@lingui/core';
import { msg } from '@lingui/core/macro';
import type { SessionNotice } from '../lib/session-notices';
import { describeHostNotice } from './host-announcements';

/** The live-region wording, in the person's language, for what the session reports. */
export function describeNotice(i18n: I18n, notice: SessionNotice): string {
  switch (notice.type) {
    case 'peer-joined': {
      const name = notice.name;
      return i18n._(msg`${name} joined`);
    }
    case 'peer-left': {
      const name = notice.name;
      return i18n._(msg`${name} left`);
    }
    case 'server-restarting':
      return i18n._(msg`The server is restarting. Reconnecting…`);
    default:
      return describeHostNotice(i18n, notice);
  }
}
