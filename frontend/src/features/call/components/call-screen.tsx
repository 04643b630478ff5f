import { msg } from '@lingui/core/macro';
import type { MessageDescriptor } from '@lingui/core';
import { Trans, useLingui } from '@lingui/react/macro';
import { Link } from 'react-router-dom';
import type { MeetingDto } from '@contract/protocol';
import { MessageScreen } from '../../../components/message-screen';
import { paths } from '../../../config/paths';
import { useMeshSession } from '../hooks/session-context';
import { useSessionState } from '../hooks/use-session-state';
import type { SessionErrorCode } from '../lib/session-state';
import { Lobby } from './lobby';
import { MeetingRoom } from './meeting-room';

/** Picks the screen for the session phase: lobby, meeting, left, or a named error. */
export function CallScreen({ meeting, initialName, onRefreshMeeting }: { meeting: MeetingDto | null; initialName: string; onRefreshMeeting(): void }) {
  const session = useMeshSession();
  const { phase } = useSessionState();
  const { t, i18n } = useLingui();
  const home = <Link className="btn" to={paths.home()}><Trans>Home</Trans></Link>;

  switch (phase.name) {
    case 'idle':
    case 'joining':
      return <Lobby meeting={meeting} initialName={initialName} onRefreshMeeting={onRefreshMeeting} />;
    case 'joined':
    case 'reconnecting':
      return <MeetingRoom meetingTitle={meeting?.title ?? ''} />;
    case 'left':
      return (
        <MessageScreen
          title={t`You left the meeting`}
          actions={<>
            <button type="button" className="btn btn--primary" onClick={() => void session.rejoin()}><Trans>Rejoin</Trans></button>
            {home}
          </>}
        />
      );
    case 'error': {
      const { title, body, retry } = describeError(phase.code);
      return (
        <MessageScreen
          title={i18n._(title)}
          actions={<>
            {retry && <button type="button" className="btn btn--primary" onClick={() => void session.rejoin()}><Trans>Try again</Trans></button>}
            {home}
          </>}
        >
          <p>{i18n._(body)}</p>
        </MessageScreen>
      );
    }
  }
}

/** Title and advice for a session error, as messages the screen translates. */
export function describeError(code: SessionErrorCode): { title: MessageDescriptor; body: MessageDescriptor; retry: boolean } {
  switch (code) {
    case 'MEETING_NOT_FOUND':
    case 'INVALID_MEETING_ID':
      return { title: msg`Meeting not found`, body: msg`Check the link, or start a new meeting from the home page.`, retry: false };
    case 'MEETING_FULL':
      return { title: msg`This meeting is full`, body: msg`It has reached its participant limit. Try again when someone leaves.`, retry: true };
    case 'RATE_LIMITED':
      return { title: msg`Too many requests`, body: msg`Please wait a moment, then try again.`, retry: true };
    case 'UNSUPPORTED_BROWSER':
      return { title: msg`Your browser can't make video calls`, body: msg`Use a recent version of Chrome, Edge, Firefox or Safari.`, retry: false };
    default:
      return { title: msg`Connection lost`, body: msg`We could not reach the meeting server. Check your connection and try again.`, retry: true };
  }
}
