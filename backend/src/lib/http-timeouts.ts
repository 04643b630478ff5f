import type { Server as HttpServer, ServerOptions } from 'node:http';
import type { Socket } from 'node:net';
import type { Config } from '../config.js';

/**
 * Node's defaults hold a connection that sends nothing, or its headers slowly, for 60 s (plus up
 * to 30 s until the next check) and a slow body for 300 s: cheap for an attacker, a file
 * descriptor each for us. Ours: headers within `headersMs`, the whole request within
 * `requestMs`, idle keep-alive connections closed after `keepAliveMs`, checked every second.
 * Upgraded WebSockets are not affected (Socket.io's ping timeout watches those).
 */
export function httpServerOptions(config: Config): ServerOptions {
  const { headersMs, requestMs, keepAliveMs } = config.http.timeouts;
  return {
    headersTimeout: headersMs,
    requestTimeout: Math.max(requestMs, headersMs),
    keepAliveTimeout: keepAliveMs,
    connectionsCheckingInterval: 1000,
  };
}

/**
 * Node applies `headersTimeout` only once a request's first bytes arrive: a connection that sends
 * nothing at all is held forever (one file descriptor each, the cheapest flood there is). Such a
 * connection gets `ms` to say something; the first byte hands it over to Node's own timeouts.
 */
export function closeSilentConnections(server: HttpServer, ms: number): void {
  server.on('connection', (socket: Socket) => {
    socket.setTimeout(ms);
    socket.once('data', () => socket.setTimeout(0));
  });
}
