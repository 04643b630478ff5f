import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LocalMedia } from './local-media';
import type { FakeTrack } from './testing/fake-devices';
import { installFakeDevices } from './testing/fake-devices';

/** A localStorage for the node test environment (the preference is remembered there). */
function installStorage() {
  const data = new Map<string, string>();
  vi.stubGlobal('window', { localStorage: { getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => data.set(k, v) } });
  return data;
}

async function started(options: Parameters<typeof installFakeDevices>[0] = {}) {
  const devices = installFakeDevices(options);
  const media = new LocalMedia();
  const replaced: [string, MediaStreamTrack | null][] = [];
  media.on('track', ({ kind, track }) => replaced.push([kind, track]));
  await media.start({ audio: true, video: true });
  replaced.length = 0;
  return { devices, media, replaced };
}

describe('LocalMedia: switching devices inside the meeting', () => {
  beforeEach(() => installStorage());
  afterEach(() => vi.unstubAllGlobals());

  it('when the microphone is switched while muted, then the new one replaces it, stays muted, and the old one stops', async () => {
    const { media, replaced } = await started();
    const old = media.snapshot.audioTrack as unknown as FakeTrack;
    media.setMicEnabled(false);
    await media.selectDevice('audioinput', 'usb-mic');
    const now = media.snapshot.audioTrack as unknown as FakeTrack;
    expect(now).not.toBe(old);
    expect(now.getSettings().deviceId).toBe('usb-mic');
    expect(replaced).toEqual([['audio', now]]);
    expect(now.enabled).toBe(false);
    expect(media.snapshot.micOn).toBe(false);
    expect(old.readyState).toBe('ended');
    expect(media.snapshot.selected.audioinput).toBe('usb-mic');
  });

  it('when the camera is switched while a screen is shared, then the share keeps running', async () => {
    const { devices, media } = await started();
    const sharing = media.startScreenShare();
    const screen = devices.pickScreen();
    await sharing;
    await media.selectDevice('videoinput', 'second-camera');
    expect(media.snapshot.screenTrack).toBe(screen);
    expect(media.snapshot.screenOn).toBe(true);
    expect(media.snapshot.videoTrack?.getSettings().deviceId).toBe('second-camera');
  });

  it('when the chosen camera is gone, then the old camera keeps running, the choice goes back and the failure is named', async () => {
    const { media, replaced } = await started({ missing: ['unplugged-camera'] });
    const old = media.snapshot.videoTrack;
    const before = media.snapshot.selected.videoinput;
    await media.selectDevice('videoinput', 'unplugged-camera');
    expect(media.snapshot.videoTrack).toBe(old);
    expect(old?.readyState).toBe('live');
    expect(media.snapshot.camOn).toBe(true);
    expect(media.snapshot.selected.videoinput).toBe(before);
    expect(media.snapshot.errors.video).toBe('NotFound');
    expect(replaced).toEqual([]);
  });

  it('when the chosen camera is busy even after letting go of ours, then ours is opened again and the camera stays on', async () => {
    const { media } = await started({ broken: ['busy-camera'] });
    const before = media.snapshot.selected.videoinput;
    await media.selectDevice('videoinput', 'busy-camera');
    expect(media.snapshot.camOn).toBe(true);
    expect(media.snapshot.videoTrack?.readyState).toBe('live');
    expect(media.snapshot.videoTrack?.getSettings().deviceId).toBe(before);
    expect(media.snapshot.selected.videoinput).toBe(before);
    expect(media.snapshot.errors.video).toBe('DeviceInUse');
  });

  it('when the camera is off, then choosing another one only records the choice (no camera light)', async () => {
    const { devices, media } = await started();
    await media.setCameraEnabled(false);
    const calls = devices.mediaDevices.getUserMedia.mock.calls.length;
    await media.selectDevice('videoinput', 'second-camera');
    expect(devices.mediaDevices.getUserMedia.mock.calls.length).toBe(calls);
    expect(media.snapshot.selected.videoinput).toBe('second-camera');
    await media.setCameraEnabled(true);
    expect(media.snapshot.videoTrack?.getSettings().deviceId).toBe('second-camera');
  });
});

describe('LocalMedia: camera flip (phones)', () => {
  beforeEach(() => installStorage());
  afterEach(() => vi.unstubAllGlobals());

  it('when a phone that opens one camera at a time flips, then the front camera is let go and the back one runs', async () => {
    const { media, replaced } = await started({ facing: { front: 'user', back: 'environment' }, oneCameraAtATime: true });
    const front = media.snapshot.videoTrack;
    expect(media.snapshot.facing).toBe('user');
    await media.flipCamera();
    expect(front?.readyState).toBe('ended');
    expect(media.snapshot.facing).toBe('environment');
    expect(media.snapshot.selected.videoinput).toBe('back');
    expect(replaced).toEqual([['video', media.snapshot.videoTrack]]);
    await media.flipCamera();
    expect(media.snapshot.facing).toBe('user');
  });

  it('when the camera does not say where it faces (a laptop), then there is nothing to flip', async () => {
    const { media, replaced } = await started();
    expect(media.snapshot.facing).toBeNull();
    await media.flipCamera();
    expect(replaced).toEqual([]);
  });
});

describe('LocalMedia: noise suppression and echo cancellation', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('when noise suppression is turned off, then the running microphone changes in place and the choice is remembered', async () => {
    const storage = installStorage();
    const { media, replaced } = await started();
    const mic = media.snapshot.audioTrack;
    await media.setAudioProcessing({ noiseSuppression: false });
    expect(media.snapshot.audioTrack).toBe(mic);
    expect(mic?.getSettings().noiseSuppression).toBe(false);
    expect(replaced).toEqual([]);
    expect(JSON.parse(storage.get('meet.audioProcessing') ?? '{}')).toEqual({ noiseSuppression: false, echoCancellation: true });
    expect(new LocalMedia().snapshot.processing).toEqual({ noiseSuppression: false, echoCancellation: true });
  });

  it('when the browser cannot change it on a running microphone, then a new one is opened with it, still muted', async () => {
    installStorage();
    const { media, replaced } = await started();
    const mic = media.snapshot.audioTrack as unknown as FakeTrack;
    mic.ignoresApplyConstraints = true;
    media.setMicEnabled(false);
    await media.setAudioProcessing({ echoCancellation: false });
    const now = media.snapshot.audioTrack;
    expect(now).not.toBe(mic);
    expect(now?.getSettings().echoCancellation).toBe(false);
    expect(now?.enabled).toBe(false);
    expect(replaced).toEqual([['audio', now]]);
  });
});
