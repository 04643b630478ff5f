import { afterEach, describe, expect, it, vi } from 'vitest';
import { LocalMedia } from './local-media';
import { installFakeDevices } from './testing/fake-devices';

const settle = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

describe('LocalMedia', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('when a screen is picked after the person left, then the share is stopped, not adopted', async () => {
    const devices = installFakeDevices();
    const media = new LocalMedia();
    const sharing = media.startScreenShare();
    media.stop(); // Leave while the picker is still open.
    const picked = devices.pickScreen();
    await sharing;
    expect(picked.readyState).toBe('ended');
    expect(media.snapshot.screenTrack).toBeNull();
    expect(media.snapshot.screenOn).toBe(false);
  });

  it('when a screen is picked while in the meeting, then it is shared', async () => {
    const devices = installFakeDevices();
    const media = new LocalMedia();
    const sharing = media.startScreenShare();
    const picked = devices.pickScreen();
    await sharing;
    expect(media.snapshot.screenTrack).toBe(picked);
    expect(media.snapshot.screenOn).toBe(true);
  });

  it('when the browser has no screen to capture (headless Firefox: NotFoundError), then the share says NotFound and records it', async () => {
    const devices = installFakeDevices();
    devices.mediaDevices.getDisplayMedia.mockRejectedValueOnce(new DOMException('The object can not be found here.', 'NotFoundError'));
    const media = new LocalMedia();
    await expect(media.startScreenShare()).resolves.toBe('NotFound');
    expect(media.snapshot.errors.screen).toBe('NotFound');
    expect(media.snapshot.screenOn).toBe(false);
  });

  it('when the person cancels the screen picker, then nothing is reported', async () => {
    const devices = installFakeDevices();
    devices.mediaDevices.getDisplayMedia.mockRejectedValueOnce(new DOMException('The request is not allowed.', 'NotAllowedError'));
    const media = new LocalMedia();
    await expect(media.startScreenShare()).resolves.toBeNull();
    expect(media.snapshot.errors.screen).toBeUndefined();
  });

  it('when devices start, then the state is observable and the camera can be turned off', async () => {
    installFakeDevices();
    const media = new LocalMedia();
    const changes: boolean[] = [];
    media.state.subscribe(() => changes.push(media.state.getSnapshot().camOn));
    await media.start({ audio: true, video: true });
    await settle();
    expect(media.snapshot).toMatchObject({ micOn: true, camOn: true });
    await media.setCameraEnabled(false);
    expect(media.snapshot.camOn).toBe(false);
    expect(changes.at(-1)).toBe(false);
  });
});
