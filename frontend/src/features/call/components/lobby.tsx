import { LIMITS } from '@contract/limits';
import { useEffect, useId, useState, type FormEvent } from 'react';
import type { MeetingDto } from '@contract/protocol';
import { CamIcon, CamOffIcon, MicIcon, MicOffIcon } from '../../../components/icons';
import { STORAGE_KEYS } from '../../../config/storage-keys';
import { localStore } from '../../../lib/local-store';
import { useCallSession } from '../hooks/session-context';
import { useObservable } from '../hooks/use-observable';
import { describeMediaFailure, type DeviceKind } from '../lib/media-errors';
import { ConnectionCheck } from './connection-check';
import { DevicePickers } from './device-pickers';
import { MicMeter } from './mic-meter';
import { VideoView } from './video-view';

/** Before joining: preview, devices, name, who is already in, "Join now". */
export function Lobby({ meeting, initialName, onRefreshMeeting }: { meeting: MeetingDto | null; initialName: string; onRefreshMeeting(): void }) {
  const session = useCallSession();
  const state = useObservable(session.state);
  const local = useObservable(session.devices.media.state);
  const nameId = useId();
  const [name, setName] = useState(initialName);
  const [nameError, setNameError] = useState<string | null>(null);
  const joining = state.phase.name === 'joining';

  // Keep "N people in this meeting" current while the user is getting ready.
  useEffect(() => {
    const timer = setInterval(onRefreshMeeting, 5_000);
    return () => clearInterval(timer);
  }, [onRefreshMeeting]);

  const join = (event: FormEvent) => {
    event.preventDefault();
    const displayName = name.trim();
    if (!displayName) {
      setNameError('Enter your name so others know who you are.');
      return;
    }
    if (displayName.length > LIMITS.displayName) {
      setNameError(`Use at most ${LIMITS.displayName} characters.`);
      return;
    }
    localStore.set(STORAGE_KEYS.displayName, displayName);
    void session.join(displayName);
  };

  const errors = (Object.entries(local.errors) as [DeviceKind, NonNullable<(typeof local.errors)[DeviceKind]>][]).filter(([, f]) => f);
  const others = meeting?.participantCount ?? 0;
  const presence = others === 0 ? 'No one else is here yet' : `${others} ${others === 1 ? 'person' : 'people'} in this meeting`;
  const mode = !local.audioTrack && !local.videoTrack ? 'You will join to watch and listen only.' : !local.videoTrack ? 'You will join with audio only.' : null;

  return (
    <main className="lobby">
      <section className="lobby__preview" aria-label="Preview">
        <div className="preview">
          {local.videoTrack ? <VideoView track={local.videoTrack} mirrored /> : <div className="preview__off">{local.starting ? 'Starting camera…' : 'Camera is off'}</div>}
          <div className="preview__controls">
            <button type="button" className={`ctl${local.micOn ? ' ctl--on' : ' ctl--off'}`} aria-pressed={local.micOn} onClick={() => session.devices.toggleMic()}>
              {local.micOn ? <MicIcon /> : <MicOffIcon />}
              <span className="sr-only">Microphone</span>
            </button>
            <button type="button" className={`ctl${local.camOn ? ' ctl--on' : ' ctl--off'}`} aria-pressed={local.camOn} onClick={() => session.devices.toggleCamera()}>
              {local.camOn ? <CamIcon /> : <CamOffIcon />}
              <span className="sr-only">Camera</span>
            </button>
          </div>
        </div>
        <MicMeter active={local.micOn} />
        {errors.map(([kind, failure]) => (
          <p key={kind} role="alert" className="device-error">{describeMediaFailure(kind, failure)}</p>
        ))}
        <DevicePickers />
      </section>
      <section className="lobby__join" aria-labelledby="lobby-title">
        <h1 id="lobby-title">{meeting?.title || 'Ready to join?'}</h1>
        <p className="lobby__presence">{presence}</p>
        <form onSubmit={join} className="lobby__form" noValidate>
          <label htmlFor={nameId} className="field__label">Your name</label>
          <input
            id={nameId}
            className="input"
            value={name}
            maxLength={LIMITS.displayName}
            autoComplete="name"
            onChange={(e) => {
              setName(e.target.value);
              setNameError(null);
            }}
            aria-invalid={nameError ? true : undefined}
          />
          {nameError && <p role="alert" className="form-error">{nameError}</p>}
          {mode && <p className="lobby__mode">{mode}</p>}
          <button type="submit" className="btn btn--primary btn--large" disabled={joining}>Join now</button>
        </form>
        {meeting && <ConnectionCheck meetingId={meeting.meetingId} />}
      </section>
    </main>
  );
}
