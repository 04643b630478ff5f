import { describe, expect, it } from 'vitest';
import { describeMediaFailure, mapMediaError } from './media-errors';

const domError = (name: string) => Object.assign(new Error(name), { name });

describe('mapMediaError', () => {
  it('when the user blocks access, then it is PermissionDenied', () => {
    expect(mapMediaError(domError('NotAllowedError'))).toBe('PermissionDenied');
  });
  it('when no device exists, then it is NotFound', () => {
    expect(mapMediaError(domError('NotFoundError'))).toBe('NotFound');
    expect(mapMediaError(domError('OverconstrainedError'))).toBe('NotFound');
  });
  it('when another app holds the device, then it is DeviceInUse', () => {
    expect(mapMediaError(domError('NotReadableError'))).toBe('DeviceInUse');
  });
  it('when the error is unknown or not an error, then it is Other', () => {
    expect(mapMediaError(domError('WeirdError'))).toBe('Other');
    expect(mapMediaError('boom')).toBe('Other');
  });
  it('when described, then the sentence names the device and the reason', () => {
    expect(describeMediaFailure('video', 'DeviceInUse')).toMatch(/^Camera: in use/);
    expect(describeMediaFailure('audio', 'PermissionDenied')).toMatch(/^Microphone: permission denied/);
  });
});
