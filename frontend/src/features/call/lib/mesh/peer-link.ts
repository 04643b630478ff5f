import type { MediaSources } from '@contract/protocol';
import type { LocalTracks, MediaConnectionState, RemoteMedia, TrackKind } from '../media-transport';
import { TypedEmitter } from '../typed-emitter';
import { DEFAULT_RECOVERY, LinkHealth, type RecoveryLimits } from './link-recovery';
import { summarizeStats, type LinkStatsSummary } from './link-stats';
import { MediaSlots, newSendStreams, sortRemoteTracks, type ReceivedTrack, type SendStreams } from './media-slots';
import { applyVideoCap, type VideoCap } from './send-quality';

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
}

export interface PeerLinkEvents {
  state: MediaConnectionState;
  media: RemoteMedia;
}

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
  private closed = false;
  private videoCap: VideoCap = { scaleResolutionDownBy: 1 };
  private _remote: RemoteMedia = { audio: null, video: null, screen: null };

  constructor(private readonly options: PeerLinkOptions) {
    super();
    this.peerId = options.peerId;
    this.polite = isPolite(options.selfId, options.peerId);
    this.signals = options.signals;
    const create = options.createPeerConnection ?? ((config) => new RTCPeerConnection(config));
    this.pc = create(options.config);
    this.slots = new MediaSlots(this.pc, options.streams ?? newSendStreams(), { ...options.local });
    this.pc.onnegotiationneeded = () => void this.negotiate();
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

  /** Creates the media slots on the initiating side; that fires negotiationneeded -> offer. */
  start(): void {
    if (this.options.initiator) this.slots.create();
  }

  /** Applies an incoming offer or answer (the wire has separate events; this is one handler). */
  async handleDescription(description: SessionDescription): Promise<void> {
    if (this.closed) return;
    const readyForOffer =
      !this.makingOffer && (this.pc.signalingState === 'stable' || this.isSettingRemoteAnswerPending);
    const offerCollision = description.type === 'offer' && !readyForOffer;
    this.ignoreOffer = !this.polite && offerCollision;
    if (this.ignoreOffer) return;
    this.isSettingRemoteAnswerPending = description.type === 'answer';
    try {
      // A polite side in have-local-offer gets an implicit rollback here (no explicit rollback needed).
      await this.pc.setRemoteDescription(description);
    } finally {
      this.isSettingRemoteAnswerPending = false;
    }
    await this.flushCandidates();
    if (description.type === 'offer') {
      this.slots.bindFromOffer();
      await this.pc.setLocalDescription();
      this.sendLocalDescription();
    }
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
    this.publishRemote();
  }

  private publishRemote(): void {
    this._remote = sortRemoteTracks(this.received, this.sources);
    this.emit('media', this._remote);
  }
}
