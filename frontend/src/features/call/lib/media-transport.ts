import type { IceServer, MediaSources, MediaState } from '@contract/protocol';
import type { Viewport } from './sfu/tile-viewport';
import type { Listener } from './typed-emitter';

/** Connection state of one remote participant's media, as the UI shows it. */
export type MediaConnectionState = 'new' | 'connecting' | 'connected' | 'reconnecting' | 'failed';

/** Our microphone, camera and screen; `null` = not sending that kind. */
export interface LocalTracks {
  audio: MediaStreamTrack | null;
  video: MediaStreamTrack | null;
  screen: MediaStreamTrack | null;
}

/** What we receive from one participant, sorted into microphone, camera and screen. */
export type RemoteMedia = LocalTracks;
export type TrackKind = keyof LocalTracks;

export const NO_MEDIA: RemoteMedia = Object.freeze({ audio: null, video: null, screen: null });

/** A participant as signaling announced it: the id media is keyed by, and its own media-state. */
export interface TransportParticipant {
  id: string;
  media: MediaState;
}

/** What a transport needs to start: who we are, how to reach the network, what we send. */
export interface TransportSetup {
  selfId: string;
  meetingId: string;
  iceServers: IceServer[];
  /** When credentials in `iceServers` stop working (ISO time); the transport refreshes them. */
  iceServersExpireAt?: string;
  local: LocalTracks;
}

/** Numbers per remote participant for the active-speaker detector and the test hook. */
export interface ParticipantStats {
  framesDecoded: number;
  audioPacketsReceived: number;
  videoPacketsReceived: number;
  /** Received audio level 0..1, null when not reported. */
  audioLevel: number | null;
  localCandidateType: string | null;
  remoteCandidateType: string | null;
  /** Inbound RTP packets lost so far, per kind; with the received counts, a loss rate. */
  audioPacketsLost: number;
  videoPacketsLost: number;
  /** Inbound jitter in ms (the worse of audio and video), null when not reported. */
  jitterMs: number | null;
  /** Round trip of the media connection in ms, null when not measured yet. */
  roundTripMs: number | null;
  /** Their camera's decoded frames per second, null without video. */
  framesPerSecond: number | null;
  /** How what we send reaches them (their receiver reports, our encoder). */
  uplink: UplinkStats;
  /** A verdict the SFU itself gives on their connection (LiveKit's connection quality), if any. */
  reportedQuality: QualityLevel | null;
}

/** Connection quality as the tiles show it (see quality/connection-quality.ts for the thresholds). */
export type QualityLevel = 'good' | 'fair' | 'poor';

/** Our sending side of one connection, from remote-inbound-rtp and outbound-rtp. */
export interface UplinkStats {
  /** Share of our packets the receiver lost in its last report, 0..1 (the worse of audio and video). */
  fractionLost: number | null;
  roundTripMs: number | null;
  /** The encoder lowers resolution or frame rate because the estimated bandwidth is short. */
  limitedByBandwidth: boolean;
  /** The SFU's verdict on our own connection (LiveKit), if any. */
  reportedQuality: QualityLevel | null;
}

export interface MediaTransportEvents {
  /** What we receive from `participantId` changed (a track appeared or was replaced). */
  media: { participantId: string; media: RemoteMedia };
  /** Our media connection with `participantId` changed state. */
  state: { participantId: string; state: MediaConnectionState };
  /**
   * Media or media signals came from someone the session has not announced yet (an offer can beat
   * `user-joined` to us). The session decides: add them to the roster, or ignore a stale id.
   */
  unannounced: { participantId: string };
}

/**
 * How the call session sends and receives media; the UI never sees it. Two implementations sit
 * behind it: `MeshTransport` (one RTCPeerConnection per remote participant, negotiated over our
 * signaling) and, for large meetings, an SFU transport (one LiveKit `Room`, negotiated with the
 * SFU). Everything is keyed by **participant id** (the signaling id, which is also the SFU identity),
 * never by a connection, so the session cannot tell which transport runs.
 *
 * Contract:
 * - Membership comes from signaling, not from the transport: the session announces participants
 *   (`addParticipant` / `updateParticipant` / `removeParticipant`). The mesh opens or closes a link
 *   for each; an SFU transport uses them to know whom to expect and may ignore the rest.
 * - Local tracks belong to the session's `LocalMedia`: the transport sends what it is given
 *   (`connect`, then `setLocalTrack` to add, replace or remove mic, camera or screen) and `close()`
 *   never stops them, so a second transport can send the same tracks at the same time.
 * - Remote media is reported per participant through `media` events and read back with
 *   `remoteMedia(id)`. A track that has not arrived (or has ended) is `null`.
 * - Camera and screen are told apart by the sender: `localSources()` is what the session sends with
 *   our media-state, and a participant's `media.sources` (from `updateParticipant`) is how the
 *   mesh sorts what it receives. An SFU that labels tracks itself returns `{}` and ignores it.
 * - Make-before-break: a session may hold two transports for a short while (the mesh still up, the
 *   SFU connecting). Each reports only its own media; the session shows, per participant, the
 *   media of whichever transport has a live track (`readyState === 'live'`) and closes the old one
 *   once every participant's media has moved. Nothing here assumes it is the only transport.
 */
export interface MediaTransport {
  readonly kind: 'mesh' | 'sfu';
  /** Starts sending `setup.local` and receiving; progress arrives as `state` events. */
  connect(setup: TransportSetup): void;
  /** `initiator`: we learned of them from our join ack (the mesh side that offers). */
  addParticipant(participant: TransportParticipant, options: { initiator: boolean }): void;
  updateParticipant(participant: TransportParticipant): void;
  removeParticipant(participantId: string): void;
  /** Adds, replaces (`track`) or removes (`null`) one of our tracks, without stopping the old one. */
  setLocalTrack(kind: TrackKind, track: MediaStreamTrack | null): void;
  /**
   * Our microphone was muted or unmuted (LocalMedia already set `track.enabled`; media-state tells
   * the others). The mesh has nothing more to do; an SFU mutes the publication, so its server stops
   * forwarding it and leaves us out of speaker detection.
   */
  setMicMuted(muted: boolean): void;
  /** How receivers tell our camera from our screen (sent with media-state); `{}` when not needed. */
  localSources(): MediaSources;
  remoteMedia(participantId: string): RemoteMedia;
  connectionState(participantId: string): MediaConnectionState;
  /** `null` when there is no media connection with that participant. */
  stats(participantId: string): Promise<ParticipantStats | null>;
  /**
   * Whether `participantId`'s video is on screen and how big its biggest tile is. An SFU
   * subscribes to (and picks a layer for) visible video only; the mesh receives everything and
   * leaves this out. Audio never depends on it.
   */
  setViewport?(participantId: string, viewport: Viewport): void;

  /**
   * How loud `participantId` is now, 0..1 (null: not known), for active-speaker detection. The
   * mesh reads its receiver's stats; an SFU answers from the levels its server sends, with no
   * per-participant `getStats` (a meeting may hold a hundred people).
   */
  audioLevel(participantId: string): Promise<number | null>;
  /** Hangs up all media; local tracks keep running. Safe to call twice. */
  close(): void;
  on<K extends keyof MediaTransportEvents>(event: K, listener: Listener<MediaTransportEvents[K]>): () => void;
}
