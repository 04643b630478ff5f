import { parseMeetingId } from '@contract/meeting-id';
import { Trans, useLingui } from '@lingui/react/macro';
import { useId, useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router-dom';
import { PlusIcon } from '../../../components/icons';
import { paths } from '../../../config/paths';
import { ApiError, createMeeting, getMeeting } from '../api';

/** Home page actions: create a meeting, or join one from a pasted ID or invite link. */
type StartError = 'rate-limited' | 'create-failed' | 'malformed' | 'not-found' | 'unreachable';

export function StartMeeting() {
  const { t } = useLingui();
  const errorText: Record<StartError, string> = {
    'rate-limited': t`Too many requests. Wait a moment and try again.`,
    'create-failed': t`Could not create a meeting. Try again.`,
    malformed: t`That doesn't look like a meeting ID.`,
    'not-found': t`No meeting with that ID.`,
    unreachable: t`Could not reach the server. Try again.`,
  };
  const navigate = useNavigate();
  const inputId = useId();
  const [value, setValue] = useState('');
  const [error, setError] = useState<StartError | null>(null);
  const [busy, setBusy] = useState<'create' | 'join' | null>(null);

  const onCreate = async () => {
    setBusy('create');
    setError(null);
    try {
      const meeting = await createMeeting();
      navigate(paths.meeting(meeting.meetingId));
    } catch (e) {
      setError(e instanceof ApiError && e.code === 'RATE_LIMITED' ? 'rate-limited' : 'create-failed');
      setBusy(null);
    }
  };

  const onJoin = async (event: FormEvent) => {
    event.preventDefault();
    const meetingId = parseMeetingId(value);
    if (!meetingId) {
      setError('malformed');
      return;
    }
    setBusy('join');
    setError(null);
    try {
      await getMeeting(meetingId);
      navigate(paths.meeting(meetingId));
    } catch (e) {
      const notFound = e instanceof ApiError && (e.status === 404 || e.code === 'MEETING_NOT_FOUND');
      setError(notFound ? 'not-found' : 'unreachable');
      setBusy(null);
    }
  };

  return (
    <div className="start">
      <button type="button" className="btn btn--primary btn--large" onClick={() => void onCreate()} disabled={busy !== null}>
        <PlusIcon />
        <Trans>New meeting</Trans>
      </button>
      <div className="start__or" aria-hidden="true"><Trans>or</Trans></div>
      <form className="start__join" onSubmit={(e) => void onJoin(e)} noValidate>
        <label htmlFor={inputId} className="field__label">{t`Meeting ID or link`}</label>
        <div className="start__row">
          <input
            id={inputId}
            className="input"
            value={value}
            onChange={(e) => {
              setValue(e.target.value);
              setError(null);
            }}
            placeholder="abcde-fghij-kmnpq"
            autoComplete="off"
            spellCheck={false}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${inputId}-error` : undefined}
          />
          <button type="submit" className="btn" disabled={busy !== null || value.trim() === ''}><Trans>Join</Trans></button>
        </div>
        {error && (
          <p id={`${inputId}-error`} role="alert" className="form-error">{errorText[error]}</p>
        )}
      </form>
    </div>
  );
}
