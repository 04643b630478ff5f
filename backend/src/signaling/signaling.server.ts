import type { Server as HttpServer } from 'node:http';
import { RateLimiterMemory } from 'rate-limiter-flexible';
import { Server, type ServerOptions, type Socket } from 'socket.io';
import { isOriginAllowed } from '../app.js';
import type { Config } from '../config.js';
import { isDbUnavailableError } from '../lib/db.js';
import { clientAddress, compileTrustProxy } from '../lib/http.js';
import type { Logger } from '../lib/logger.js';
import type { AttendanceRecorder } from '../meetings/attendance.service.js';
import type { MeetingService } from '../meetings/meeting.service.js';
import type {
  AckError,
  ClientToServerEvents,
  ErrorCode,
  InterServerEvents,
  ServerToClientEvents,
  SocketData,
} from '../contract/protocol.js';
import { ChatHistory, type ChatStore } from './chat-history.js';
import type { Presence } from './presence.js';
import { registerMeetingHandlers } from './meeting.handlers.js';
import { registerPreflightHandlers } from './preflight.handlers.js';
import { RemoteMemberCache } from './member-cache.js';
import { registerRelayHandlers } from './relay.handlers.js';

export type IoServer = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
export type IoSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

export interface SignalingDeps {
  config: Config;
  logger: Logger;
  meetings: MeetingService;
  attendance: AttendanceRecorder;
  presence: Presence;
  /** Set when several instances share signaling (Redis); default: in memory, one process. */
  adapter?: ServerOptions['adapter'];
  chat?: ChatStore;
}

/** Everything a handler needs, built once per server. */
export interface SignalingContext extends SignalingDeps {
  io: IoServer;
  chat: ChatStore;
  joinLimiter: RateLimiterMemory;
  /** Members on other instances, for relays (see `RemoteMemberCache`). */
  remoteMembers: RemoteMemberCache;
  /** A member left this meeting (or was purged): every instance forgets it. */
  memberLeft(meetingId: string, peerId: string): void;
}

export const roomOf = (meetingId: string) => `m:${meetingId}`;
/** One member's room within one meeting: relays go here, so they reach it only while it is in. */
export const memberRoomOf = (meetingId: string, peerId: string) => `m:${meetingId}:${peerId}`;

export function ackError(code: ErrorCode, message: string): AckError {
  return { ok: false, error: { code, message } };
}

/** Maps a handler failure to an ack; never lets it escape to crash the process. */
export function failureAck(err: unknown, logger: Logger): AckError {
  if (isDbUnavailableError(err)) return ackError('DATABASE_UNAVAILABLE', 'The database is unavailable; try again in a moment.');
  logger.error({ err }, 'signaling handler failed');
  return ackError('INTERNAL', 'Something went wrong on our side.');
}

/** Calls `ack` only when the client asked for one (relay events may be fire-and-forget). */
export function reply<T>(ack: unknown, response: T): void {
  if (typeof ack === 'function') (ack as (r: T) => void)(response);
}

/**
 * Runs a listener so that nothing it throws, sync or async, escapes: the sender gets an error
 * ack (the ack is always last, see `normalizePacket`) and the process keeps serving everyone else.
 */
export function guard(listener: (...args: unknown[]) => unknown, logger: Logger): (...args: unknown[]) => void {
  return (...args) => {
    const ack = args.at(-1);
    try {
      const result = listener(...args);
      if (result instanceof Promise) result.catch((err: unknown) => reply(ack, failureAck(err, logger)));
    } catch (err) {
      reply(ack, failureAck(err, logger));
    }
  };
}

/** Events whose only argument is the ack. */
const ACK_ONLY_EVENTS = new Set(['leave-meeting', 'refresh-ice-servers']);

/**
 * Clients may send too few or too many arguments. Reshapes the packet in place to
 * `[event, payload, ack]` (`[event, ack]` for ack-only events), so every handler finds its ack
 * where it expects it and extra arguments never reach it. Returns the ack, if any.
 */
export function normalizePacket(packet: unknown[]): unknown {
  const last = packet.length > 1 ? packet.at(-1) : undefined;
  const ack = typeof last === 'function' ? last : undefined;
  const payload = packet.length > (ack ? 2 : 1) ? packet[1] : undefined;
  packet.splice(1, packet.length - 1, ...(ACK_ONLY_EVENTS.has(packet[0] as string) ? [ack] : [payload, ack]));
  return ack;
}

/** Attaches Socket.io to `httpServer` with the meeting and relay handlers. */
export function createSignaling(httpServer: HttpServer, deps: SignalingDeps) {
  const { config, logger } = deps;
  const io: IoServer = new Server(httpServer, {
    // Large enough for SDP of a full mesh, small enough that a flood of junk costs little.
    maxHttpBufferSize: 64 * 1024,
    // A closed tab usually says goodbye; a dead one is noticed within ~10 s.
    pingInterval: 5000,
    pingTimeout: 5000,
    serveClient: false,
    ...(deps.adapter ? { adapter: deps.adapter } : {}),
    // WebSockets ignore CORS, so the handshake checks Origin itself.
    allowRequest: (req, callback) => {
      const ok = isOriginAllowed(req.headers.origin, req.headers.host, config.http.corsOrigins);
      if (!ok) logger.warn({ origin: req.headers.origin }, 'socket handshake from a forbidden origin');
      callback(ok ? null : 'FORBIDDEN_ORIGIN', ok);
    },
  });

  const remoteMembers = new RemoteMemberCache(deps.presence);
  const ctx: SignalingContext = {
    ...deps,
    io,
    chat: deps.chat ?? new ChatHistory(),
    joinLimiter: new RateLimiterMemory({ points: config.rateLimits.joinsPerMinute, duration: 60 }),
    remoteMembers,
    memberLeft: (meetingId, peerId) => {
      remoteMembers.forget(meetingId, peerId);
      // The in-memory adapter has no other instances (and warns on serverSideEmit).
      if (deps.adapter) io.serverSideEmit('member-left', meetingId, peerId);
    },
  };
  io.on('member-left', (meetingId, peerId) => remoteMembers.forget(meetingId, peerId));
  const eventLimiter = new RateLimiterMemory({ points: config.rateLimits.socketEventsPerSecond, duration: 1 });

  // A shared presence drops members of dead instances, and ours if we fell silent too long.
  deps.presence.watch?.({
    // Exactly one instance purges each dead member, so it alone tells the meeting and closes the
    // member's attendance record (the crashed instance cannot).
    expired: (meetingId, ids) => {
      for (const id of ids) {
        io.to(roomOf(meetingId)).emit('user-left', { id, reason: 'disconnected' });
        ctx.memberLeft(meetingId, id);
      }
      deps.attendance.closeMembers(meetingId, ids, 'server-lost');
    },
    // The client rejoins after a server-side disconnect; its old seat was already announced as left.
    lost: (_meetingId, ids) => io.local.in(ids).disconnectSockets(true),
  });

  // Behind a reverse proxy every socket comes from the proxy: resolve the client's address with
  // the same TRUST_PROXY rule as the REST routes, so the per-address join limit stays per client.
  const trustProxy = compileTrustProxy(config.http.trustProxy);
  io.use((socket, next) => {
    socket.handshake.address = clientAddress(socket.request, trustProxy);
    next();
  });

  io.on('connection', (socket) => {
    // Every listener registered below runs guarded: one bad event must never crash the process.
    const on = socket.on.bind(socket) as (event: string, listener: (...args: unknown[]) => unknown) => IoSocket;
    socket.on = ((event: string, listener: (...args: unknown[]) => unknown) => on(event, guard(listener, logger))) as IoSocket['on'];
    // Per-connection event budget: a flooding client gets RATE_LIMITED acks, others are unaffected.
    socket.use((packet, next) => {
      const ack = normalizePacket(packet);
      eventLimiter.consume(socket.id).then(
        () => {
          // 'error' is the socket's own error event: a client must not be able to raise it.
          if (packet[0] === 'error' || socket.listenerCount(packet[0]) === 0) {
            reply(ack, ackError('VALIDATION_FAILED', 'Unknown event.'));
            return;
          }
          next();
        },
        () => reply(ack, ackError('RATE_LIMITED', 'Too many messages; slow down.')),
      );
    });
    registerMeetingHandlers(ctx, socket);
    registerRelayHandlers(ctx, socket);
    registerPreflightHandlers(ctx, socket);
    socket.on('error', (err) => logger.debug({ err: err.message }, 'socket error'));
  });

  return {
    io,
    /** Tells every client the server is going away, so they reconnect elsewhere or later. */
    notifyShutdown(): void {
      // Local only: with the Redis adapter a plain emit would reach every instance's clients, and
      // would wait for Redis before reaching ours (by then closed).
      io.local.emit('server-notice', { code: 'SERVER_SHUTTING_DOWN', message: 'The server is restarting; reconnecting shortly.' });
    },
    async close(): Promise<void> {
      await new Promise<void>((resolve) => io.close(() => resolve()));
    },
  };
}

export type Signaling = ReturnType<typeof createSignaling>;
