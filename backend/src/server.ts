import type { Duplex } from 'node:stream';
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from './app.js';
import type { Config } from './config.js';
import { capConnectionsPerAddress } from './lib/connection-caps.js';
import { compileTrustProxy } from './lib/http.js';
import { closeSilentConnections, httpServerOptions } from './lib/http-timeouts.js';
import type { Logger } from './lib/logger.js';
import { AttendanceRecorder } from './meetings/attendance.service.js';
import { MeetingService } from './meetings/meeting.service.js';
import { MemoryPresence, type Presence } from './signaling/presence.js';
import { connectRedis } from './signaling/redis-scale-out.js';
import { roomOf } from './signaling/context.js';
import { createSignaling, type Signaling } from './signaling/signaling.server.js';
import { setupSfu, type SfuSetup } from './sfu/sfu-setup.js';
import { createSocketLimiters } from './signaling/socket-limiters.js';

export interface RunningServer {
  httpServer: HttpServer;
  signaling: Signaling;
  attendance: AttendanceRecorder;
  presence: Presence;
  meetings: MeetingService;
  sfu: SfuSetup;
  port: number;
  url: string;
  /** Stops accepting, tells clients, closes sockets; leaves MongoDB to the caller. */
  close(): Promise<void>;
}

/**
 * Wires the app, signaling and services onto one HTTP server and listens. MongoDB must already
 * be connected (or connecting): this is what `index.ts` and the tests share. With
 * `config.redisUrl`, presence, chat history, the join rate limit and Socket.io broadcasts go through Redis so that
 * several instances serve one site (docs/scaling.md); a `presence` passed in wins.
 */
export async function startServer(config: Config, logger: Logger, givenPresence?: Presence): Promise<RunningServer> {
  const redis = config.redisUrl ? await connectRedis(config.redisUrl, config.redisPresenceLeaseMs, logger) : undefined;
  const presence = givenPresence ?? redis?.presence ?? new MemoryPresence();
  const attendance = new AttendanceRecorder(logger);
  const sfu = setupSfu(config, logger, presence, redis);
  const meetings = new MeetingService({
    ttlDays: config.meetings.ttlDays,
    maxParticipants: config.meetings.maxParticipants,
    participantCount: (id) => presence.count(id),
    mediaMode: async (id) => (await sfu.media.current(id)).mode,
    cache: { ttlMs: config.meetings.cacheTtlMs },
  });
  const app = createApp({ config, logger, meetings, livekitWebhook: sfu.webhook });
  const httpServer = createServer(httpServerOptions(config), app);
  closeSilentConnections(httpServer, config.http.timeouts.headersMs);
  // WebSockets leave the HTTP server's own bookkeeping once upgraded: tracked here for shutdown.
  const upgraded = new Set<Duplex>();
  httpServer.on('upgrade', (_req, socket: Duplex) => {
    upgraded.add(socket);
    socket.once('close', () => upgraded.delete(socket));
  });
  capConnectionsPerAddress(httpServer, config.connections.perAddress, compileTrustProxy(config.http.trustProxy), logger);
  const signaling = createSignaling(httpServer, {
    config,
    logger,
    meetings,
    attendance,
    presence,
    media: sfu.media,
    adapter: redis?.adapter,
    chat: redis?.chat,
    ...(redis ? { inbox: redis.inbox } : {}),
    limiters: createSocketLimiters(config.rateLimits, redis?.client),
  });
  sfu.bind(signaling.io, roomOf);
  await redis?.ready();

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(config.port, config.host, () => {
      httpServer.off('error', reject);
      resolve();
    });
  });
  const port = (httpServer.address() as AddressInfo).port;

  let closing: Promise<void> | undefined;
  return {
    httpServer,
    signaling,
    attendance,
    presence,
    meetings,
    sfu,
    port,
    url: `http://127.0.0.1:${port}`,
    close() {
      closing ??= (async () => {
        signaling.notifyShutdown();
        // io.close() disconnects every socket (their disconnect handlers close attendance) and
        // closes the HTTP server, which waits for every connection to end: a keep-alive
        // connection, or a busy page slow to answer the WebSocket close handshake (up to 30 s),
        // would hold the shutdown past its deadline. The goodbyes are out: cut what is left.
        const closed = signaling.close();
        await Promise.race([closed, new Promise((r) => setTimeout(r, 500).unref())]);
        httpServer.closeAllConnections();
        for (const socket of upgraded) socket.destroy();
        await closed;
        await Promise.race([attendance.drained(), new Promise((r) => setTimeout(r, 2000).unref())]);
        attendance.stop();
        await presence.close();
        await redis?.presence.close();
        await redis?.close();
      })();
      return closing;
    },
  };
}
