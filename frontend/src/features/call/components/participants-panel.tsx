import { MicOffIcon } from '../../../components/icons';
import type { PeerView } from '../lib/session-types';

/** The "Participants" side panel. */
export function ParticipantsPanel({ selfName, selfMicOn, peers }: { selfName: string; selfMicOn: boolean; peers: PeerView[] }) {
  return (
    <aside className="panel" aria-label="Participants">
      <h2 className="panel__title">Participants ({peers.length + 1})</h2>
      <ul className="people">
        <li className="people__item">
          <span>{selfName} (you)</span>
          {!selfMicOn && <MutedNote />}
        </li>
        {peers.map((peer) => (
          <li key={peer.id} className="people__item">
            <span>{peer.displayName}</span>
            {!peer.media.audio && <MutedNote />}
          </li>
        ))}
      </ul>
    </aside>
  );
}

// Not role="img": tiles own the "Microphone muted" image name, this is a plain note.
function MutedNote() {
  return (
    <span className="people__muted" title="Microphone off">
      <MicOffIcon />
      <span className="sr-only">, microphone off</span>
    </span>
  );
}
