import { describe, expect, it, vi } from 'vitest';
import { MediaSlots } from './media-slots';

const track = (kind: 'audio' | 'video', id: string) => ({ kind, id }) as MediaStreamTrack;

/** Just the transceiver API MediaSlots uses; counts what would make the browser renegotiate. */
function fakePeerConnection() {
  const transceivers: { direction: string; sender: { track: MediaStreamTrack | null; replaceTrack: ReturnType<typeof vi.fn> }; receiver: { track: { kind: string } } }[] = [];
  const pc = {
    transceivers,
    addTransceiver: vi.fn((trackOrKind: MediaStreamTrack | string) => {
      const kind = typeof trackOrKind === 'string' ? trackOrKind : trackOrKind.kind;
      const sender = {
        track: typeof trackOrKind === 'string' ? null : trackOrKind,
        replaceTrack: vi.fn(async (next: MediaStreamTrack | null) => {
          sender.track = next;
        }),
      };
      const transceiver = { direction: 'sendrecv', sender, receiver: { track: { kind } } };
      transceivers.push(transceiver);
      return transceiver;
    }),
    getTransceivers: () => transceivers,
  };
  return pc;
}

describe('MediaSlots: switching a device inside the meeting', () => {
  it('when the camera and microphone are switched, then each new track goes on the existing sender and nothing is added (no renegotiation)', () => {
    const pc = fakePeerConnection();
    const slots = new MediaSlots(pc as unknown as RTCPeerConnection, { camera: undefined, screen: undefined }, { audio: track('audio', 'mic-1'), video: track('video', 'cam-1'), screen: null });
    slots.create();
    expect(pc.addTransceiver).toHaveBeenCalledTimes(2);
    slots.setTrack('video', track('video', 'cam-2'));
    slots.setTrack('audio', track('audio', 'mic-2'));
    expect(pc.addTransceiver).toHaveBeenCalledTimes(2);
    expect(pc.transceivers.map((t) => t.sender.track?.id)).toEqual(['mic-2', 'cam-2']);
  });

  it('when a screen is shared and then the camera is switched, then the screen stays on its own sender', () => {
    const pc = fakePeerConnection();
    const slots = new MediaSlots(pc as unknown as RTCPeerConnection, { camera: undefined, screen: undefined }, { audio: track('audio', 'mic'), video: track('video', 'cam-1'), screen: null });
    slots.create();
    slots.setTrack('screen', track('video', 'screen'));
    slots.setTrack('video', track('video', 'cam-2'));
    expect(pc.transceivers.map((t) => t.sender.track?.id)).toEqual(['mic', 'cam-2', 'screen']);
  });
});
