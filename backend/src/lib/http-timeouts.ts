import type { ServerOptions } from 'node:http';
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
