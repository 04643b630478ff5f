import { describe, expect, it, vi } from 'vitest';
import { LobbyOffer } from './lobby-offer';
import { PeerLink, type SessionDescription } from './peer-link';
import { FakePeerConnection } from './testing/fake-peer-connection';

const noTracks = { audio: null, video: null, screen: null };

function lobbyOffer() {
  const created: FakePeerConnection[] = [];
  const offer = new LobbyOffer({ createPeerConnection: () => created[created.push(new FakePeerConnection(`lobby${created.length + 1}`)) - 1] as unknown as RTCPeerConnection });
  return { offer, created };
}

function initiator(prepared: ReturnType<LobbyOffer['take']>, sent: SessionDescription[], candidates: unknown[]) {
  const fresh: FakePeerConnection[] = [];
  const link = new PeerLink({
    selfId: 'a',
    peerId: 'b',
    initiator: true,
    config: {},
    local: noTracks,
    ...(prepared ? { prepared } : {}),
    createPeerConnection: () => fresh[fresh.push(new FakePeerConnection('fresh')) - 1] as unknown as RTCPeerConnection,
    signals: { description: (d) => sent.push(d), candidate: (c) => candidates.push(c) },
  });
  return { link, fresh };
}

describe('LobbyOffer', () => {
  it('when the first link takes the prepared connection, then it sends the lobby\'s offer at once, without a new connection, and does not trickle the candidates its SDP already carries', async () => {
    const { offer, created } = lobbyOffer();
    await offer.prepare(noTracks);
    created[0]!.onicecandidate?.({ candidate: null }); // gathering finished in the lobby
    const prepared = offer.take({ iceServers: [] });
    const sent: SessionDescription[] = [];
    const candidates: unknown[] = [];
    const { link, fresh } = initiator(prepared, sent, candidates);
    link.start();
    expect(sent).toEqual([{ type: 'offer', sdp: 'lobby1-offer-1' }]);
    expect(candidates).toEqual([]);
    expect(fresh).toHaveLength(0);
    expect(created[0]!.transceivers).toHaveLength(2);
    // Taken once: a second link starts from scratch.
    expect(offer.take({ iceServers: [] })).toBeNull();
    link.close();
  });

  it('when the join gives ICE servers (STUN/TURN), then the prepared connection is closed and the link makes its own', async () => {
    const { offer, created } = lobbyOffer();
    await offer.prepare(noTracks);
    const prepared = offer.take({ iceServers: [{ urls: 'turn:turn.example.org' }] });
    expect(prepared).toBeNull();
    expect(created[0]!.signalingState).toBe('closed');
    const sent: SessionDescription[] = [];
    const { link, fresh } = initiator(prepared, sent, []);
    link.start();
    await vi.waitFor(() => expect(sent).toEqual([{ type: 'offer', sdp: 'fresh-offer-1' }]));
    expect(fresh).toHaveLength(1);
    link.close();
  });

  it('when the preview\'s camera changes in the lobby, then the prepared camera slot sends the new track', async () => {
    const { offer, created } = lobbyOffer();
    await offer.prepare(noTracks);
    const replaced = vi.spyOn(created[0]!.transceivers[1]!.sender, 'replaceTrack');
    const camera = { kind: 'video' } as MediaStreamTrack;
    offer.setLocalTrack('video', camera);
    expect(replaced).toHaveBeenCalledWith(camera);
    offer.close();
    expect(created[0]!.signalingState).toBe('closed');
  });
});
