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
    case 'recording': {
      const name = notice.name;
      if (name === null) return notice.on ? i18n._(msg`Recording started`) : i18n._(msg`Recording stopped. Your file is being saved.`);
      return notice.on ? i18n._(msg`${name} started recording`) : i18n._(msg`${name} stopped recording`);
    }
    case 'recording-failed':
      return notice.reason === 'unsupported' ? i18n._(msg`This browser can't record meetings.`) : i18n._(msg`Recording could not start.`);
    default:
      return describeHostNotice(i18n, notice);
  }
}
