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
