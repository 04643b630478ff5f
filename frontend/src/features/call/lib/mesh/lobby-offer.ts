import type { LocalTracks, TrackKind } from '../media-transport';
import { MediaSlots, newSendStreams, type SendStreams } from './media-slots';
import { cameraCapFor } from './send-quality';

/** A connection made ready before its peer is known: slots, local offer set, ICE gathering. */
export interface PreparedConnection {
  pc: RTCPeerConnection;
  slots: MediaSlots;
  /** Candidates gathered before a link took it over (null = gathering complete); the offer's SDP carries them, so the link drops them. */
  candidates: (RTCIceCandidateInit | null)[];
}

export interface LobbyOfferOptions {
  createPeerConnection?: (config: RTCConfiguration) => RTCPeerConnection;
  now?: () => number;
}

/** An offer older than this is not used: the network may have changed meanwhile. */
const MAX_AGE_MS = 5 * 60_000;

/**
 * The lobby's head start on the first call link: while the person is getting ready, one
 * RTCPeerConnection gets its microphone and camera transceivers (with the preview's tracks and
 * the one-peer camera cap), its offer set, and its ICE candidates gathered. "Join now" then sends
 * that offer to the first peer the join ack names, in the ack's own task, before React renders
 * the meeting. An SDP offer names no peer, so it fits whoever comes first.
 *
 * Prepared without ICE servers (the lobby does not have the meeting's credentials): it is used
 * only when the join ack gives none either (no STUN/TURN configured); otherwise the link starts
 * from scratch as before, so a TURN deployment never loses its relay candidates.
 */
export class LobbyOffer {
  /** The streams our tracks are announced in: the transport that takes the offer uses them too. */
  readonly streams: SendStreams = newSendStreams();
  private prepared: { connection: PreparedConnection; at: number } | null = null;
  private local: LocalTracks = { audio: null, video: null, screen: null };
  private readonly now: () => number;

  constructor(private readonly options: LobbyOfferOptions = {}) {
    this.now = options.now ?? (() => Date.now());
  }

  /** Prepares one connection sending `local` (replacing an older one). */
  async prepare(local: LocalTracks): Promise<void> {
    this.discard();
    this.local = { ...local, screen: null };
    const create = this.options.createPeerConnection ?? ((config) => new RTCPeerConnection(config));
    const pc = create({ iceServers: [] });
    const candidates: (RTCIceCandidateInit | null)[] = [];
    pc.onicecandidate = ({ candidate }) => candidates.push(candidate ? candidate.toJSON() : null);
    const slots = new MediaSlots(pc, this.streams, { ...this.local });
    slots.create(cameraCapFor(1));
    // The offer is set here, so negotiationneeded has nothing left to do.
    pc.onnegotiationneeded = null;
    const connection = { pc, slots, candidates };
    this.prepared = { connection, at: this.now() };
    try {
      await pc.setLocalDescription();
    } catch (error) {
      console.warn('[lobby-offer] could not prepare an offer', error);
      if (this.prepared?.connection === connection) this.discard();
    }
  }

  /** The preview's tracks changed (device switch, camera off): the prepared slots follow. */
  setLocalTrack(kind: TrackKind, track: MediaStreamTrack | null): void {
    if (kind === 'screen') return;
    this.local[kind] = track;
    this.prepared?.connection.slots.setTrack(kind, track);
  }

  /**
   * Hands the prepared connection over (once) when it fits `config` and still has its offer
   * waiting; null otherwise, and then it is closed.
   */
  take(config: RTCConfiguration): PreparedConnection | null {
    const prepared = this.prepared;
    this.prepared = null;
    if (!prepared) return null;
    const { connection, at } = prepared;
    const fits =
      (config.iceServers?.length ?? 0) === 0 &&
      config.iceTransportPolicy !== 'relay' &&
      connection.pc.signalingState === 'have-local-offer' &&
      this.now() - at < MAX_AGE_MS;
    if (fits) return connection;
    connection.pc.close();
    return null;
  }

  close(): void {
    this.discard();
  }

  private discard(): void {
    this.prepared?.connection.pc.close();
    this.prepared = null;
  }
}
