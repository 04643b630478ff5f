import { Trans, useLingui } from '@lingui/react/macro';
import { Link } from 'react-router-dom';
import type { MeetingDto } from '@contract/protocol';
import { MessageScreen } from '../../../components/message-screen';
import { paths } from '../../../config/paths';
import { useCallSession } from '../hooks/session-context';
import { useObservable } from '../hooks/use-observable';
import { useRoomHold } from '../hooks/use-room-hold';
import { describeError } from '../lib/describe-error';
import { Lobby } from './lobby';
import { MeetingRoom } from './meeting-room';
import { WaitingRoom } from './waiting-room';
import './host-ui.css';

/** Picks the screen for the session phase: lobby, meeting, left, or a named error. */
export function CallScreen({ meeting, initialName, onRefreshMeeting }: { meeting: MeetingDto | null; initialName: string; onRefreshMeeting(): void }) {
  const session = useCallSession();
  const state = useObservable(session.state);
  const { phase } = state;
  const hold = useRoomHold(state);
  const { t, i18n } = useLingui();
  const home = <Link className="btn" to={paths.home()}><Trans>Home</Trans></Link>;

  switch (phase.name) {
    case 'idle':
    case 'joining':
      return <Lobby meeting={meeting} initialName={initialName} onRefreshMeeting={onRefreshMeeting} />;
    case 'waiting':
      return <WaitingRoom title={meeting?.title ?? null} />;
    case 'joined':
    case 'reconnecting':
      if (hold) return <Lobby meeting={meeting} initialName={initialName} onRefreshMeeting={onRefreshMeeting} />;
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
      const { title, body, retry, edit, retryLabel } = describeError(phase.code, phase.message);
      return (
        <MessageScreen
          title={i18n._(title)}
          actions={<>
            {retry && <button type="button" className="btn btn--primary" onClick={() => void session.rejoin()}>{retryLabel ? i18n._(retryLabel) : <Trans>Try again</Trans>}</button>}
            {edit && <button type="button" className="btn btn--primary" onClick={() => session.backToLobby()}><Trans>Back</Trans></button>}
            {home}
          </>}
        >
          <p>{typeof body === 'string' ? body : i18n._(body)}</p>
        </MessageScreen>
      );
    }
  }
}
