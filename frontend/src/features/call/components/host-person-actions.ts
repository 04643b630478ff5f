import type { I18n } from '@lingui/core';
import { msg } from '@lingui/core/macro';
import type { Role } from '@contract/protocol';
import type { HostControls } from '../lib/host-controls';
import type { PeerView } from '../lib/session-types';
import type { PersonAction } from './person-menu';

/**
 * What a host or co-host may do to one person, as the server allows it: mute (while their mic is
 * on), make or unmake a co-host (the host only), remove (anyone but the host).
 */
export function hostActionsFor(host: HostControls, i18n: I18n, selfRole: Role, peer: PeerView, role: Role | undefined): PersonAction[] {
  const { id } = peer;
  const actions: PersonAction[] = [];
  if (peer.media.audio) actions.push({ key: 'mute', label: i18n._(msg`Mute`), onSelect: () => void host.mute(id) });
  if (selfRole === 'host' && role !== 'host') {
    actions.push(
      role === 'cohost'
        ? { key: 'cohost', label: i18n._(msg`Remove co-host`), onSelect: () => void host.setCoHost(id, false) }
        : { key: 'cohost', label: i18n._(msg`Make co-host`), onSelect: () => void host.setCoHost(id, true) },
    );
  }
  if (role !== 'host') {
    const name = peer.displayName;
    actions.push({
      key: 'remove',
      label: i18n._(msg`Remove from meeting`),
      danger: true,
      // A removed person's next join waits for a host: worth a second look before a slip of the finger.
      confirm: {
        title: i18n._(msg`Remove ${name} from the meeting?`),
        body: i18n._(msg`They leave now. If they try to join again, they wait until a host admits them.`),
        confirmLabel: i18n._(msg`Remove`),
      },
      onSelect: () => void host.remove(id),
    });
  }
  return actions;
}
