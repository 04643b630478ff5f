import type { I18n } from '@lingui/core';
import { msg } from '@lingui/core/macro';
import type { DeviceKind, MediaFailure } from '../lib/media-errors';

const DEVICE = {
  audio: msg`Microphone`,
  video: msg`Camera`,
  screen: msg`Screen sharing`,
} as const;

/** A translated sentence naming the device, the reason and what to do next. */
export function mediaFailureText(i18n: I18n, kind: DeviceKind, failure: MediaFailure): string {
  const device = i18n._(DEVICE[kind]);
  switch (failure) {
    case 'PermissionDenied':
      return i18n._(msg`${device}: permission denied. Allow access in your browser's site settings, then try again.`);
    case 'NotFound':
      return i18n._(msg`${device}: not found. Connect one or pick another source.`);
    case 'DeviceInUse':
      return i18n._(msg`${device}: in use by another app. Close it, then try again.`);
    default:
      return i18n._(msg`${device}: could not be started.`);
  }
}
