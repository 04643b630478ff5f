import { Trans } from '@lingui/react/macro';
import type { MeetingDto } from '@contract/protocol';

/** What the person should know before setting up: the meeting has ended, is full or is locked. */
export function LobbyNotice({ meeting }: { meeting: MeetingDto | null }) {
  const max = meeting?.maxParticipants ?? 0;
  let text = null;
  if (meeting?.ended) text = <Trans>This meeting has ended and can't be joined again.</Trans>;
  else if (meeting && meeting.participantCount >= max) text = <Trans>This meeting is full ({max} people). You can join when someone leaves.</Trans>;
  else if (meeting?.locked) text = <Trans>This meeting is locked. When you ask to join, a host has to let you in.</Trans>;
  // A status region that is always there: the lobby refreshes the meeting every few seconds, and
  // a meeting that locks or fills meanwhile is worth hearing.
  return <div role="status">{text && <p className="banner lobby__notice">{text}</p>}</div>;
}
