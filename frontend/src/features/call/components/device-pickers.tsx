import { useId } from 'react';
import { useCallSession } from '../hooks/session-context';
import { useObservable } from '../hooks/use-observable';
import { canSelectSpeaker } from '../lib/audio-output';
import type { DeviceOption } from '../lib/local-media';

/** Camera, microphone and (where supported) speaker selects. */
export function DevicePickers() {
  const session = useCallSession();
  const local = useObservable(session.devices.media.state);
  return (
    <div className="pickers">
      <Picker label="Camera source" options={local.devices.videoinput} value={local.selected.videoinput} onChange={(id) => void session.devices.media.selectDevice('videoinput', id)} />
      <Picker label="Microphone source" options={local.devices.audioinput} value={local.selected.audioinput} onChange={(id) => void session.devices.media.selectDevice('audioinput', id)} />
      {canSelectSpeaker() && (
        <Picker label="Speaker output" options={local.devices.audiooutput} value={local.selected.audiooutput} onChange={(id) => void session.devices.setSpeaker(id)} />
      )}
    </div>
  );
}

function Picker({ label, options, value, onChange }: { label: string; options: DeviceOption[]; value: string | null; onChange(id: string): void }) {
  const id = useId();
  return (
    <div className="picker">
      <label htmlFor={id} className="field__label">{label}</label>
      <select id={id} className="select" value={value ?? ''} onChange={(e) => onChange(e.target.value)} disabled={options.length === 0}>
        {options.length === 0 && <option value="">Default</option>}
        {options.map((o) => (
          <option key={o.deviceId} value={o.deviceId}>{o.label}</option>
        ))}
      </select>
    </div>
  );
}
