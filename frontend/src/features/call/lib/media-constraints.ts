import { STORAGE_KEYS } from '../../../config/storage-keys';
import { localStore } from '../../../lib/local-store';

/** The microphone's own processing, switchable in the in-call settings and remembered. */
export interface AudioProcessing {
  noiseSuppression: boolean;
  echoCancellation: boolean;
}

/** Which way a phone's camera looks: at the person (front) or away (back). */
export type Facing = 'user' | 'environment';

export const DEFAULT_PROCESSING: AudioProcessing = { noiseSuppression: true, echoCancellation: true };

const VIDEO: MediaTrackConstraints = { width: { ideal: 1280 }, height: { ideal: 720 }, frameRate: { ideal: 30 } };

export function audioConstraints(deviceId: string | null, processing: AudioProcessing): MediaTrackConstraints {
  return { ...processing, autoGainControl: true, ...(deviceId ? { deviceId: { exact: deviceId } } : {}) };
}

/** A camera by device id, or (camera flip) by the way it faces. */
export function videoConstraints(choice: { deviceId: string | null } | { facing: Facing }): MediaTrackConstraints {
  if ('facing' in choice) return { ...VIDEO, facingMode: { exact: choice.facing } };
  return choice.deviceId ? { ...VIDEO, deviceId: { exact: choice.deviceId } } : VIDEO;
}

/**
 * Where a camera faces, if it says (phones and tablets do; laptop webcams and Chromium's fake
 * camera usually do not, and then there is no flip button).
 */
export function facingOf(track: MediaStreamTrack | null): Facing | null {
  if (!track) return null;
  const setting = track.getSettings?.().facingMode;
  const capability = track.getCapabilities?.().facingMode?.[0];
  const facing = setting ?? capability;
  return facing === 'user' || facing === 'environment' ? facing : null;
}

/** True when the track runs with the processing asked for (a browser may ignore applyConstraints). */
export function hasProcessing(track: MediaStreamTrack, processing: AudioProcessing): boolean {
  const settings = track.getSettings?.() ?? {};
  return (Object.keys(processing) as (keyof AudioProcessing)[]).every((key) => settings[key] === undefined || settings[key] === processing[key]);
}

export function loadProcessing(): AudioProcessing {
  try {
    const saved = JSON.parse(localStore.get(STORAGE_KEYS.audioProcessing) ?? '{}') as Partial<Record<keyof AudioProcessing, unknown>>;
    return {
      noiseSuppression: typeof saved.noiseSuppression === 'boolean' ? saved.noiseSuppression : DEFAULT_PROCESSING.noiseSuppression,
      echoCancellation: typeof saved.echoCancellation === 'boolean' ? saved.echoCancellation : DEFAULT_PROCESSING.echoCancellation,
    };
  } catch {
    return { ...DEFAULT_PROCESSING };
  }
}

export function saveProcessing(processing: AudioProcessing): void {
  localStore.set(STORAGE_KEYS.audioProcessing, JSON.stringify(processing));
}
