import { plural } from '@lingui/core/macro';
import { useLingui } from '@lingui/react/macro';
import type { PeerView } from '../lib/session-types';

/**
 * "Ana is recording": shown to everyone while anyone records the meeting (consent). Not a live
 * region: starts and stops are announced once, politely, in the Announcements status.
 */
export function RecordingIndicator({ selfRecording, peers }: { selfRecording: boolean; peers: PeerView[] }) {
  const { t } = useLingui();
  const others = peers.filter((p) => p.recording).map((p) => p.displayName);
  const count = others.length + (selfRecording ? 1 : 0);
  if (count === 0) return null;
  const name = others[0] ?? '';
  let text: string;
  if (count > 1) text = plural(count, { one: '# person is recording', other: '# people are recording' });
  else if (selfRecording) text = t`You are recording`;
  else text = t`${name} is recording`;
  return (
    <p className="rec-indicator" data-testid="recording-indicator">
      <span className="rec-indicator__dot" aria-hidden="true" />
      {text}
    </p>
  );
}
