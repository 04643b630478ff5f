import { Trans, useLingui } from '@lingui/react/macro';
import { useId } from 'react';
import { useCallSession } from '../hooks/session-context';
import { useObservable } from '../hooks/use-observable';
import { DevicePickers } from './device-pickers';
import { mediaFailureText } from './media-failure-text';
import { ModalDialog } from './modal-dialog';

/**
 * In-call settings: camera, microphone and speaker (switched without leaving: the new track is
 * swapped into every connection), front/back camera on phones, and the microphone's processing.
 */
export function SettingsDialog({ open, onClose }: { open: boolean; onClose(): void }) {
  const session = useCallSession();
  const media = session.devices.media;
  const local = useObservable(media.state);
  const { t, i18n } = useLingui();
  const failed = local.errors.video ? ('video' as const) : local.errors.audio ? ('audio' as const) : null;
  const failure = failed && local.errors[failed];
  return (
    <ModalDialog open={open} title={t`Settings`} onClose={onClose} className="settings">
      <DevicePickers />
      {canFlip(local) && (
        <button type="button" className="btn settings__flip" onClick={() => void media.flipCamera()}>
          {local.facing === 'user' ? <Trans>Switch to back camera</Trans> : <Trans>Switch to front camera</Trans>}
        </button>
      )}
      <fieldset className="settings__group">
        <legend className="field__label"><Trans>Microphone processing</Trans></legend>
        <Check label={t`Noise suppression`} hint={t`Filters out steady background noise such as fans and typing.`} checked={local.processing.noiseSuppression} onChange={(on) => void media.setAudioProcessing({ noiseSuppression: on })} />
        <Check label={t`Echo cancellation`} hint={t`Keeps others from hearing themselves through your speakers. Turn it off only with headphones.`} checked={local.processing.echoCancellation} onChange={(on) => void media.setAudioProcessing({ echoCancellation: on })} />
      </fieldset>
      {failed && failure && <p className="device-error" role="alert">{mediaFailureText(i18n, failed, failure)}</p>}
    </ModalDialog>
  );
}

/** A phone's camera says where it faces; with a second camera there is something to flip to. */
export function canFlip(local: { facing: string | null; devices: { videoinput: unknown[] }; videoTrack: MediaStreamTrack | null }): boolean {
  return !!local.facing && !!local.videoTrack && local.devices.videoinput.length > 1;
}

function Check({ label, hint, checked, onChange }: { label: string; hint: string; checked: boolean; onChange(on: boolean): void }) {
  const id = useId();
  return (
    <div className="check">
      <input id={id} type="checkbox" checked={checked} aria-describedby={`${id}-hint`} onChange={(e) => onChange(e.target.checked)} />
      <label htmlFor={id}>{label}</label>
      <p id={`${id}-hint`} className="check__hint">{hint}</p>
    </div>
  );
}
