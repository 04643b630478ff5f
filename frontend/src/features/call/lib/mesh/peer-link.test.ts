import { afterEach, describe, expect, it, vi } from 'vitest';
import { PeerLink, isPolite, type SessionDescription } from './peer-link';
import { FakePeerConnection } from './testing/fake-peer-connection';

const noTracks = { audio: null, video: null, screen: null };
const settle = () => new Promise<void>((resolve) => setTimeout(resolve, 20));

/** Two links wired to each other through an async "signaling server". */
function pair() {
  const pcs: Record<string, FakePeerConnection> = {};
  const links: Record<string, PeerLink> = {};
  const make = (selfId: string, peerId: string) => {
    links[selfId] = new PeerLink({
      selfId,
      peerId,
      initiator: false,
      config: {},
      local: noTracks,
      createPeerConnection: () => (pcs[selfId] = new FakePeerConnection(selfId)) as unknown as RTCPeerConnection,
      signals: {
        description: (d: SessionDescription) => setTimeout(() => void links[peerId]!.handleDescription(d), 1),
        candidate: (c) => setTimeout(() => void links[peerId]!.handleCandidate(c), 1),
      },
    });
  };
  make('a', 'b');
  make('b', 'a');
  return { pcs: pcs as Record<'a' | 'b', FakePeerConnection>, links: links as Record<'a' | 'b', PeerLink> };
}

describe('PeerLink perfect negotiation', () => {
  afterEach(() => vi.useRealTimers());

  it('when ids are compared, then exactly one side of a pair is polite', () => {
    expect(isPolite('a', 'b')).toBe(true);
    expect(isPolite('b', 'a')).toBe(false);
  });

  it('when one side offers, then both end stable with each other\'s descriptions', async () => {
    const { pcs } = pair();
    pcs.a.fireNegotiationNeeded();
    await vi.waitFor(() => expect(pcs.a.applied).toEqual(['answer:b-answer-1']));
    expect(pcs.a.signalingState).toBe('stable');
    expect(pcs.b.signalingState).toBe('stable');
    expect(pcs.b.applied).toEqual(['offer:a-offer-1']);
  });

  it('when both sides offer at once (glare), then the polite rolls back, the impolite ignores, both end stable', async () => {
    const { pcs } = pair();
    pcs.a.fireNegotiationNeeded(); // a is polite
    pcs.b.fireNegotiationNeeded(); // b is impolite
    await vi.waitFor(() => expect(pcs.b.applied).toEqual(['answer:a-answer-2']));
    // The polite side accepted the impolite offer over its own (implicit rollback) and answered it.
    expect(pcs.a.applied).toEqual(['implicit-rollback', 'offer:b-offer-1']);
    // The impolite side ignored the polite offer and only applied the answer to its own.
    expect(pcs.a.signalingState).toBe('stable');
    expect(pcs.b.signalingState).toBe('stable');
  });

  it('when candidates arrive before the remote description, then they are queued and added after it', async () => {
    const pc = new FakePeerConnection('b');
    const link = new PeerLink({
      selfId: 'b',
      peerId: 'a',
      initiator: false,
      config: {},
      local: noTracks,
      createPeerConnection: () => pc as unknown as RTCPeerConnection,
      signals: { description: () => {}, candidate: () => {} },
    });
    const candidate = { candidate: 'candidate:1 1 udp 1 10.0.0.1 9 typ host', sdpMid: '0' };
    await link.handleCandidate(candidate);
    expect(pc.addedCandidates).toEqual([]);
    await link.handleDescription({ type: 'offer', sdp: 'x' });
    expect(pc.addedCandidates).toEqual([candidate]);
  });

  it('when an offer\'s tracks arrive, then the answer is under way before anyone hears of them', async () => {
    // As in browsers: setRemoteDescription fires `track` just before it resolves.
    class TrackFiringPc extends FakePeerConnection {
      override async setRemoteDescription(description: { type: RTCSdpType; sdp: string }): Promise<void> {
        await super.setRemoteDescription(description);
        this.ontrack?.({ track: { kind: 'video' }, transceiver: {}, streams: [] });
      }
    }
    const pc = new TrackFiringPc('b');
    const answerCalls = vi.spyOn(pc, 'setLocalDescription');
    const link = new PeerLink({
      selfId: 'b',
      peerId: 'a',
      initiator: false,
      config: {},
      local: noTracks,
      createPeerConnection: () => pc as unknown as RTCPeerConnection,
      signals: { description: () => {}, candidate: () => {} },
    });
    const answeredWhenMediaCame: number[] = [];
    link.on('media', () => answeredWhenMediaCame.push(answerCalls.mock.calls.length));
    await link.handleDescription({ type: 'offer', sdp: 'x' });
    expect(answeredWhenMediaCame).toEqual([1]);
  });

  it('when the impolite side ignored an offer, then that offer\'s candidates are dropped', async () => {
    const { pcs, links } = pair();
    pcs.b.fireNegotiationNeeded();
    await Promise.resolve(); // b is now making an offer
    await links.b.handleDescription({ type: 'offer', sdp: 'from-a' });
    await links.b.handleCandidate({ candidate: 'candidate:2', sdpMid: '0' });
    await settle();
    expect(pcs.b.addedCandidates).toEqual([]);
  });

  it('when the connection fails, then it restarts ICE a bounded number of times and then reports failed', () => {
    vi.useFakeTimers();
    const { pcs, links } = pair();
    const states: string[] = [];
    links.a.on('state', (s) => states.push(s));
    pcs.a.setConnectionState('failed');
    vi.advanceTimersByTime(60_000);
    expect(pcs.a.restartIceCalls).toBe(3);
    expect(states).toEqual(['reconnecting', 'failed']);
  });

  it('when the connection recovers after a restart, then the state is connected', () => {
    vi.useFakeTimers();
    const { pcs, links } = pair();
    pcs.a.setConnectionState('disconnected');
    expect(links.a.state).toBe('reconnecting');
    vi.advanceTimersByTime(3_100);
    expect(pcs.a.restartIceCalls).toBe(1);
    pcs.a.setConnectionState('connected');
    expect(links.a.state).toBe('connected');
  });

  it('when the sender says which of its streams is the screen, then a screen arriving on the first video transceiver is still the screen', () => {
    const pc = new FakePeerConnection('b');
    const link = new PeerLink({
      selfId: 'b',
      peerId: 'a',
      initiator: false,
      config: {},
      local: noTracks,
      createPeerConnection: () => pc as unknown as RTCPeerConnection,
      signals: { description: () => {}, candidate: () => {} },
    });
    const seen: (string | undefined)[] = [];
    link.on('media', (media) => seen.push(media.screen?.id));
    const screen = { kind: 'video', id: 'screen-track' } as MediaStreamTrack;
    const transceiver = { receiver: { track: screen } } as RTCRtpTransceiver;
    pc.transceivers.push(transceiver);
    pc.ontrack?.({ track: screen, transceiver, streams: [{ id: 'a-screen' }] });
    // Without a mapping yet, the first video transceiver counts as the camera.
    expect(link.remote.video).toBe(screen);
    link.setRemoteSources({ 'a-camera': 'camera', 'a-screen': 'screen' });
    expect(link.remote.screen).toBe(screen);
    expect(link.remote.video).toBeNull();
    expect(seen).toEqual([undefined, 'screen-track']);
  });
});

describe('PeerLink as the initiator', () => {
  it('when the initiator starts, then it offers at once (no negotiationneeded needed) with the camera cap on its first encoding', async () => {
    let pc: FakePeerConnection | undefined;
    const sent: SessionDescription[] = [];
    const link = new PeerLink({
      selfId: 'a',
      peerId: 'b',
      initiator: true,
      config: {},
      local: noTracks,
      videoCap: { scaleResolutionDownBy: 1.5, maxBitrate: 500_000 },
      createPeerConnection: () => (pc = new FakePeerConnection('a')) as unknown as RTCPeerConnection,
      signals: { description: (d) => sent.push(d), candidate: () => {} },
    });
    link.start();
    await vi.waitFor(() => expect(sent).toEqual([{ type: 'offer', sdp: 'a-offer-1' }]));
    expect(pc!.transceiverInits[1]?.sendEncodings).toEqual([{ scaleResolutionDownBy: 1.5, maxBitrate: 500_000 }]);
    // negotiationneeded after the offer (as the browser fires it) does not offer a second time.
    pc!.fireNegotiationNeeded();
    await settle();
    expect(sent).toHaveLength(1);
    link.close();
  });
});
