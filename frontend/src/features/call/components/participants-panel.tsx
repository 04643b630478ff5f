import { useLingui } from '@lingui/react/macro';
import { useEffect, useRef, type ReactNode } from 'react';
import type { Role } from '@contract/protocol';
import { MicOffIcon } from '../../../components/icons';
import type { PeerView } from '../lib/session-types';
import { PersonMenu, type PersonAction } from './person-menu';
import { RoleBadge } from './role-badge';
import { SidePanel } from './side-panel';

interface ParticipantsPanelProps {
  selfName: string;
  selfMicOn: boolean;
  peers: PeerView[];
  onClose(): void;
  /** Everyone's role by id, and ours (badges). */
  roles?: Readonly<Record<string, Role>>;
  selfRole?: Role;
  /** Hosts and co-hosts: the waiting room and meeting-wide actions, above the list. */
  hostTools?: ReactNode;
  /** Hosts and co-hosts: what they may do to one person (empty: no menu). */
  actionsFor?(peer: PeerView): PersonAction[];
}

/** The "Participants" side panel; its heading takes focus on open. */
export function ParticipantsPanel({ selfName, selfMicOn, peers, onClose, roles = {}, selfRole, hostTools, actionsFor }: ParticipantsPanelProps) {
  const { t, i18n } = useLingui();
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    headingRef.current?.focus();
  }, []);
  const count = i18n.number(peers.length + 1);
  return (
    <SidePanel title={t`Participants`} closeLabel={t`Close participants`} onClose={onClose} headingRef={headingRef}>
      <div className="panel__scroll">
        {hostTools}
        <p className="panel__count">{t`${count} in the meeting`}</p>
        <ul className="people" aria-label={t`In the meeting`}>
          <li className="people__item">
            <span className="people__name">{t`${selfName} (you)`}<RoleBadge role={selfRole} /></span>
            {!selfMicOn && <MutedNote />}
          </li>
          {peers.map((peer) => (
            <li key={peer.id} className="people__item">
              <span className="people__name">{peer.displayName}<RoleBadge role={roles[peer.id]} /></span>
              <span className="people__actions">
                {!peer.media.audio && <MutedNote />}
                {actionsFor && <PersonMenu name={peer.displayName} actions={actionsFor(peer)} />}
              </span>
            </li>
          ))}
        </ul>
      </div>
    </SidePanel>
  );
}

// Not role="img": tiles own the "Microphone muted" image name, this is a plain note.
function MutedNote() {
  const { t } = useLingui();
  return (
    <span className="people__muted" title={t`Microphone off`}>
      <MicOffIcon />
      <span className="sr-only">{t`, microphone off`}</span>
    </span>
  );
}
