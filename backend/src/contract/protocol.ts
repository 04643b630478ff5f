/**
 * The wire contract between the backend and the SPA: REST DTOs, the Socket.io event maps and the
 * error codes. Types only: the frontend imports this file with `import type`, so nothing here may
 * emit runtime code.
 */

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
  | 'FORBIDDEN_HOST'
  | 'SERVER_SHUTTING_DOWN'
  /** An SFU token asked for a meeting the connection is not a member of. */
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

export interface PeerInfo {
  /** Server-assigned participant id (the socket id); stable for one connection. */
  id: string;
  displayName: string;
  joinedAt: string;
  media: MediaState;
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
  /** How this meeting's media flows right now; later changes arrive as `media-mode`. */
  mediaMode: MediaModeInfo;
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

export type LeaveReason = 'left' | 'disconnected';

export interface UserLeft {
  id: string;
  reason: LeaveReason;
}

export interface PeerUpdated {
  id: string;
  media: MediaState;
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
  /** A LiveKit token for the member's own meeting (mode 'sfu' only); ask again before `expiresAt`. */
  'sfu-token': (req: SfuTokenRequest, ack: AckFn<SfuTokenResult>) => void;
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
  /** The meeting moved to another media mode (today only mesh → sfu): switch make-before-break. */
  'media-mode': (msg: MediaModeInfo) => void;
}

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface InterServerEvents {}

export interface SocketData {
  meetingId?: string;
  displayName?: string;
  attendanceId?: string;
  joinedAt?: string;
  media?: MediaState;
}
