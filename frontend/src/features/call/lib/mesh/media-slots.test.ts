import { describe, expect, it } from 'vitest';
import { sortRemoteTracks, type ReceivedTrack } from './media-slots';

const track = (kind: 'audio' | 'video', id: string) => ({ kind, id }) as MediaStreamTrack;
const received = (kind: 'audio' | 'video', id: string, streamId: string, cameraSlot = false): ReceivedTrack => ({
  track: track(kind, id),
  streamIds: [streamId],
  cameraSlot,
});

describe('sorting received tracks into microphone, camera and screen', () => {
  it('when the sender says which stream is its screen, then that track is the screen even on the first video transceiver', () => {
    // Both shared before the camera was ever on: the screen can be the first video to arrive.
    const media = sortRemoteTracks(
      [received('audio', 'mic', 'cam-stream'), received('video', 'shared', 'screen-stream', true), received('video', 'cam', 'cam-stream')],
      { 'cam-stream': 'camera', 'screen-stream': 'screen' },
    );
    expect(media.audio?.id).toBe('mic');
    expect(media.screen?.id).toBe('shared');
    expect(media.video?.id).toBe('cam');
  });

  it('when an older sender sends no mapping, then the first video transceiver is the camera and any other video the screen', () => {
    const media = sortRemoteTracks([received('video', 'cam', 'x', true), received('video', 'shared', 'y', false)], undefined);
    expect(media.video?.id).toBe('cam');
    expect(media.screen?.id).toBe('shared');
  });

  it('when the mapping names other streams, then the transceiver rule decides', () => {
    const media = sortRemoteTracks([received('video', 'cam', 'x', true)], { constructor: 'screen' as const, other: 'screen' as const });
    expect(media.video?.id).toBe('cam');
    expect(media.screen).toBeNull();
  });
});
