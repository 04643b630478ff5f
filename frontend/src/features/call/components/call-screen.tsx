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
  const home = <Link className="btn" to={paths.home()}>Home</Link>;

  switch (phase.name) {
    case 'idle':
    case 'joining':
      return <Lobby meeting={meeting} initialName={initialName} onRefreshMeeting={onRefreshMeeting} />;
    case 'joined':
    case 'reconnecting':
      return <MeetingRoom />;
    case 'left':
      return (
        <MessageScreen
          title="You left the meeting"
          actions={<>
            <button type="button" className="btn btn--primary" onClick={() => void session.rejoin()}>Rejoin</button>
            {home}
          </>}
        />
      );
    case 'error': {
      const { title, body, retry } = describeError(phase.code);
      return (
        <MessageScreen
          title={title}
          actions={<>
            {retry && <button type="button" className="btn btn--primary" onClick={() => void session.rejoin()}>Try again</button>}
            {home}
          </>}
        >
          <p>{body}</p>
        </MessageScreen>
      );
    }
  }
}

export function describeError(code: SessionErrorCode): { title: string; body: string; retry: boolean } {
  switch (code) {
    case 'MEETING_NOT_FOUND':
    case 'INVALID_MEETING_ID':
      return { title: 'Meeting not found', body: 'Check the link, or start a new meeting from the home page.', retry: false };
    case 'MEETING_FULL':
      return { title: 'This meeting is full', body: 'It has reached its participant limit. Try again when someone leaves.', retry: true };
    case 'RATE_LIMITED':
      return { title: 'Too many requests', body: 'Please wait a moment, then try again.', retry: true };
    // Until the waiting-room screen lands (issue 12, frontend half), a locked meeting says so plainly.
    case 'WAITING_FOR_HOST':
      return { title: 'This meeting is locked', body: 'Waiting for the host to let you in. Try again once the host has admitted you.', retry: true };
    case 'MEETING_ENDED':
      return { title: 'The host ended the meeting', body: 'This meeting cannot be joined again. Start a new meeting from the home page.', retry: false };
    case 'FORBIDDEN':
      return { title: 'This host link is not valid', body: 'Ask the host for a new link, or join with the normal meeting link.', retry: false };
    case 'UNSUPPORTED_BROWSER':
      return { title: "Your browser can't make video calls", body: 'Use a recent version of Chrome, Edge, Firefox or Safari.', retry: false };
    default:
      return { title: 'Connection lost', body: 'We could not reach the meeting server. Check your connection and try again.', retry: true };
  }
}
