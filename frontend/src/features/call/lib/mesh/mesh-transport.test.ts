import type { IceCandidateRelay, SdpRelay } from '@contract/protocol';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { TypedEmitter } from '../typed-emitter';
import { MeshTransport } from './mesh-transport';
import { FakePeerConnection } from './testing/fake-peer-connection';

/** The signaling side a mesh uses, played by the test. */
class FakeSignals extends TypedEmitter<{ offer: SdpRelay; answer: SdpRelay; 'ice-candidate': IceCandidateRelay }> {
  readonly sent: { to: string; type: string }[] = [];
  sendDescription(to: string, type: 'offer' | 'answer'): void {
    this.sent.push({ to, type });
  }
  sendCandidate(): void {}
  async refreshIceServers() {
    return { iceServers: [] };
  }
  fire(event: 'offer', payload: SdpRelay): void {
    this.emit(event, payload);
  }
}

let streamCount = 0;
class FakeMediaStream {
  readonly id = `stream-${++streamCount}`;
}

function setup() {
  const signals = new FakeSignals();
  const pcs = new Map<string, FakePeerConnection>();
  let next = 0;
  const transport = new MeshTransport({
    signals,
    createPeerConnection: () => {
      const pc = new FakePeerConnection(`pc${++next}`);
      pcs.set(pc.name, pc);
      return pc as unknown as RTCPeerConnection;
    },
  });
  const audio = { kind: 'audio', stop: vi.fn() } as unknown as MediaStreamTrack;
  transport.connect({ selfId: 'me', meetingId: 'abcde-fghij-klmno', iceServers: [], local: { audio, video: null, screen: null } });
  return { signals, transport, pcs, audio };
}

const OFF = { audio: false, video: false, screen: false };

describe('MeshTransport', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('when an offer comes from someone not announced yet, then the session is asked first, and once it adds them the offer is answered', async () => {
    const { signals, transport } = setup();
    const asked: string[] = [];
    transport.on('unannounced', ({ participantId }) => {
      asked.push(participantId);
      transport.addParticipant({ id: participantId, media: OFF }, { initiator: false });
    });
    signals.fire('offer', { from: 'zed', sdp: 'v=0' });
    expect(asked).toEqual(['zed']);
    await vi.waitFor(() => expect(signals.sent).toEqual([{ to: 'zed', type: 'answer' }]));
  });

  it('when the session ignores an unannounced offer (a stale id), then no connection is made', async () => {
    const { signals, transport, pcs } = setup();
    transport.on('unannounced', () => undefined);
    signals.fire('offer', { from: 'old-me', sdp: 'v=0' });
    expect(pcs.size).toBe(0);
    expect(transport.connectionState('old-me')).toBe('new');
  });

  it('when a participant is removed, then only their connection closes', () => {
    const { transport, pcs } = setup();
    transport.addParticipant({ id: 'bob', media: OFF }, { initiator: false });
    transport.addParticipant({ id: 'carol', media: OFF }, { initiator: false });
    transport.removeParticipant('bob');
    expect(pcs.get('pc1')?.signalingState).toBe('closed');
    expect(pcs.get('pc2')?.signalingState).toBe('stable');
  });

  it('when the transport closes, then every connection closes, later offers are ignored and our tracks keep running', () => {
    const { signals, transport, pcs, audio } = setup();
    transport.addParticipant({ id: 'bob', media: OFF }, { initiator: false });
    transport.close();
    signals.fire('offer', { from: 'carol', sdp: 'v=0' });
    expect(pcs.get('pc1')?.signalingState).toBe('closed');
    expect(pcs.size).toBe(1);
    expect(audio.stop).not.toHaveBeenCalled();
  });

  it('when asked how receivers tell our camera from our screen, then it names one stream for each, the same for every link', () => {
    vi.stubGlobal('MediaStream', FakeMediaStream);
    const { transport } = setup();
    const sources = transport.localSources();
    expect(Object.values(sources).sort()).toEqual(['camera', 'screen']);
    expect(transport.localSources()).toEqual(sources);
  });
});
