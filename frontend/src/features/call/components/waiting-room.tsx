import { Trans, useLingui } from '@lingui/react/macro';
import { MessageScreen } from '../../../components/message-screen';
import { useCallSession } from '../hooks/session-context';

/**
 * A locked meeting (or one we were removed from): we wait on the open connection until a host
 * admits us (the session joins by itself) or denies us (a final screen follows).
 */
export function WaitingRoom({ title }: { title: string | null }) {
  const session = useCallSession();
  const { t } = useLingui();
  return (
    <MessageScreen
      title={t`Waiting for the host to let you in`}
      actions={<button type="button" className="btn" onClick={() => session.leave()}><Trans>Leave</Trans></button>}
    >
      {title && <p className="waiting__meeting">{title}</p>}
      <p role="status" className="waiting__status">
        <span className="spinner" aria-hidden="true" />
        <Trans>Someone in the meeting will let you in soon. Keep this page open.</Trans>
      </p>
    </MessageScreen>
  );
}
