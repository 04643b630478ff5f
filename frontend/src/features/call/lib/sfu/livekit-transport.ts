import type { MediaSources, SfuTokenResult } from '@contract/protocol';
import type * as LivekitClient from 'livekit-client';
import type { Participant, RemoteParticipant, RemoteTrack, RemoteVideoTrack, Room, Track } from 'livekit-client';
import {
  NO_MEDIA,
  type LocalTracks,
  type MediaConnectionState,
  type MediaTransport,
  type MediaTransportEvents,
  type ParticipantStats,
  type QualityLevel,
  type RemoteMedia,
  type TrackKind,
  type TransportParticipant,
  type TransportSetup,
} from '../media-transport';
import { summarizeStats } from '../mesh/link-stats';
import { TypedEmitter } from '../typed-emitter';
import { markSfu } from './sfu-marks';
import { DEFAULT_VIEWPORT, TileViewport, type Viewport } from './tile-viewport';

type LiveKit = typeof LivekitClient;

export interface LiveKitTransportOptions {
  /** Asks our signaling for a token (`sfu-token`); the result carries the URL too. */
  token: () => Promise<SfuTokenResult>;
  /** Loads livekit-client; a dynamic import so it stays off the first page. */
  load?: () => Promise<LiveKit>;
  /** A token we already hold (the join ack carries one): the first connect skips `token`. */
  initialToken?: SfuTokenResult;
}

/** Refresh the token at this share of its life, so a full reconnect always has a valid one. */
const REFRESH_AT = 0.8;
const RETRY_MS = [500, 1_000, 2_000, 5_000];
const PUBLISH_RETRY_MS = 2_000;

const KINDS: TrackKind[] = ['audio', 'video', 'screen'];

/**
 * The SFU {@link MediaTransport}: one LiveKit `Room` (adaptive stream, dynacast, simulcast camera).
 * We publish the session's own `MediaStreamTrack`s (never stopped here: LocalMedia owns them) and
 * receive each participant's microphone, camera and screen, keyed by LiveKit identity, which the
 * backend sets to our signaling participant id. Membership stays with signaling: people LiveKit
 * shows before signaling announced them are kept and appear when the session adds them.
 */
export class LiveKitTransport extends TypedEmitter<MediaTransportEvents> implements MediaTransport {
  readonly kind = 'sfu' as const;
  private lk: LiveKit | null = null;
  private room: Room | null = null;
  private local: LocalTracks = { audio: null, video: null, screen: null };
  /** What is published per kind (the track we were given), so replacing unpublishes the old one. */
  private readonly published = new Map<TrackKind, MediaStreamTrack>();
  private readonly remote = new Map<string, RemoteMedia>();
  private readonly states = new Map<string, MediaConnectionState>();
  /** Per remote video track: the stand-in element adaptive stream sizes it by. */
  private readonly viewports = new WeakMap<RemoteVideoTrack, TileViewport>();
  private readonly wanted = new Map<string, Viewport>();
  private token: SfuTokenResult | null = null;
  private refreshTimer: ReturnType<typeof setTimeout> | undefined;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private publishRetry: ReturnType<typeof setTimeout> | undefined;
  /** Serializes publish/unpublish so a quick camera toggle cannot publish twice. */
  private publishing: Promise<void> = Promise.resolve();
  private closed = false;
  /** Our microphone is muted (the session says so; LocalMedia's `enabled = false` is the same fact). */
  private micMuted = false;

  constructor(private readonly options: LiveKitTransportOptions) {
    super();
    if (options.initialToken) {
      this.token = options.initialToken;
      this.scheduleRefresh(options.initialToken);
    }
  }

  connect(setup: TransportSetup): void {
    this.local = { ...setup.local };
    this.micMuted = setup.local.audio ? !setup.local.audio.enabled : false;
    void this.start(0);
  }

  addParticipant({ id }: TransportParticipant): void {
    if (!this.states.has(id)) this.states.set(id, 'connecting');
    const participant = this.room?.remoteParticipants.get(id);
    if (participant) this.refresh(participant);
  }

  updateParticipant(): void {
    // LiveKit labels every track with its source itself.
  }

  removeParticipant(participantId: string): void {
    this.remote.delete(participantId);
    this.states.delete(participantId);
    this.wanted.delete(participantId);
  }

  setLocalTrack(kind: TrackKind, track: MediaStreamTrack | null): void {
    this.local[kind] = track;
    this.syncPublished();
  }

  setMicMuted(muted: boolean): void {
    if (this.micMuted === muted) return;
    this.micMuted = muted;
    this.syncPublished();
  }

  /**
   * How big `participantId`'s tiles are and whether they are on screen: off-screen video is paused
   * at the SFU, small tiles get a small simulcast layer. Everyone is visible by default.
   */
  setViewport(participantId: string, viewport: Viewport): void {
    this.wanted.set(participantId, viewport);
    const participant = this.room?.remoteParticipants.get(participantId);
    for (const publication of participant?.videoTrackPublications.values() ?? []) {
      const track = publication.videoTrack as RemoteVideoTrack | undefined;
      if (track) this.viewports.get(track)?.set(viewport);
    }
  }

  localSources(): MediaSources {
    return {};
  }

  remoteMedia(participantId: string): RemoteMedia {
    return this.remote.get(participantId) ?? NO_MEDIA;
  }

  connectionState(participantId: string): MediaConnectionState {
    return this.states.get(participantId) ?? 'new';
  }

  async stats(participantId: string): Promise<ParticipantStats | null> {
    const participant = this.room?.remoteParticipants.get(participantId);
    if (!participant) return null;
    const merged = new Map<string, unknown>();
    for (const publication of participant.trackPublications.values()) {
      const report = await publication.track?.getRTCStatsReport().catch(() => undefined);
      report?.forEach((value, key) => merged.set(key, value));
    }
    const summary = summarizeStats(merged);
    const local = this.room?.localParticipant;
    const uplink = { ...summary.uplink, reportedQuality: local ? levelOf(local.connectionQuality) : null };
    return { ...summary, audioLevel: await this.audioLevel(participantId), reportedQuality: levelOf(participant.connectionQuality), uplink };
  }

  /**
   * LiveKit measures levels at the SFU and sends the active speakers' levels a few times a second
   * (`ActiveSpeakersChanged`; anyone not in the latest list is at 0): the one number every
   * subscriber agrees on, and no `getStats` per participant.
   */
  async audioLevel(participantId: string): Promise<number | null> {
    const participant = this.room?.remoteParticipants.get(participantId);
    return participant ? participant.audioLevel : null;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.refreshTimer);
    clearTimeout(this.retryTimer);
    clearTimeout(this.publishRetry);
    // `false`: leave our local tracks running (LocalMedia owns them; the mesh may still send them).
    void this.room?.disconnect(false);
    this.room = null;
    this.removeAllListeners();
  }

  private async start(attempt: number): Promise<void> {
    try {
      markSfu('connect-start');
      // Side by side: the library's chunk (a few hundred ms to fetch and compile on a busy
      // machine) and the token round trip.
      const [lk, token] = await Promise.all([this.lk ?? (this.options.load ?? loadLiveKit)(), this.freshToken()]);
      this.lk = lk;
      markSfu('token');
      if (this.closed) return;
      const room = new lk.Room({
        adaptiveStream: true,
        dynacast: true,
        stopLocalTrackOnUnpublish: false,
        // Three camera layers: 180p for a crowded grid, 360p for a grid of four, full size for the
        // stage. Dynacast encodes only the layers someone receives, so a grid of small tiles costs
        // every sender one small encode, and every receiver small decodes.
        publishDefaults: { simulcast: true, videoSimulcastLayers: [lk.VideoPresets.h180, lk.VideoPresets.h360] },
      });
      this.wire(lk, room);
      this.room = room;
      const connected = room.connect(token.url, token.token, { autoSubscribe: true });
      // Publishing goes side by side with connecting (LiveKit holds a publication until its
      // signal connection is up, then negotiates it with the first connection): others see us a
      // round trip or two sooner than publishing after `connect` resolves.
      this.syncPublished();
      await connected;
      markSfu('connected');
      if (this.closed) return void room.disconnect(false);
      for (const participant of room.remoteParticipants.values()) this.refresh(participant);
      this.syncPublished();
    } catch (error) {
      if (this.closed) return;
      console.warn('[sfu] connect failed', error);
      void this.room?.disconnect(false);
      this.room = null;
      this.retryTimer = setTimeout(() => void this.start(attempt + 1), RETRY_MS[Math.min(attempt, RETRY_MS.length - 1)]);
    }
  }

  private wire(lk: LiveKit, room: Room): void {
    const { RoomEvent } = lk;
    const refresh = (_a: unknown, _b: unknown, participant: RemoteParticipant) => this.refresh(participant);
    room
      .on(RoomEvent.TrackSubscribed, refresh)
      .on(RoomEvent.TrackUnsubscribed, refresh)
      .on(RoomEvent.TrackMuted, (_pub, participant) => this.refreshAny(participant))
      .on(RoomEvent.TrackUnmuted, (_pub, participant) => this.refreshAny(participant))
      .on(RoomEvent.ParticipantConnected, (participant) => this.setState(participant.identity, 'connected'))
      .on(RoomEvent.ParticipantDisconnected, (participant) => {
        if (this.remote.delete(participant.identity)) this.emit('media', { participantId: participant.identity, media: NO_MEDIA });
        if (this.states.has(participant.identity)) this.setState(participant.identity, 'connecting');
      })
      .on(RoomEvent.Reconnecting, () => this.setAll('reconnecting'))
      .on(RoomEvent.Reconnected, () => this.setAll('connected'))
      .on(RoomEvent.Disconnected, () => {
        if (this.closed || this.room !== room) return;
        // LiveKit gave up resuming: connect again from scratch with a fresh token.
        this.setAll('reconnecting');
        this.room = null;
        this.published.clear();
        void this.start(0);
      });
  }

  private refreshAny(participant: Participant): void {
    const remote = this.room?.remoteParticipants.get(participant.identity);
    if (remote) this.refresh(remote);
  }

  /** Re-reads one participant's subscribed tracks into {@link RemoteMedia}. */
  private refresh(participant: RemoteParticipant): void {
    const lk = this.lk;
    if (!lk) return;
    const id = participant.identity;
    const media: RemoteMedia = { audio: null, video: null, screen: null };
    for (const publication of participant.trackPublications.values()) {
      const track = publication.track as RemoteTrack | undefined;
      if (!track || !publication.isSubscribed) continue;
      const kind = kindOf(lk, publication.source, track.kind);
      if (!kind) continue;
      media[kind] = track.mediaStreamTrack;
      if (this.remote.get(id)?.[kind] !== track.mediaStreamTrack) markSfu(`subscribed:${kind}:${id}`);
      if (track.kind === lk.Track.Kind.Video) this.observe(id, track as RemoteVideoTrack);
    }
    this.setState(id, 'connected');
    const before = this.remote.get(id) ?? NO_MEDIA;
    if (KINDS.every((k) => before[k] === media[k])) return;
    this.remote.set(id, media);
    this.emit('media', { participantId: id, media });
  }

  private observe(participantId: string, track: RemoteVideoTrack): void {
    if (this.viewports.has(track)) return;
    const viewport = new TileViewport(this.wanted.get(participantId) ?? DEFAULT_VIEWPORT);
    this.viewports.set(track, viewport);
    track.observeElementInfo(viewport);
  }

  private setState(participantId: string, state: MediaConnectionState): void {
    if (this.states.get(participantId) === state) return;
    this.states.set(participantId, state);
    this.emit('state', { participantId, state });
  }

  private setAll(state: MediaConnectionState): void {
    for (const id of [...this.states.keys()]) this.setState(id, state);
  }

  /**
   * Publishes what LocalMedia gives us, one change at a time. A publish that fails (LiveKit gives
   * up after 15 s without a connected engine; seen on a machine at load 45) is tried again, or
   * that person would stay invisible to everyone for the rest of the meeting.
   */
  private syncPublished(): void {
    clearTimeout(this.publishRetry);
    this.publishing = this.publishing
      .then(() => this.publishNow())
      .catch((error: unknown) => {
        console.warn('[sfu] publish failed; trying again', error);
        if (!this.closed) this.publishRetry = setTimeout(() => this.syncPublished(), PUBLISH_RETRY_MS);
      });
  }

  private async publishNow(): Promise<void> {
    const room = this.room;
    const lk = this.lk;
    // Also while connecting or resuming: LiveKit holds a publication until its signal connection
    // is up (a room given up on is dropped from `this.room` first, see `wire`).
    if (!room || !lk || this.closed) return;
    // Kinds side by side: LiveKit negotiates them together, so the camera does not wait a round
    // trip behind the microphone (a joiner is seen that much sooner).
    await Promise.all(KINDS.map((kind) => this.publishKind(lk, room, kind)));
    await this.applyMicMute(lk, room);
  }

  /**
   * LiveKit's own mute: the server stops forwarding our microphone and tells subscribers
   * (`TrackMuted`). It keeps `track.enabled` in step, which is how LocalMedia mutes too.
   */
  private async applyMicMute(lk: LiveKit, room: Room): Promise<void> {
    const track = room.localParticipant.getTrackPublication(lk.Track.Source.Microphone)?.track;
    if (!track || track.isMuted === this.micMuted) return;
    if (this.micMuted) await track.mute();
    else await track.unmute();
  }

  private async publishKind(lk: LiveKit, room: Room, kind: TrackKind): Promise<void> {
    const want = this.local[kind];
    const have = this.published.get(kind);
    if (want === have) return;
    const current = have ? room.localParticipant.getTrackPublication(sourceOf(lk, kind))?.track : undefined;
    if (want && current) {
      // Another camera or microphone: swap it on the same sender, no renegotiation, no unpublish
      // (others keep the tile and its subscription). LiveKit leaves `enabled` and the old track alone.
      await current.replaceTrack(want, { userProvidedTrack: true });
      this.published.set(kind, want);
      return;
    }
    if (have) {
      const publication = room.localParticipant.getTrackPublication(sourceOf(lk, kind));
      if (publication?.track) await room.localParticipant.unpublishTrack(publication.track, false);
      this.published.delete(kind);
    }
    if (want) {
      // LiveKit enables a track it is handed; ours may be muted (LocalMedia mutes with `enabled`):
      // restored at once, then LiveKit's own mute follows (applyMicMute).
      const enabled = want.enabled;
      await room.localParticipant.publishTrack(want, {
        source: sourceOf(lk, kind),
        simulcast: kind === 'video',
        name: kind,
      });
      want.enabled = enabled;
      this.published.set(kind, want);
      markSfu(`published:${kind}`);
    }
  }

  private async freshToken(): Promise<SfuTokenResult> {
    const current = this.token;
    if (current && Date.parse(current.expiresAt) - Date.now() > 30_000) return current;
    const token = await this.options.token();
    this.token = token;
    this.scheduleRefresh(token);
    return token;
  }

  /** LiveKit refreshes the token of a live connection itself; ours is for a full reconnect. */
  private scheduleRefresh(token: SfuTokenResult): void {
    clearTimeout(this.refreshTimer);
    const life = Date.parse(token.expiresAt) - Date.now();
    if (!(life > 0)) return;
    this.refreshTimer = setTimeout(() => {
      if (this.closed) return;
      this.options.token().then(
        (next) => {
          this.token = next;
          this.scheduleRefresh(next);
        },
        () => this.scheduleRefresh({ ...token, expiresAt: new Date(Date.now() + 10_000 / (1 - REFRESH_AT)).toISOString() }),
      );
    }, life * REFRESH_AT);
  }
}

/** LiveKit's score (a MOS estimate) in our words: its "good" already means some degradation. */
function levelOf(quality: string): QualityLevel | null {
  if (quality === 'excellent') return 'good';
  if (quality === 'good') return 'fair';
  if (quality === 'poor' || quality === 'lost') return 'poor';
  return null;
}

/** livekit-client, fetched once per page (the chunk is shared by every transport). */
let livekitModule: Promise<LiveKit> | undefined;
export function loadLiveKit(): Promise<LiveKit> {
  livekitModule ??= import('livekit-client').catch((error: unknown) => {
    livekitModule = undefined;
    throw error;
  });
  return livekitModule;
}

function sourceOf(lk: LiveKit, kind: TrackKind): Track.Source {
  return kind === 'audio' ? lk.Track.Source.Microphone : kind === 'video' ? lk.Track.Source.Camera : lk.Track.Source.ScreenShare;
}

function kindOf(lk: LiveKit, source: Track.Source, trackKind: Track.Kind): TrackKind | null {
  const { Source } = lk.Track;
  if (source === Source.Microphone) return 'audio';
  if (source === Source.Camera) return 'video';
  if (source === Source.ScreenShare) return 'screen';
  if (source === Source.ScreenShareAudio) return null;
  // Unknown source: sort by kind.
  return trackKind === lk.Track.Kind.Audio ? 'audio' : 'video';
}
