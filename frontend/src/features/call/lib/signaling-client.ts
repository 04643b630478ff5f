import type {
  Admission,
  ChatMessage,
  ChatSent,
  ClientToServerEvents,
  IceCandidateRelay,
  IceServersResult,
  JoinMeetingRequest,
  JoinMeetingResult,
  MediaModeInfo,
  MediaState,
  MeetingEnded,
  MeetingState,
  MutedByHost,
  PeerInfo,
  PeerUpdated,
  RemovedFromMeeting,
  RoleChanged,
  RTCIceCandidateLike,
  SdpRelay,
  SetCoHostRequest,
  SetLockedRequest,
  SetTitleRequest,
  ServerNotice,
  ServerToClientEvents,
  SfuTokenResult,
  TargetRequest,
  UserLeft,
  WaitingPerson,
} from '@contract/protocol';
import type { Socket } from 'socket.io-client';
import type { SessionErrorCode } from './session-state';
import { TypedEmitter } from './typed-emitter';

type MeetSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

const ACK_TIMEOUT_MS = 8_000;
const CONNECT_TIMEOUT_MS = 12_000;
/** Rejoin failures worth retrying (the server is starting up or briefly overloaded). */
const TRANSIENT: ReadonlySet<string> = new Set(['DATABASE_UNAVAILABLE', 'INTERNAL', 'RATE_LIMITED', 'ALREADY_IN_MEETING', 'TIMEOUT']);

/** A failed request with a stable code the UI can switch on. */
export class SignalingError extends Error {
  constructor(
    readonly code: SessionErrorCode | 'TIMEOUT',
    message: string,
  ) {
    super(message);
    this.name = 'SignalingError';
  }
}

export interface SignalingEvents {
  'user-joined': PeerInfo;
  'user-left': UserLeft;
  offer: SdpRelay;
  answer: SdpRelay;
  'ice-candidate': IceCandidateRelay;
  'peer-updated': PeerUpdated;
  'chat-message': ChatMessage;
  'server-notice': ServerNotice;
  /** The meeting moved to another media mode (mesh → sfu): switch make-before-break. */
  'media-mode': MediaModeInfo;
  /** The socket dropped while in a meeting; socket.io is reconnecting with backoff. */
  dropped: { reason: string };
  /** Reconnected and joined the same meeting again: new selfId, fresh peer list. */
  rejoined: JoinMeetingResult;
  'rejoin-failed': { code: SessionErrorCode; message: string };
  /** The connection dropped while we waited in a waiting room: the server forgot our knock. */
  'knock-lost': { reason: string };
  // Host controls (see host-controls.ts).
  'meeting-updated': MeetingState;
  'role-changed': RoleChanged;
  'waiting-room': { waiting: WaitingPerson[] };
  admission: Admission;
  'muted-by-host': MutedByHost;
  removed: RemovedFromMeeting;
  'meeting-ended': MeetingEnded;
}

const RELAYED = [
  'user-joined', 'user-left', 'offer', 'answer', 'ice-candidate', 'peer-updated', 'chat-message', 'server-notice', 'media-mode',
  'meeting-updated', 'role-changed', 'waiting-room', 'admission', 'muted-by-host', 'removed', 'meeting-ended',
] as const;

/** The host powers and what each sends (`null`: no payload). */
export interface HostCommands {
  'set-locked': SetLockedRequest;
  'set-title': SetTitleRequest;
  admit: TargetRequest;
  deny: TargetRequest;
  'remove-participant': TargetRequest;
  'mute-participant': TargetRequest;
  'mute-all': null;
  'end-meeting': null;
  'set-co-host': SetCoHostRequest;
}

/** What the call session needs from signaling (tests pass a fake). */
export type SessionSignaling = Pick<
  SignalingClient,
  'on' | 'idle' | 'connect' | 'join' | 'leave' | 'close' | 'updateMedia' | 'sendChat' | 'refreshIceServers' | 'sendDescription' | 'sendCandidate' | 'sfuToken' | 'hostCommand'
>;

/**
 * The Socket.io connection to the signaling server. socket.io-client is loaded on first use so it
 * stays out of the first page's bundle. After a drop it reconnects and rejoins the same meeting.
 */
export class SignalingClient extends TypedEmitter<SignalingEvents> {
  private socket: MeetSocket | null = null;
  /** The one socket this client opens; set before the import is awaited so callers share it. */
  private opening: Promise<MeetSocket> | null = null;
  private joinRequest: JoinMeetingRequest | null = null;
  /** Our seats in this meeting, newest last: a rejoin names them so our lingering old seat does not make our name taken. */
  private seats: string[] = [];
  private dropped = false;
  /** Our last join put us in a waiting room (a host's `admission` is due on this connection). */
  private knocking = false;
  private closed = false;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly url?: string) {
    super();
  }

  get connected(): boolean {
    return this.socket?.connected ?? false;
  }

  /** Opens the connection ahead of time (lobby), so joining later costs one round trip. */
  async connect(): Promise<void> {
    await this.waitConnected(await this.ensureSocket());
  }

  /** Not closed and not yet used for a meeting: a warmed-up connection `join` can take over. */
  get idle(): boolean {
    return !this.closed && this.joinRequest === null;
  }

  /** Connects (if needed) and joins; rejects with a SignalingError. */
  async join(request: JoinMeetingRequest): Promise<JoinMeetingResult> {
    const socket = await this.ensureSocket();
    await this.waitConnected(socket);
    let result: JoinMeetingResult;
    try {
      result = await this.emitJoin(socket, request);
    } catch (error) {
      this.knocking = error instanceof SignalingError && error.code === 'WAITING_FOR_HOST';
      throw error;
    }
    this.knocking = false;
    this.dropped = false;
    this.joinRequest = request;
    this.seats = [result.selfId];
    return result;
  }

  /** Lobby: short-lived STUN/TURN servers for a connection check before joining `meetingId`. */
  async checkConnection(meetingId: string): Promise<IceServersResult> {
    const socket = await this.ensureSocket();
    await this.waitConnected(socket);
    return this.ack(() => socket.timeout(ACK_TIMEOUT_MS).emitWithAck('check-connection', { meetingId }));
  }

  /** Keeps the rejoin request current (name and device state may change while in the meeting). */
  updateMedia(media: MediaState): void {
    if (this.joinRequest) this.joinRequest = { ...this.joinRequest, media };
    this.socket?.emit('media-state', media);
  }

  sendDescription(to: string, type: 'offer' | 'answer', sdp: string): void {
    this.socket?.emit(type, { to, sdp });
  }

  sendCandidate(to: string, candidate: RTCIceCandidateLike | null): void {
    this.socket?.emit('ice-candidate', { to, candidate });
  }

  /** Resolves once the server has taken the message; the message itself comes back as a `chat-message` event. */
  async sendChat(text: string): Promise<ChatSent> {
    const socket = this.requireSocket();
    const response = await this.ack(() => socket.timeout(ACK_TIMEOUT_MS).emitWithAck('chat-message', { text }));
    return { id: response.id, sentAt: response.sentAt };
  }

  async refreshIceServers(): Promise<IceServersResult> {
    const socket = this.requireSocket();
    return this.ack(() => socket.timeout(ACK_TIMEOUT_MS).emitWithAck('refresh-ice-servers'));
  }

  /** A LiveKit token for our own meeting while it is on the SFU (ask again before `expiresAt`). */
  async sfuToken(meetingId: string): Promise<SfuTokenResult> {
    const socket = this.requireSocket();
    return this.ack(() => socket.timeout(ACK_TIMEOUT_MS).emitWithAck('sfu-token', { meetingId }));
  }

  /** A host power; rejects with a SignalingError (FORBIDDEN, PEER_NOT_FOUND, ...) when refused. */
  async hostCommand<E extends keyof HostCommands>(event: E, payload: HostCommands[E]): Promise<void> {
    // One generic path for nine events: socket.io's typed emit cannot take a union of event names.
    const socket = this.requireSocket().timeout(ACK_TIMEOUT_MS) as unknown as {
      emitWithAck(event: string, ...args: unknown[]): Promise<{ ok: true } | { ok: false; error: { code: SessionErrorCode; message: string } }>;
    };
    await this.ack(() => (payload === null ? socket.emitWithAck(event) : socket.emitWithAck(event, payload)));
  }

  /** Says goodbye to the server (best effort) and closes the socket for good. */
  leave(): void {
    if (this.socket?.connected && this.joinRequest) this.socket.emit('leave-meeting');
    this.close();
  }

  close(): void {
    this.closed = true;
    this.joinRequest = null;
    clearTimeout(this.retryTimer);
    this.socket?.removeAllListeners();
    this.socket?.io.removeAllListeners();
    this.socket?.disconnect();
    this.socket = null;
    this.removeAllListeners();
  }

  /**
   * The lobby's warm-up and "Join now" can both ask before the lazy import resolves: they must share
   * one socket (checking `this.socket` alone would open two and leak one).
   */
  private ensureSocket(): Promise<MeetSocket> {
    this.opening ??= this.openSocket();
    return this.opening;
  }

  private async openSocket(): Promise<MeetSocket> {
    const { io } = await import('socket.io-client');
    if (this.closed) throw new SignalingError('CONNECTION_LOST', 'The connection was closed.');
    const socket: MeetSocket = io(this.url ?? '', {
      path: '/socket.io',
      // WebSocket first; fall back to long-polling where WebSockets are blocked.
      transports: ['websocket', 'polling'],
      tryAllTransports: true,
      reconnectionDelay: 500,
      reconnectionDelayMax: 5_000,
      timeout: 10_000,
    });
    for (const event of RELAYED) {
      socket.on(event, ((payload: never) => this.emit(event, payload)) as never);
    }
    socket.on('disconnect', (reason) => this.onDisconnect(socket, reason));
    socket.on('connect', () => this.onConnect(socket));
    this.socket = socket;
    return socket;
  }

  private waitConnected(socket: MeetSocket): Promise<void> {
    if (socket.connected) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        socket.off('connect', onConnect);
        reject(new SignalingError('CONNECTION_LOST', 'Could not reach the server.'));
      }, CONNECT_TIMEOUT_MS);
      const onConnect = () => {
        clearTimeout(timer);
        resolve();
      };
      socket.once('connect', onConnect);
    });
  }

  private async emitJoin(socket: MeetSocket, request: JoinMeetingRequest): Promise<JoinMeetingResult> {
    return this.ack(() => socket.timeout(ACK_TIMEOUT_MS).emitWithAck('join-meeting', request));
  }

  /** Unwraps an `{ok}` ack; a missing ack (timeout) becomes SignalingError('TIMEOUT'). */
  private async ack<T extends object>(send: () => Promise<({ ok: true } & T) | { ok: false; error: { code: SessionErrorCode; message: string } }>): Promise<T> {
    let response;
    try {
      response = await send();
    } catch {
      throw new SignalingError('TIMEOUT', 'The server did not answer in time.');
    }
    if (!response.ok) throw new SignalingError(response.error.code, response.error.message);
    return response;
  }

  private requireSocket(): MeetSocket {
    if (!this.socket?.connected) throw new SignalingError('CONNECTION_LOST', 'Not connected.');
    return this.socket;
  }

  private onDisconnect(socket: MeetSocket, reason: string): void {
    if (!this.closed && this.knocking) {
      this.knocking = false;
      this.emit('knock-lost', { reason });
      return;
    }
    if (this.closed || !this.joinRequest) return;
    this.dropped = true;
    this.emit('dropped', { reason });
    // A server-side disconnect (e.g. shutting down) does not auto-reconnect in socket.io.
    if (reason === 'io server disconnect') {
      clearTimeout(this.retryTimer);
      this.retryTimer = setTimeout(() => socket.connect(), 1_000);
    }
  }

  private onConnect(socket: MeetSocket): void {
    if (!this.dropped || !this.joinRequest || this.closed) return;
    void this.rejoin(socket, 0);
  }

  private async rejoin(socket: MeetSocket, attempt: number): Promise<void> {
    const request = this.joinRequest;
    if (!request || this.closed || !socket.connected) return;
    try {
      const result = await this.emitJoin(socket, { ...request, replaces: this.seats });
      // Only the newest few matter (the server accepts at most 4): a flapping network can't grow this.
      this.seats = [...this.seats, result.selfId].slice(-4);
      this.dropped = false;
      this.emit('rejoined', result);
    } catch (error) {
      const code = error instanceof SignalingError ? error.code : 'INTERNAL';
      // A locked meeting took our lost seat for a newcomer's knock: a host's `admission` is due here.
      this.knocking = code === 'WAITING_FOR_HOST';
      if (TRANSIENT.has(code) && attempt < 8) {
        clearTimeout(this.retryTimer);
        this.retryTimer = setTimeout(() => void this.rejoin(socket, attempt + 1), Math.min(500 * 2 ** attempt, 5_000));
        return;
      }
      const message = error instanceof Error ? error.message : 'Could not rejoin the meeting.';
      this.emit('rejoin-failed', { code: code === 'TIMEOUT' ? 'CONNECTION_LOST' : code, message });
    }
  }
}
