import type { Server as HttpServer } from 'node:http';
import { RateLimiterMemory } from 'rate-limiter-flexible';
import { Server, type ServerOptions, type Socket } from 'socket.io';
import { isOriginAllowed } from '../app.js';
import type { Config } from '../config.js';
import { isDbUnavailableError } from '../lib/db.js';
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
} from '../protocol.js';
import { ChatHistory, type ChatStore } from './chat-history.js';
import type { Presence } from './presence.js';
import { registerMeetingHandlers } from './meeting.handlers.js';
import { registerPreflightHandlers } from './preflight.handlers.js';
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
}

export const roomOf = (meetingId: string) => `m:${meetingId}`;

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

  const ctx: SignalingContext = {
    ...deps,
    io,
    chat: deps.chat ?? new ChatHistory(),
    joinLimiter: new RateLimiterMemory({ points: config.rateLimits.joinsPerMinute, duration: 60 }),
  };
  const eventLimiter = new RateLimiterMemory({ points: config.rateLimits.socketEventsPerSecond, duration: 1 });

  // A shared presence drops members of dead instances, and ours if we fell silent too long.
  deps.presence.watch?.({
    expired: (meetingId, ids) => {
      for (const id of ids) io.to(roomOf(meetingId)).emit('user-left', { id, reason: 'disconnected' });
    },
    // The client rejoins after a server-side disconnect; its old seat was already announced as left.
    lost: (_meetingId, ids) => io.local.in(ids).disconnectSockets(true),
  });

  io.on('connection', (socket) => {
    // Per-connection event budget: a flooding client gets RATE_LIMITED acks, others are unaffected.
    socket.use((packet, next) => {
      eventLimiter.consume(socket.id).then(
        () => next(),
        () => {
          const ack = packet.at(-1);
          reply(ack, ackError('RATE_LIMITED', 'Too many messages; slow down.'));
        },
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
