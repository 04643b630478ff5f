import { useLingui } from '@lingui/react/macro';
import { useEffect, useRef } from 'react';
import { MicOffIcon } from '../../../components/icons';
import type { PeerView } from '../lib/session-types';
import { HandQueue } from './hand-queue';
import { SidePanel } from './side-panel';

/** The "Participants" side panel; its heading takes focus on open. */
export function ParticipantsPanel({ selfName, selfMicOn, peers, onClose }: { selfName: string; selfMicOn: boolean; peers: PeerView[]; onClose(): void }) {
  const { t, i18n } = useLingui();
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    headingRef.current?.focus();
  }, []);
  const count = i18n.number(peers.length + 1);
  return (
    <SidePanel title={t`Participants`} closeLabel={t`Close participants`} onClose={onClose} headingRef={headingRef}>
      <HandQueue />
      <p className="panel__count">{t`${count} in the meeting`}</p>
      <ul className="people">
        <li className="people__item">
          <span>{t`${selfName} (you)`}</span>
          {!selfMicOn && <MutedNote />}
        </li>
        {peers.map((peer) => (
          <li key={peer.id} className="people__item">
            <span>{peer.displayName}</span>
            {!peer.media.audio && <MutedNote />}
          </li>
        ))}
      </ul>
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
