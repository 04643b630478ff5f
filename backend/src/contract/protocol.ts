/**
 * The wire contract between the backend and the SPA: REST DTOs, the Socket.io event maps and the
 * error codes. Types only: the frontend imports this file with `import type`, so nothing here may
 * emit runtime code.
 */

import type { ReactionEmoji } from './reactions.js';

/** Every error the platform answers with, REST or Socket.io. Stable: clients switch on these. */
export type ErrorCode =
  | 'VALIDATION_FAILED'
  | 'INVALID_MEETING_ID'
  | 'MEETING_NOT_FOUND'
  | 'MEETING_FULL'
  | 'NOT_IN_MEETING'
  | 'ALREADY_IN_MEETING'
  | 'PEER_NOT_FOUND'
  | 'RATE_LIMITED'
  | 'DATABASE_UNAVAILABLE'
  | 'PAYLOAD_TOO_LARGE'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'INVALID_JSON'
  | 'NOT_FOUND'
  | 'METHOD_NOT_ALLOWED'
  | 'FORBIDDEN_ORIGIN'
  /** The meeting is locked (or the joiner was removed): they now wait for a host's decision. */
  | 'WAITING_FOR_HOST'
  /** A host ended the meeting for everyone: it cannot be joined again. */
  | 'MEETING_ENDED'
  | 'FORBIDDEN_HOST'
  | 'SERVER_SHUTTING_DOWN'
  /**
   * Not allowed for this sender: a host action from someone who is not a host or co-host, a wrong
   * host key, an SFU token for a meeting the connection is not a member of.
   */
  | 'FORBIDDEN'
  /** An SFU token asked for while the meeting runs peer to peer (mode 'mesh'). */
  | 'SFU_NOT_ACTIVE'
  /** The SFU could not be reached to prepare the meeting's room. */
  | 'SFU_UNAVAILABLE'
  /** A LiveKit webhook whose signature did not verify. */
  | 'INVALID_SIGNATURE'
  | 'INTERNAL';

export interface ErrorBody {
  code: ErrorCode;
  message: string;
}

/** Shape of every non-2xx REST response. */
export interface ApiErrorResponse {
  error: ErrorBody;
}

// ---------------------------------------------------------------------------------------------
// REST
// ---------------------------------------------------------------------------------------------

/** `POST /api/meetings` body (JSON, optional). */
export interface CreateMeetingRequest {
  /** Absent or `null`: an untitled meeting. */
  title?: string | null;
}

/** Public view of a meeting: `POST /api/meetings` (201) and `GET /api/meetings/:meetingId` (200). */
export interface MeetingDto {
  meetingId: string;
  title: string | null;
  createdAt: string;
  lastActiveAt: string;
  expiresAt: string;
  /** People connected to the meeting right now. */
  participantCount: number;
  maxParticipants: number;
  /** Path of the meeting page on this origin, e.g. `/abcde-fghij-kmnpq`. */
  path: string;
  /** New joiners wait in the waiting room until a host admits them. */
  locked: boolean;
  /** A host ended the meeting for everyone; joins are refused with MEETING_ENDED. */
  ended: boolean;
  /** How its media flows now: a lobby of a meeting on the SFU gets the SFU client ready before "Join now". */
  mediaMode: MediaMode;
}

/** `POST /api/meetings` (201): the meeting plus its host key, shown this once (only a hash is stored). */
export interface CreateMeetingResponse extends MeetingDto {
  hostKey: string;
}

export interface HealthResponse {
  status: 'ok';
  uptimeSeconds: number;
}

export interface ReadyResponse {
  status: 'ready' | 'unavailable';
  db: 'up' | 'down';
}

// ---------------------------------------------------------------------------------------------
// Socket.io
// ---------------------------------------------------------------------------------------------

/** What one of a sender's media streams carries. */
export type MediaSourceKind = 'camera' | 'screen';

/**
 * Which of the sender's media streams is its camera and which its screen, keyed by the stream id
 * receivers see (the mesh's msid stream id). At most `LIMITS.mediaSources` entries.
 */
export type MediaSources = Record<string, MediaSourceKind>;

/** What a participant sends and receives about its own devices. `screen` = sharing a screen. */
export interface MediaState {
  audio: boolean;
  video: boolean;
  screen: boolean;
  /**
   * Optional, so older clients keep working: without it receivers fall back to "the first video
   * transceiver is the camera". The server relays it as given.
   */
  sources?: MediaSources;
}

/** `host`: joined with the host key; `cohost`: made one by the host; both hold the host powers. */
export type Role = 'host' | 'cohost' | 'participant';

export interface PeerInfo {
  /** Server-assigned participant id (the socket id); stable for one connection. */
  id: string;
  displayName: string;
  joinedAt: string;
  media: MediaState;
  role: Role;
  /** Recording the meeting in their browser right now (absent: not recording). */
  recording?: boolean;
}

/** An RTCIceServer as the browser takes it. */
export interface IceServer {
  urls: string | string[];
  username?: string;
  credential?: string;
}

export type AckError = { ok: false; error: ErrorBody };
export type Ack<T extends object = object> = ({ ok: true } & T) | AckError;
export type AckFn<T extends object = object> = (response: Ack<T>) => void;

export interface JoinMeetingRequest {
  meetingId: string;
  displayName: string;
  /** Initial device state; defaults to all off until the client says otherwise. */
  media?: MediaState;
  /** The host key from `POST /api/meetings` (or a host link): joins as host. A wrong key: FORBIDDEN. */
  hostKey?: string;
  /**
   * This browser's secret for this meeting, as returned by a previous join (16-64 URL-safe
   * characters). Co-host grants and removals follow it across reloads; absent: a new one is issued.
   */
  clientKey?: string;
  /**
   * Our own seats from before a dropped connection (at most 4 ids). After a server crash such a
   * seat lingers until its lease runs out; its name must not count as taken, or the person would
   * come back as "Alice (2)" beside their own ghost.
   */
  replaces?: string[];
}

export interface JoinMeetingResult {
  selfId: string;
  meetingId: string;
  /** The name the others see: the one asked for, cleaned, with ` (2)` etc. if someone present has it. */
  displayName: string;
  /** Everyone already in the meeting, oldest first. */
  peers: PeerInfo[];
  iceServers: IceServer[];
  /** When credentials in `iceServers` stop working (ISO time); absent when none expire. */
  iceServersExpireAt?: string;
  maxParticipants: number;
  /** Recent chat messages, oldest first. */
  chat: ChatMessage[];
  /** Keep it and send it with the next join of this meeting (see `JoinMeetingRequest.clientKey`). */
  clientKey: string;
  role: Role;
  meeting: MeetingState;
  /** People in the waiting room (hosts and co-hosts only; empty for others). */
  waiting: WaitingPerson[];
  /** How this meeting's media flows right now; later changes arrive as `media-mode`. */
  mediaMode: MediaModeInfo;
  /**
   * With `mediaMode.mode === 'sfu'`: this joiner's first LiveKit token, so it connects without
   * another round trip (`sfu-token` refreshes it). Absent when it could not be minted now.
   */
  sfuToken?: SfuTokenResult;
}

/**
 * 'mesh': every browser sends to every other (peer to peer, offers relayed by Socket.io).
 * 'sfu': every browser publishes once to the LiveKit SFU and subscribes there.
 */
export type MediaMode = 'mesh' | 'sfu';

/**
 * A meeting's media mode. It only ever goes mesh → sfu while people are in the meeting (a
 * meeting that empties starts over as mesh), so a client may treat the event as idempotent.
 */
export interface MediaModeInfo {
  mode: MediaMode;
  /** With 'sfu': the LiveKit URL to connect to (the token comes from `sfu-token`). */
  url?: string;
}

/** `sfu-token`: asked by a member, for its own meeting, while the meeting is on the SFU. */
export interface SfuTokenRequest {
  meetingId: string;
}

export interface SfuTokenResult {
  /** LiveKit URL (ws:// or wss://). */
  url: string;
  /** LiveKit access token (JWT): room = meeting ID, identity = `selfId`, name = display name. */
  token: string;
  /** ISO time the token stops being accepted for a new connection; ask again before then. */
  expiresAt: string;
}

/** What hosts can change about a running meeting; sent as `meeting-updated` to everyone in it. */
export interface MeetingState {
  title: string | null;
  locked: boolean;
}

export interface WaitingPerson {
  id: string;
  displayName: string;
  /** When they knocked (ISO time). */
  since: string;
}

/** A host action aimed at one participant (or one person in the waiting room). */
export interface TargetRequest {
  id: string;
}

export interface SetLockedRequest {
  locked: boolean;
}

export interface SetTitleRequest {
  /** `null` or empty: untitled. */
  title: string | null;
}

export interface SetCoHostRequest {
  id: string;
  coHost: boolean;
}

export interface RoleChanged {
  id: string;
  role: Role;
}

/** To a person in the waiting room: the host's decision. `admitted`: send `join-meeting` again. */
export interface Admission {
  meetingId: string;
  admitted: boolean;
}

/** To a participant: a host muted them (or everyone). They may unmute themselves. */
export interface MutedByHost {
  by: string;
}

/** To a removed participant, just before the server disconnects them. */
export interface RemovedFromMeeting {
  meetingId: string;
  by: string;
}

/** To everyone in the meeting and its waiting room, before the server disconnects them. */
export interface MeetingEnded {
  meetingId: string;
  by: string;
}

export interface ConnectionCheckRequest {
  meetingId: string;
}

export interface IceServersResult {
  iceServers: IceServer[];
  iceServersExpireAt?: string;
}

/** Session descriptions and candidates are addressed to one member of the same meeting. */
export interface SdpRequest {
  to: string;
  sdp: string;
}

export interface IceCandidateRequest {
  to: string;
  /** `null` signals the end of candidates. */
  candidate: RTCIceCandidateLike | null;
}

export interface RTCIceCandidateLike {
  candidate: string;
  sdpMid?: string | null;
  sdpMLineIndex?: number | null;
  usernameFragment?: string | null;
}

/** Relayed to the addressee; `from` is stamped by the server, never taken from the sender. */
export interface SdpRelay {
  from: string;
  sdp: string;
}

export interface IceCandidateRelay {
  from: string;
  candidate: RTCIceCandidateLike | null;
}

export interface ChatRequest {
  text: string;
}

export interface ChatMessage {
  id: string;
  from: string;
  displayName: string;
  text: string;
  sentAt: string;
}

export interface ChatSent {
  id: string;
  sentAt: string;
}

/** `removed`: a host removed them. */
export type LeaveReason = 'left' | 'disconnected' | 'removed';

export interface UserLeft {
  id: string;
  reason: LeaveReason;
}

export interface PeerUpdated {
  id: string;
  media: MediaState;
}

/** `recording-state`: the sender started or stopped recording the meeting in its browser. */
export interface RecordingStateRequest {
  recording: boolean;
}

/** `peer-recording`: someone started or stopped recording (sent only when it changed). */
export interface PeerRecording {
  id: string;
  recording: boolean;
}

export interface ServerNotice {
  code: 'SERVER_SHUTTING_DOWN';
  message: string;
}

export interface ClientToServerEvents {
  'join-meeting': (req: JoinMeetingRequest, ack: AckFn<JoinMeetingResult>) => void;
  'leave-meeting': (ack?: AckFn) => void;
  offer: (req: SdpRequest, ack?: AckFn) => void;
  answer: (req: SdpRequest, ack?: AckFn) => void;
  'ice-candidate': (req: IceCandidateRequest, ack?: AckFn) => void;
  'media-state': (req: MediaState, ack?: AckFn) => void;
  /** The ack confirms with the id and time; the message itself arrives as the `chat-message` broadcast. */
  'chat-message': (req: ChatRequest, ack?: AckFn<ChatSent>) => void;
  'refresh-ice-servers': (ack: AckFn<IceServersResult>) => void;
  /** Lobby connection check: short-lived ICE servers for someone about to join `meetingId`. */
  'check-connection': (req: ConnectionCheckRequest, ack: AckFn<IceServersResult>) => void;
  // Host powers (host and co-hosts; anyone else: FORBIDDEN). Targets must be in the sender's meeting.
  'set-locked': (req: SetLockedRequest, ack?: AckFn) => void;
  'set-title': (req: SetTitleRequest, ack?: AckFn) => void;
  admit: (req: TargetRequest, ack?: AckFn) => void;
  deny: (req: TargetRequest, ack?: AckFn) => void;
  'remove-participant': (req: TargetRequest, ack?: AckFn) => void;
  'mute-participant': (req: TargetRequest, ack?: AckFn) => void;
  'mute-all': (ack?: AckFn) => void;
  'end-meeting': (ack?: AckFn) => void;
  /** The host only (the host key holder): grant or withdraw co-host powers. */
  'set-co-host': (req: SetCoHostRequest, ack?: AckFn) => void;
  /** A LiveKit token for the member's own meeting (mode 'sfu' only); ask again before `expiresAt`. */
  'sfu-token': (req: SfuTokenRequest, ack: AckFn<SfuTokenResult>) => void;
  /**
   * Members only: "I am (not) recording this meeting locally". Everyone sees it (consent); it
   * ends with the sender's seat (leave or disconnect) and reaches late joiners in `PeerInfo.recording`.
   */
  'recording-state': (req: RecordingStateRequest, ack?: AckFn) => void;
}

export interface ServerToClientEvents {
  'user-joined': (peer: PeerInfo) => void;
  'user-left': (msg: UserLeft) => void;
  offer: (msg: SdpRelay) => void;
  answer: (msg: SdpRelay) => void;
  'ice-candidate': (msg: IceCandidateRelay) => void;
  'peer-updated': (msg: PeerUpdated) => void;
  'chat-message': (msg: ChatMessage) => void;
  'server-notice': (msg: ServerNotice) => void;
  'meeting-updated': (msg: MeetingState) => void;
  'role-changed': (msg: RoleChanged) => void;
  /** Hosts and co-hosts: the whole waiting room, oldest first, whenever it changes. */
  'waiting-room': (msg: { waiting: WaitingPerson[] }) => void;
  admission: (msg: Admission) => void;
  'muted-by-host': (msg: MutedByHost) => void;
  removed: (msg: RemovedFromMeeting) => void;
  'meeting-ended': (msg: MeetingEnded) => void;
  /** The meeting moved to another media mode (today only mesh → sfu): switch make-before-break. */
  'media-mode': (msg: MediaModeInfo) => void;
  /** A member started or stopped recording; a leaving recorder's flag goes with its `user-left`. */
  'peer-recording': (msg: PeerRecording) => void;
}

// --- Raise hand and reactions (issue 12) ------------------------------------------------------
// Declared as additions to the interfaces above (TypeScript merges same-named interfaces), so the
// feature's whole contract reads in one place.

export type { ReactionEmoji } from './reactions.js';

export interface PeerInfo {
  /** When their hand went up (server time, ISO); absent while it is down. Late joiners read the queue here. */
  handRaisedAt?: string;
}

/** `raise-hand` ack: when the hand went up (the earlier time if it already was). */
export interface HandRaised {
  raisedAt: string;
}

/** `lower-hand`: no `id` (or one's own) lowers one's own hand; anyone else's needs host or co-host. */
export interface LowerHandRequest {
  id?: string;
}

/** To everyone in the meeting: a hand went up (`raisedAt`) or down (`null`). */
export interface HandUpdated {
  id: string;
  raisedAt: string | null;
  /** Set when a host or co-host lowered someone else's hand: their display name. */
  loweredBy?: string;
}

export interface ReactionRequest {
  emoji: ReactionEmoji;
}

/** To everyone in the meeting, the sender included. */
export interface ReactionSent {
  /** The sender's participant id. */
  id: string;
  emoji: ReactionEmoji;
  sentAt: string;
}

export interface ClientToServerEvents {
  /** Idempotent: a raised hand keeps its place in the queue. */
  'raise-hand': (ack?: AckFn<HandRaised>) => void;
  'lower-hand': (req: LowerHandRequest, ack?: AckFn) => void;
  /** One of `REACTIONS`; over `REACTION_BURST` per `REACTION_WINDOW_SECONDS`: RATE_LIMITED. */
  'send-reaction': (req: ReactionRequest, ack?: AckFn) => void;
}

export interface ServerToClientEvents {
  'hand-updated': (msg: HandUpdated) => void;
  reaction: (msg: ReactionSent) => void;
}

// ---------------------------------------------------------------------------------------------

/** Between backend instances (Redis adapter): a member left, drop it from relay caches. */
export interface InterServerEvents {
  'member-left': (meetingId: string, peerId: string) => void;
}

export interface SocketData {
  meetingId?: string;
  /** Joined with this meeting's host key. Co-hosts are the other members of the hosts room. */
  isHost?: boolean;
  /** Hash of the client key (stable per browser and meeting): what co-host grants and removals follow. */
  clientKeyHash?: string;
  /** In this meeting's waiting room (not a member). */
  waitingFor?: string;
  waitingSince?: string;
  displayName?: string;
  attendanceId?: string;
  joinedAt?: string;
  media?: MediaState;
}
