import type { IceCandidateRelay, IceServer, IceServersResult, MediaSources, RTCIceCandidateLike, SdpRelay } from '@contract/protocol';
import {
  NO_MEDIA,
  type LocalTracks,
  type MediaConnectionState,
  type MediaTransport,
  type MediaTransportEvents,
  type ParticipantStats,
  type RemoteMedia,
  type TrackKind,
  type TransportParticipant,
  type TransportSetup,
} from '../media-transport';
import { TypedEmitter, type Listener } from '../typed-emitter';
import { IceRefresher } from './ice-refresh';
import type { LobbyOffer, PreparedConnection } from './lobby-offer';
import { newSendStreams, sourcesOf, type SendStreams } from './media-slots';
import { PeerLink } from './peer-link';
import { cameraCapFor } from './send-quality';

/** The part of the signaling client a mesh needs: relay SDP and candidates, refresh TURN. */
export interface MeshSignals {
  on(event: 'offer' | 'answer', listener: Listener<SdpRelay>): () => void;
  on(event: 'ice-candidate', listener: Listener<IceCandidateRelay>): () => void;
  sendDescription(to: string, type: 'offer' | 'answer', sdp: string): void;
  sendCandidate(to: string, candidate: RTCIceCandidateLike | null): void;
  refreshIceServers(): Promise<IceServersResult>;
}

export interface MeshTransportOptions {
  signals: MeshSignals;
  /** `?relay=1`: TURN only. */
  relayOnly?: boolean;
  createPeerConnection?: (config: RTCConfiguration) => RTCPeerConnection;
  /** The lobby's prepared connection: the first link we initiate takes it when it fits. */
  lobbyOffer?: LobbyOffer;
}

/**
 * The peer-to-peer {@link MediaTransport}: one {@link PeerLink} per remote participant, offers,
 * answers and candidates routed through our signaling, each camera copy sized to the meeting, and
 * TURN credentials refreshed before they expire.
 */
export class MeshTransport extends TypedEmitter<MediaTransportEvents> implements MediaTransport {
  readonly kind = 'mesh' as const;
  private readonly links = new Map<string, PeerLink>();
  private readonly streams: SendStreams;
  private readonly unsubscribe: (() => void)[] = [];
  private readonly iceRefresh: IceRefresher;
  private setup: TransportSetup | null = null;
  private local: LocalTracks = { audio: null, video: null, screen: null };
  private iceServers: IceServer[] = [];
  private closed = false;

  constructor(private readonly options: MeshTransportOptions) {
    super();
    const { signals } = options;
    // One stream id pair whichever link sends: the lobby's offer already announced its own.
    this.streams = options.lobbyOffer?.streams ?? newSendStreams();
    this.iceRefresh = new IceRefresher(
      () => (this.closed ? undefined : signals.refreshIceServers()),
      (iceServers) => {
        this.iceServers = iceServers;
        for (const link of this.links.values()) link.setConfiguration(this.rtcConfig());
      },
    );
    this.unsubscribe.push(
      signals.on('offer', ({ from, sdp }) => {
        // An offer can beat 'user-joined' to us: the session decides whether to add them.
        if (!this.links.has(from)) this.emit('unannounced', { participantId: from });
        this.links.get(from)?.handleDescription({ type: 'offer', sdp }).catch(warn('offer'));
      }),
      signals.on('answer', ({ from, sdp }) => this.links.get(from)?.handleDescription({ type: 'answer', sdp }).catch(warn('answer'))),
      signals.on('ice-candidate', ({ from, candidate }) => this.links.get(from)?.handleCandidate(candidate).catch(warn('candidate'))),
    );
  }

  connect(setup: TransportSetup): void {
    this.setup = setup;
    this.local = { ...setup.local };
    this.iceServers = setup.iceServers;
    this.iceRefresh.schedule(setup.iceServersExpireAt);
  }

  addParticipant({ id, media }: TransportParticipant, { initiator }: { initiator: boolean }): void {
    const setup = this.setup;
    if (!setup || this.closed || this.links.has(id)) return;
    const { signals } = this.options;
    const link = new PeerLink({
      selfId: setup.selfId,
      peerId: id,
      initiator,
      config: this.rtcConfig(),
      local: this.local,
      streams: this.streams,
      createPeerConnection: this.options.createPeerConnection,
      // Sized for the meeting with this peer in it, so the first offer needs no later change.
      videoCap: cameraCapFor(this.links.size + 1),
      ...(initiator ? this.takePrepared() : {}),
      signals: {
        description: ({ type, sdp }) => signals.sendDescription(id, type, sdp),
        candidate: (candidate) => signals.sendCandidate(id, candidate ? { ...candidate, candidate: candidate.candidate ?? '' } : null),
      },
    });
    link.setRemoteSources(media.sources);
    this.links.set(id, link);
    link.on('state', (state) => this.emit('state', { participantId: id, state }));
    link.on('media', (remote) => this.emit('media', { participantId: id, media: remote }));
    this.capCameraCopies();
    link.start();
  }

  updateParticipant({ id, media }: TransportParticipant): void {
    this.links.get(id)?.setRemoteSources(media.sources);
  }

  removeParticipant(id: string): void {
    const link = this.links.get(id);
    if (!link) return;
    link.close();
    this.links.delete(id);
    this.capCameraCopies();
  }

  setLocalTrack(kind: TrackKind, track: MediaStreamTrack | null): void {
    this.local[kind] = track;
    for (const link of this.links.values()) link.setLocalTrack(kind, track);
  }

  localSources(): MediaSources {
    return sourcesOf(this.streams);
  }

  remoteMedia(id: string): RemoteMedia {
    return this.links.get(id)?.remote ?? NO_MEDIA;
  }

  connectionState(id: string): MediaConnectionState {
    return this.links.get(id)?.state ?? 'new';
  }

  async stats(id: string): Promise<ParticipantStats | null> {
    const link = this.links.get(id);
    return link ? link.stats().catch(() => null) : null;
  }

  async audioLevel(id: string): Promise<number | null> {
    return (await this.stats(id))?.audioLevel ?? null;
  }

  setMicMuted(): void {
    // `track.enabled = false` is the mute: peers receive silence, media-state says why.
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.iceRefresh.stop();
    this.options.lobbyOffer?.close();
    for (const off of this.unsubscribe) off();
    for (const id of [...this.links.keys()]) this.removeParticipant(id);
    this.removeAllListeners();
  }

  /** One camera copy per peer: size every copy to the meeting (see send-quality.ts). */
  private capCameraCopies(): void {
    const cap = cameraCapFor(this.links.size);
    for (const link of this.links.values()) link.setVideoCap(cap);
  }

  private takePrepared(): { prepared?: PreparedConnection } {
    const prepared = this.options.lobbyOffer?.take(this.rtcConfig());
    return prepared ? { prepared } : {};
  }

  private rtcConfig(): RTCConfiguration {
    return { iceServers: this.iceServers, iceTransportPolicy: this.options.relayOnly ? 'relay' : 'all' };
  }
}

const warn = (what: string) => (error: unknown) => console.warn(`[mesh] ${what} failed`, error);
