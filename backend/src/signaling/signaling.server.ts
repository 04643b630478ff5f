import type { Server as HttpServer } from 'node:http';
import { Server } from 'socket.io';
import { addressKey } from '../lib/address-key.js';
import { errors } from '../lib/errors.js';
import { clientAddress, compileTrustProxy } from '../lib/http.js';
import { errorAck, guard, reply } from './acks.js';
import { ChatHistory } from './chat-history.js';
import { roomOf, type IoServer, type IoSocket, type SignalingContext, type SignalingDeps } from './context.js';
import { createReactionLimiter, registerHandHandlers } from './hands.handlers.js';
import { registerHostHandlers } from './host.handlers.js';
import { registerMeetingHandlers } from './meeting.handlers.js';
import { RemoteMemberCache } from './member-cache.js';
import { normalizePacket } from './packet.js';
import { registerPreflightHandlers } from './preflight.handlers.js';
import { registerRecordingHandlers } from './recording.handlers.js';
import { registerRelayHandlers } from './relay.handlers.js';
import { registerSfuHandlers } from '../sfu/sfu.handlers.js';
import { spendEvent } from './event-budget.js';
import { closeNow } from './outbound-buffer.js';
import { createSocketLimiters } from './socket-limiters.js';
import { transportGuards } from './transport-guards.js';

/** Attaches Socket.io to `httpServer` with the meeting and relay handlers. */
export function createSignaling(httpServer: HttpServer, deps: SignalingDeps) {
  const { config, logger } = deps;
  const trustProxy = compileTrustProxy(config.http.trustProxy);
  // Host and Origin on the handshake, sessions per address, outbound bound, ids (issue 15).
  const guards = transportGuards(config, logger, trustProxy);
  const io: IoServer = new Server(httpServer, {
    // Large enough for SDP of a full mesh, small enough that a flood of junk costs little.
    maxHttpBufferSize: 64 * 1024,
    // A closed tab usually says goodbye; a dead one is noticed within ~10 s.
    pingInterval: 5000,
    pingTimeout: 5000,
    serveClient: false,
    ...(deps.adapter ? { adapter: deps.adapter } : {}),
    // WebSockets ignore CORS, so the handshake checks Host and Origin itself.
    allowRequest: (req, callback) => {
      const refused = guards.refuseHandshake(req);
      callback(refused, refused === null);
    },
  });
  guards.install(io.engine);

  const remoteMembers = new RemoteMemberCache(deps.presence);
  const ctx: SignalingContext = {
    ...deps,
    io,
    chat: deps.chat ?? new ChatHistory(100, config.chatHistoryMaxBytes),
    limiters: deps.limiters ?? createSocketLimiters(config.rateLimits),
    remoteMembers,
    memberLeft: (meetingId, peerId) => {
      remoteMembers.forget(meetingId, peerId);
      // The in-memory adapter has no other instances (and warns on serverSideEmit).
      if (deps.adapter) io.serverSideEmit('member-left', meetingId, peerId);
    },
  };
  io.on('member-left', (meetingId, peerId) => remoteMembers.forget(meetingId, peerId));
  const reactions = createReactionLimiter();
  // Relays addressed to this instance: to the member's room here, not through the adapter.
  deps.inbox?.onPacket((room, event, data) => io.local.to(room).emit(event as 'offer', data as never));

  // A shared presence drops members of dead instances, and ours if we fell silent too long.
  deps.presence.watch?.({
    // Exactly one instance purges each dead member, so it alone tells the meeting, makes every
    // instance forget it, and closes its attendance record (the crashed instance cannot).
    expired: (meetingId, ids) => {
      for (const id of ids) {
        io.to(roomOf(meetingId)).emit('user-left', { id, reason: 'disconnected' });
        ctx.memberLeft(meetingId, id);
        void deps.media.left(meetingId, id);
      }
      deps.attendance.closeMembers(meetingId, ids, 'server-lost');
    },
    // The client rejoins after a server-side disconnect; its old seat was already announced as left.
    lost: (_meetingId, ids) => io.local.in(ids).disconnectSockets(true),
  });

  // Behind a reverse proxy every socket comes from the proxy: resolve the client's address with
  // the same TRUST_PROXY rule as the REST routes, so the per-address join limit stays per client.
  io.use((socket, next) => {
    // Per-address limits count IPv6 clients by /56, as the REST limits do.
    socket.handshake.address = addressKey(clientAddress(socket.request, trustProxy));
    next();
  });

  io.on('connection', (socket) => {
    // Every listener registered below runs guarded: whatever it throws becomes the sender's error
    // ack (acks.ts), and one bad event never crashes the process.
    const on = socket.on.bind(socket) as (event: string, listener: (...args: unknown[]) => unknown) => IoSocket;
    socket.on = ((event: string, listener: (...args: unknown[]) => unknown) => on(event, guard(listener, logger))) as IoSocket['on'];
    // Per-connection event budget: a flooding client gets RATE_LIMITED acks, others are unaffected;
    // one far over it is closed instead (event-budget.ts).
    socket.use((packet, next) => {
      const ack = normalizePacket(packet);
      void spendEvent(ctx.limiters.events, socket.id, config.rateLimits.socketEventsPerSecond).then((verdict) => {
        if (verdict === 'abuse') {
          if (socket.connected) logger.warn({ peerId: socket.id }, 'closing a connection sending far over its event budget');
          guards.penalize(socket.handshake.address);
          closeNow(socket.conn as never);
          return;
        }
        if (verdict === 'over') return reply(ack, errorAck(errors.rateLimited('Too many messages; slow down.'), logger));
        // 'error' is the socket's own error event: a client must not be able to raise it.
        if (packet[0] === 'error' || socket.listenerCount(packet[0]) === 0) {
          reply(ack, errorAck(errors.validation('Unknown event.'), logger));
          return;
        }
        next();
      });
    });
    registerMeetingHandlers(ctx, socket);
    registerRelayHandlers(ctx, socket);
    registerHostHandlers(ctx, socket);
    registerHandHandlers(ctx, socket, reactions);
    registerPreflightHandlers(ctx, socket);
    registerSfuHandlers(ctx, socket);
    registerRecordingHandlers(ctx, socket);
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
