import type { MediaSources } from '@contract/protocol';
import type { LocalTracks, MediaConnectionState, RemoteMedia, TrackKind } from '../media-transport';
import { TypedEmitter } from '../typed-emitter';
import { DEFAULT_RECOVERY, LinkHealth, type RecoveryLimits } from './link-recovery';
import { summarizeStats, type LinkStatsSummary } from './link-stats';
import { MediaSlots, newSendStreams, sortRemoteTracks, type ReceivedTrack, type SendStreams } from './media-slots';
import { applyVideoCap, type VideoCap } from './send-quality';
import { firstFrame } from '../sfu/first-frame';
import { markPeer } from '../join-marks';
import type { PreparedConnection } from './lobby-offer';

export interface SessionDescription {
  type: 'offer' | 'answer';
  sdp: string;
}

/** Where a link sends what it produces; the session forwards it through signaling. */
export interface SignalSink {
  description(description: SessionDescription): void;
  candidate(candidate: RTCIceCandidateInit | null): void;
}

export interface PeerLinkOptions {
  selfId: string;
  peerId: string;
  /** The side that learned of the other from the join ack sets up the media slots and offers. */
  initiator: boolean;
  config: RTCConfiguration;
  signals: SignalSink;
  local: LocalTracks;
  /** The transport's shared streams (one id per kind for every link); a fresh pair if absent. */
  streams?: SendStreams;
  createPeerConnection?: (config: RTCConfiguration) => RTCPeerConnection;
  recovery?: RecoveryLimits;
  /** The camera cap for the meeting size at creation: set on the first offer's encodings. */
  videoCap?: VideoCap;
  /** Initiator only: a connection prepared in the lobby, its offer already set (see LobbyOffer). */
  prepared?: PreparedConnection;
}

export interface PeerLinkEvents {
  state: MediaConnectionState;
  media: RemoteMedia;
}

/** How long the first-frame mark waits for a video track that may stay black (camera off). */
const FIRST_FRAME_MARK_WAIT_MS = 10_000;

/** Deterministic per pair, so exactly one side of every pair is polite. */
export function isPolite(selfId: string, peerId: string): boolean {
  return selfId < peerId;
}

/**
 * One RTCPeerConnection to one remote participant, negotiated with the W3C/MDN "perfect
 * negotiation" pattern. Our tracks ride in fixed {@link MediaSlots}; what we receive is sorted into
 * camera and screen by the sender's own `sources` mapping (see media-slots.ts).
 */
export class PeerLink extends TypedEmitter<PeerLinkEvents> {
  readonly peerId: string;
  readonly polite: boolean;
  private readonly pc: RTCPeerConnection;
  private readonly signals: SignalSink;
  private readonly slots: MediaSlots;
  private readonly received: ReceivedTrack[] = [];
  private sources: MediaSources | undefined;
  private readonly health: LinkHealth;
  // Perfect-negotiation flags (see MDN "Perfect negotiation"):
  private makingOffer = false; // an offer of ours is being created/applied; incoming offers collide
  private ignoreOffer = false; // we are impolite and dropped a colliding offer (and its candidates)
  private isSettingRemoteAnswerPending = false; // SRD(answer) in flight: we will be stable soon
  private readonly pendingCandidates: (RTCIceCandidateInit | null)[] = [];
  /**
   * setRemoteDescription in flight: its `track` events fire just before it resolves, and the UI
   * render they cause would run (as a microtask) ahead of our continuation that answers.
   */
  private applyingRemote = false;
  private mediaHeld = false;
  private closed = false;
  private videoCap: VideoCap;
  private _remote: RemoteMedia = { audio: null, video: null, screen: null };

  constructor(private readonly options: PeerLinkOptions) {
    super();
    this.peerId = options.peerId;
    this.polite = isPolite(options.selfId, options.peerId);
    this.signals = options.signals;
    const create = options.createPeerConnection ?? ((config) => new RTCPeerConnection(config));
    const prepared = options.initiator ? options.prepared : undefined;
    this.pc = prepared?.pc ?? create(options.config);
    this.videoCap = options.videoCap ?? { scaleResolutionDownBy: 1 };
    this.slots = prepared?.slots ?? new MediaSlots(this.pc, options.streams ?? newSendStreams(), { ...options.local });
    // Our own first offer is made in start(); negotiationneeded also fires for it, and again when
    // back in stable if still needed, so an offer already under way makes it a no-op.
    this.pc.onnegotiationneeded = () => {
      if (!this.makingOffer && this.pc.signalingState === 'stable') void this.negotiate();
    };
    this.pc.oniceconnectionstatechange = () => {
      const ice = this.pc.iceConnectionState;
      if (ice === 'connected' || ice === 'completed') markPeer('ice-connected', this.peerId);
    };
    this.pc.onicecandidate = ({ candidate }) => this.signals.candidate(candidate ? candidate.toJSON() : null);
    this.health = new LinkHealth(this.pc, options.recovery ?? DEFAULT_RECOVERY, {
      // Encodings exist for certain once negotiated: (re)apply the meeting-size cap.
      connected: () => this.applyVideoCap(),
      state: (state) => this.emit('state', state),
    });
    this.pc.onconnectionstatechange = () => this.health.update();
    this.pc.ontrack = (event) => this.onTrack(event);
  }

  get state(): MediaConnectionState {
    return this.health.state;
  }

  get remote(): RemoteMedia {
    return this._remote;
  }

  get connection(): RTCPeerConnection {
    return this.pc;
  }

  /**
   * The initiating side creates the media slots (with the camera cap already on their encodings)
   * and offers at once: waiting for negotiationneeded costs a task, and on a join that task queues
   * behind React rendering the meeting.
   */
  start(): void {
    if (!this.options.initiator) return;
    const prepared = this.options.prepared;
    if (prepared) {
      // Prepared in the lobby: the offer goes out now. Its SDP carries every candidate gathered so
      // far, so they are not trickled again (each would cost the peer a message and an operation
      // queued ahead of its answer); later ones trickle through onicecandidate as usual.
      prepared.candidates.length = 0;
      this.sendLocalDescription();
      return;
    }
    this.slots.create(this.videoCap);
    void this.negotiate();
  }

  /** Applies an incoming offer or answer (the wire has separate events; this is one handler). */
  async handleDescription(description: SessionDescription): Promise<void> {
    if (this.closed) return;
    const readyForOffer =
      !this.makingOffer && (this.pc.signalingState === 'stable' || this.isSettingRemoteAnswerPending);
    if (description.type === 'offer') markPeer('offer-received', this.peerId);
    const offerCollision = description.type === 'offer' && !readyForOffer;
    this.ignoreOffer = !this.polite && offerCollision;
    if (this.ignoreOffer) return;
    this.isSettingRemoteAnswerPending = description.type === 'answer';
    this.applyingRemote = true;
    try {
      // A polite side in have-local-offer gets an implicit rollback here (no explicit rollback needed).
      await this.pc.setRemoteDescription(description);
    } finally {
      this.isSettingRemoteAnswerPending = false;
      this.applyingRemote = false;
    }
    if (description.type === 'answer') {
      markPeer('answer-applied', this.peerId);
      this.publishHeldMedia();
      await this.flushCandidates();
      return;
    }
    // The answer is the join's critical path: it is queued before anything else is, and only then
    // do the new tracks reach the UI (a render) and the early candidates their own operations.
    this.slots.bindFromOffer();
    const answered = this.pc.setLocalDescription();
    this.publishHeldMedia();
    void this.flushCandidates();
    await answered;
    this.sendLocalDescription();
  }

  /** Adds a remote candidate, holding it until a remote description exists. */
  async handleCandidate(candidate: RTCIceCandidateInit | null): Promise<void> {
    if (this.closed) return;
    if (!this.pc.remoteDescription) {
      // Candidates that belong to an offer we ignored are useless; everything else waits.
      if (!this.ignoreOffer) this.pendingCandidates.push(candidate);
      return;
    }
    await this.addCandidate(candidate);
  }

  /** Swaps a local track into its slot: mute/camera changes never renegotiate, screen may add one. */
  setLocalTrack(kind: TrackKind, track: MediaStreamTrack | null): void {
    if (!this.closed) this.slots.setTrack(kind, track);
  }

  /** The remote side's own stream -> camera | screen mapping (from its media-state). */
  setRemoteSources(sources: MediaSources | undefined): void {
    if (JSON.stringify(sources) === JSON.stringify(this.sources)) return;
    this.sources = sources;
    if (this.received.length > 0) this.publishRemote();
  }

  /** Caps what the camera slot sends to this peer (the session sizes it to the meeting). */
  setVideoCap(cap: VideoCap): void {
    this.videoCap = cap;
    this.applyVideoCap();
  }

  private applyVideoCap(): void {
    const sender = this.slots.cameraSender;
    if (sender && !this.closed) void applyVideoCap(sender, this.videoCap);
  }

  setConfiguration(config: RTCConfiguration): void {
    if (this.closed) return;
    try {
      this.pc.setConfiguration(config);
    } catch (error) {
      console.warn('[peer-link] setConfiguration failed', error);
    }
  }

  async stats(): Promise<LinkStatsSummary> {
    return summarizeStats(await this.pc.getStats());
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.health.stop();
    this.pc.onnegotiationneeded = null;
    this.pc.onicecandidate = null;
    this.pc.onconnectionstatechange = null;
    this.pc.oniceconnectionstatechange = null;
    this.pc.ontrack = null;
    this.pc.close();
    this.removeAllListeners();
  }

  private async negotiate(): Promise<void> {
    try {
      this.makingOffer = true;
      await this.pc.setLocalDescription();
      this.sendLocalDescription();
    } catch (error) {
      console.warn('[peer-link] offer failed', error);
    } finally {
      this.makingOffer = false;
    }
  }

  private sendLocalDescription(): void {
    const description = this.pc.localDescription;
    if (this.closed || !description || (description.type !== 'offer' && description.type !== 'answer')) return;
    this.signals.description({ type: description.type, sdp: description.sdp });
    markPeer(description.type === 'offer' ? 'offer-sent' : 'answer-sent', this.peerId);
  }

  private async flushCandidates(): Promise<void> {
    const queued = this.pendingCandidates.splice(0);
    for (const candidate of queued) await this.addCandidate(candidate);
  }

  private async addCandidate(candidate: RTCIceCandidateInit | null): Promise<void> {
    try {
      await this.pc.addIceCandidate(candidate ?? undefined);
    } catch (error) {
      if (!this.ignoreOffer) console.warn('[peer-link] addIceCandidate failed', error);
    }
  }

  private onTrack(event: RTCTrackEvent): void {
    const { track, transceiver, streams } = event;
    // A transceiver can fire again (renegotiation); keep one entry per track.
    const index = this.received.findIndex((r) => r.track === track);
    if (index >= 0) this.received.splice(index, 1);
    this.received.push({ track, streamIds: streams.map((s) => s.id), cameraSlot: track.kind === 'video' && this.slots.isCameraSlot(transceiver) });
    if (this.applyingRemote) this.mediaHeld = true;
    else this.publishRemote();
    if (track.kind === 'video' && index < 0) this.markFirstFrame(track);
  }

  /** `meet:first-frame:<peer>` when the first video track from them presents a frame. */
  private markFirstFrame(track: MediaStreamTrack): void {
    if (typeof document === 'undefined' || typeof MediaStream === 'undefined') return;
    void firstFrame(track, FIRST_FRAME_MARK_WAIT_MS).then((presented) => {
      if (presented && !this.closed) markPeer('first-frame', this.peerId);
    });
  }

  private publishHeldMedia(): void {
    if (!this.mediaHeld || this.closed) return;
    this.mediaHeld = false;
    this.publishRemote();
  }

  private publishRemote(): void {
    this._remote = sortRemoteTracks(this.received, this.sources);
    this.emit('media', this._remote);
  }
}
