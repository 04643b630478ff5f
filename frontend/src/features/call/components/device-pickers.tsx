import { useLingui } from '@lingui/react/macro';
import { useId } from 'react';
import { useCallSession } from '../hooks/session-context';
import { useObservable } from '../hooks/use-observable';
import { canSelectSpeaker } from '../lib/audio-output';
import type { DeviceOption } from '../lib/local-media';

/** Camera, microphone and (where supported) speaker selects. */
export function DevicePickers() {
  const session = useCallSession();
  const local = useObservable(session.devices.media.state);
  const { t } = useLingui();
  return (
    <div className="pickers">
      <Picker label={t`Camera source`} options={local.devices.videoinput} value={local.selected.videoinput} onChange={(id) => void session.devices.media.selectDevice('videoinput', id)} />
      <Picker label={t`Microphone source`} options={local.devices.audioinput} value={local.selected.audioinput} onChange={(id) => void session.devices.media.selectDevice('audioinput', id)} />
      {canSelectSpeaker() && (
        <Picker label={t`Speaker output`} options={local.devices.audiooutput} value={local.selected.audiooutput} onChange={(id) => void session.devices.setSpeaker(id)} />
      )}
    </div>
  );
}

function Picker({ label, options, value, onChange }: { label: string; options: DeviceOption[]; value: string | null; onChange(id: string): void }) {
  const id = useId();
  const { t } = useLingui();
  const current = options.find((o) => o.deviceId === value)?.label;
  return (
    <div className="picker">
      <label htmlFor={id} className="field__label">{label}</label>
      {/* The full device name rides in the title: long names are cut off in a narrow select. */}
      <select id={id} className="select" value={value ?? ''} title={current} onChange={(e) => onChange(e.target.value)} disabled={options.length === 0}>
        {options.length === 0 && <option value="">{t`Default`}</option>}
        {options.map((o) => (
          <option key={o.deviceId} value={o.deviceId}>{o.label}</option>
        ))}
      </select>
    </div>
  );
}
