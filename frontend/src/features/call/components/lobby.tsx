import { LIMITS } from '@contract/limits';
import { plural } from '@lingui/core/macro';
import { Trans, useLingui } from '@lingui/react/macro';
import { useEffect, useId, useState, type FormEvent } from 'react';
import type { MeetingDto } from '@contract/protocol';
import { CamIcon, CamOffIcon, MicIcon, MicOffIcon } from '../../../components/icons';
import { PageHeading } from '../../../components/page-heading';
import { Preferences } from '../../../components/preferences';
import { localStore } from '../../../lib/local-store';
import { STORAGE_KEYS } from '../../../config/storage-keys';
import { useCallSession } from '../hooks/session-context';
import { useObservable } from '../hooks/use-observable';
import { afterPaint } from '../lib/after-paint';
import type { DeviceKind } from '../lib/media-errors';
import { ConnectionCheck } from './connection-check';
import { DevicePickers } from './device-pickers';
import { LobbyNotice } from './lobby-notice';
import { mediaFailureText } from './media-failure-text';
import { MicMeter } from './mic-meter';
import { VideoView } from './video-view';

/**
 * Before joining: preview, name, who is already in, "Join now", then devices and the connection
 * check. On a phone the name and Join come right after the preview, above the device pickers.
 */
export function Lobby({ meeting, initialName, onRefreshMeeting }: { meeting: MeetingDto | null; initialName: string; onRefreshMeeting(): void }) {
  const session = useCallSession();
  const state = useObservable(session.state);
  const local = useObservable(session.devices.media.state);
  const { t, i18n } = useLingui();
  const nameId = useId();
  const [name, setName] = useState(initialName);
  const [nameError, setNameError] = useState<'empty' | 'long' | null>(null);
  // 'joined': the call screen holds the lobby a moment after the ack (see useRoomHold).
  const joining = state.phase.name === 'joining' || state.phase.name === 'joined';

  // What only "Join now" needs (the signaling connection, the prepared offer) starts once the
  // lobby is on screen: before, it was on the path of the lobby's first paint.
  useEffect(() => afterPaint(() => session.warmUp()), [session]);

  // Keep "N people in this meeting" current while the user is getting ready.
  useEffect(() => {
    const timer = setInterval(onRefreshMeeting, 5_000);
    return () => clearInterval(timer);
  }, [onRefreshMeeting]);

  const join = (event: FormEvent) => {
    event.preventDefault();
    const displayName = name.trim();
    if (!displayName) {
      setNameError('empty');
      return;
    }
    if (displayName.length > LIMITS.displayName) {
      setNameError('long');
      return;
    }
    localStore.set(STORAGE_KEYS.displayName, displayName);
    void session.join(displayName);
  };

  const errors = (Object.entries(local.errors) as [DeviceKind, NonNullable<(typeof local.errors)[DeviceKind]>][]).filter(([, f]) => f);
  const others = meeting?.participantCount ?? 0;
  const presence = others === 0 ? t`No one else is here yet` : plural(others, { one: '# person in this meeting', other: '# people in this meeting' });
  const mode = !local.audioTrack && !local.videoTrack ? t`You will join to watch and listen only.` : !local.videoTrack ? t`You will join with audio only.` : null;
  const title = meeting?.title || t`Ready to join?`;

  return (
    <>
      <Preferences />
      <main className="lobby">
        <section className="lobby__preview" aria-label={t`Preview`}>
          <div className="preview">
            {local.videoTrack ? <VideoView track={local.videoTrack} mirrored fit="contain" /> : <div className="preview__off">{local.starting ? t`Starting camera…` : t`Camera is off`}</div>}
            <div className="preview__controls">
              <button type="button" className={`ctl${local.micOn ? ' ctl--on' : ' ctl--off'}`} aria-pressed={local.micOn} onClick={() => session.devices.toggleMic()}>
                {local.micOn ? <MicIcon /> : <MicOffIcon />}
                <span className="sr-only"><Trans>Microphone</Trans></span>
              </button>
              <button type="button" className={`ctl${local.camOn ? ' ctl--on' : ' ctl--off'}`} aria-pressed={local.camOn} onClick={() => session.devices.toggleCamera()}>
                {local.camOn ? <CamIcon /> : <CamOffIcon />}
                <span className="sr-only"><Trans>Camera</Trans></span>
              </button>
            </div>
          </div>
          <MicMeter active={local.micOn} />
        </section>
        <section className="lobby__join" aria-labelledby="lobby-title">
          <PageHeading id="lobby-title" title={title} />
          <p className="lobby__presence">{presence}</p>
          <LobbyNotice meeting={meeting} />
          <form onSubmit={join} className="lobby__form" noValidate>
            <label htmlFor={nameId} className="field__label"><Trans>Your name</Trans></label>
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
              aria-describedby={nameError ? `${nameId}-error` : undefined}
            />
            {nameError && <p id={`${nameId}-error`} role="alert" className="form-error">{nameError === 'empty' ? <Trans>Enter your name so others know who you are.</Trans> : <Trans>Use at most {LIMITS.displayName} characters.</Trans>}</p>}
            {mode && <p className="lobby__mode">{mode}</p>}
            <button type="submit" className="btn btn--primary btn--large" disabled={joining}>{meeting?.locked ? <Trans>Ask to join</Trans> : <Trans>Join now</Trans>}</button>
          </form>
        </section>
        <section className="lobby__devices" aria-label={t`Devices`}>
          {errors.map(([kind, failure]) => (
            <p key={kind} role="alert" className="device-error">{mediaFailureText(i18n, kind, failure)}</p>
          ))}
          <DevicePickers />
          {meeting && <ConnectionCheck meetingId={meeting.meetingId} />}
        </section>
      </main>
    </>
  );
}
