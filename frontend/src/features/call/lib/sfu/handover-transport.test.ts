import { afterEach, describe, expect, it, vi } from 'vitest';
import type { RemoteMedia } from '../media-transport';
import { FakeTransport } from '../testing/fake-transport';
import { HandoverTransport } from './handover-transport';

const OFF = { audio: false, video: false, screen: false };
const track = (kind: 'audio' | 'video', readyState: MediaStreamTrackState = 'live') => ({ kind, readyState }) as MediaStreamTrack;

/** A handover whose first frames the test releases by hand. */
function setup() {
  const mesh = new FakeTransport();
  const sfu = new FakeTransport({}, 'sfu');
  const frames = new Map<MediaStreamTrack, () => void>();
  const done = vi.fn();
  const handover = new HandoverTransport(mesh, sfu, {
    firstFrame: (video) => new Promise<void>((resolve) => frames.set(video, resolve)),
    boundMs: 5_000,
    done,
  });
  const seen = new Map<string, RemoteMedia>();
  handover.on('media', ({ participantId, media }) => seen.set(participantId, media));
  for (const id of ['bob', 'carol']) handover.addParticipant({ id, media: OFF }, { initiator: false });
  const framePresented = async (video: MediaStreamTrack) => {
    frames.get(video)?.();
    await Promise.resolve();
    await Promise.resolve();
  };
  return { mesh, sfu, handover, seen, done, framePresented };
}

describe('HandoverTransport (mesh → SFU, make-before-break)', () => {
  afterEach(() => vi.useRealTimers());

  it('when the SFU video of a participant arrives, then the tile keeps the mesh media until that video presents a frame, then shows the SFU media (audio included)', async () => {
    const t = setup();
    const meshMedia = { audio: track('audio'), video: track('video') };
    t.mesh.deliver('bob', meshMedia);
    const sfuMedia = { audio: track('audio'), video: track('video') };
    t.sfu.deliver('bob', sfuMedia);
    expect(t.seen.get('bob')).toMatchObject(meshMedia);
    expect(t.handover.remoteMedia('bob')).toMatchObject(meshMedia);

    await t.framePresented(sfuMedia.video);
    expect(t.seen.get('bob')).toMatchObject(sfuMedia);
    expect(t.handover.movedIds()).toEqual(['bob']);
    // Later mesh media for Bob is no longer shown: nobody is heard twice.
    t.mesh.deliver('bob', { audio: track('audio') });
    expect(t.seen.get('bob')).toMatchObject(sfuMedia);
    expect(t.mesh.closed).toBe(false);
  });

  it('when every participant moved, then the mesh closes and the handover reports done', async () => {
    const t = setup();
    const bob = track('video');
    t.sfu.deliver('bob', { video: bob });
    await t.framePresented(bob);
    expect(t.mesh.closed).toBe(false);
    // Carol sends no video: her live SFU audio is enough.
    t.sfu.deliver('carol', { audio: track('audio') });
    expect(t.mesh.closed).toBe(true);
    expect(t.done).toHaveBeenCalledTimes(1);
    expect(t.handover.finished).toBe(true);
    expect(t.sfu.closed).toBe(false);
  });

  it('when someone never shows up on the SFU while others moved, then the mesh still closes at the bound and their tile shows the SFU side', () => {
    vi.useFakeTimers();
    const t = setup();
    t.mesh.deliver('carol', { video: track('video') });
    t.sfu.deliver('bob', { audio: track('audio') });
    vi.advanceTimersByTime(4_999);
    expect(t.mesh.closed).toBe(false);
    vi.advanceTimersByTime(1);
    expect(t.mesh.closed).toBe(true);
    expect(t.seen.get('carol')).toEqual({ audio: null, video: null, screen: null });
  });

  it('when the SFU delivers nothing at all (unreachable), then the mesh stays up and keeps every tile', () => {
    vi.useFakeTimers();
    const t = setup();
    const video = track('video');
    t.mesh.deliver('carol', { video });
    vi.advanceTimersByTime(60_000);
    expect(t.mesh.closed).toBe(false);
    expect(t.handover.remoteMedia('carol').video).toBe(video);
  });

  it('when a participant who had not moved leaves, then the rest can still complete the handover', async () => {
    const t = setup();
    const bob = track('video');
    t.sfu.deliver('bob', { video: bob });
    await t.framePresented(bob);
    t.handover.removeParticipant('carol');
    expect(t.mesh.closed).toBe(true);
    expect(t.sfu.participants.has('carol')).toBe(false);
  });

  it('when a local track changes during the handover, then both transports send it; the camera/screen mapping comes from the mesh until it closes', () => {
    const t = setup();
    const camera = track('video');
    t.handover.setLocalTrack('video', camera);
    expect(t.mesh.localChanges).toContainEqual(['video', camera]);
    expect(t.sfu.localChanges).toContainEqual(['video', camera]);
    expect(t.handover.localSources()).toEqual(t.mesh.sources);
    t.handover.close();
    expect(t.mesh.closed && t.sfu.closed).toBe(true);
  });

  it('when an SFU video track has already ended, then it does not count as arrived', () => {
    const t = setup();
    t.sfu.deliver('bob', { video: track('video', 'ended') });
    expect(t.handover.movedIds()).toEqual([]);
  });
});
