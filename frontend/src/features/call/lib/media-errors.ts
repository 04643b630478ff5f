/** Why a camera or microphone could not be used; the UI words its advice from this. */
export type MediaFailure = 'PermissionDenied' | 'NotFound' | 'DeviceInUse' | 'Other';

export type DeviceKind = 'audio' | 'video' | 'screen';

/** Maps a getUserMedia/getDisplayMedia rejection to a named failure (LiveKit MediaDeviceFailure). */
export function mapMediaError(error: unknown): MediaFailure {
  const name = error instanceof Error || isNamed(error) ? error.name : '';
  switch (name) {
    case 'NotAllowedError':
    case 'PermissionDeniedError':
    case 'SecurityError':
      return 'PermissionDenied';
    case 'NotFoundError':
    case 'DevicesNotFoundError':
    case 'OverconstrainedError':
      return 'NotFound';
    case 'NotReadableError':
    case 'TrackStartError':
    case 'AbortError':
      return 'DeviceInUse';
    default:
      return 'Other';
  }
}

function isNamed(value: unknown): value is { name: string } {
  return typeof value === 'object' && value !== null && typeof (value as { name?: unknown }).name === 'string';
}

const DEVICE_NAME: Record<DeviceKind, string> = {
  audio: 'Microphone',
  video: 'Camera',
  screen: 'Screen sharing',
};

/** A sentence naming the device, the reason and what to do next. */
export function describeMediaFailure(kind: DeviceKind, failure: MediaFailure): string {
  const device = DEVICE_NAME[kind];
  switch (failure) {
    case 'PermissionDenied':
      return `${device}: permission denied. Allow access in your browser's site settings, then try again.`;
    case 'NotFound':
      return `${device}: not found. Connect one or pick another source.`;
    case 'DeviceInUse':
      return `${device}: in use by another app. Close it, then try again.`;
    default:
      return `${device}: could not be started.`;
  }
}
