import type { I18n } from '@lingui/core';
import { msg } from '@lingui/core/macro';
import type { SessionNotice } from '../lib/session-notices';

type HostNotice = Exclude<SessionNotice, { type: 'peer-joined' | 'peer-left' | 'server-restarting' }>;

/** The wording of what the host controls report (knocks, mutes, role and meeting changes). */
export function describeHostNotice(i18n: I18n, notice: HostNotice): string {
  switch (notice.type) {
    case 'knock': {
      const name = notice.name;
      return i18n._(msg`${name} wants to join`);
    }
    case 'muted-by-host':
      return i18n._(msg`The host muted you. You can unmute yourself.`);
    case 'role-changed': {
      const name = notice.name;
      if (name === null) {
        if (notice.role === 'cohost') return i18n._(msg`You are now a co-host`);
        if (notice.role === 'host') return i18n._(msg`You are now the host`);
        return i18n._(msg`You are no longer a co-host`);
      }
      if (notice.role === 'cohost') return i18n._(msg`${name} is now a co-host`);
      if (notice.role === 'host') return i18n._(msg`${name} is now the host`);
      return i18n._(msg`${name} is no longer a co-host`);
    }
    case 'meeting-locked':
      return notice.locked ? i18n._(msg`The meeting is locked. New people wait to be let in.`) : i18n._(msg`The meeting is unlocked`);
    case 'meeting-renamed': {
      const title = notice.title;
      return title === null ? i18n._(msg`The meeting title was removed`) : i18n._(msg`The meeting is now called ${title}`);
    }
    case 'host-action-failed':
      return notice.code === 'FORBIDDEN'
        ? i18n._(msg`You are not allowed to do that`)
        : notice.code === 'PEER_NOT_FOUND'
          ? i18n._(msg`That person is no longer here`)
          : i18n._(msg`That did not work. Try again.`);
  }
}
