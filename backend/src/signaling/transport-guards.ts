import type { IncomingMessage } from 'node:http';
import type { Config } from '../config.js';
import { addressKey } from '../lib/address-key.js';
import { allowedOrigins, hostAllowlist } from '../lib/allowed-hosts.js';
import { AddressCounter } from '../lib/connection-caps.js';
import { clientAddress, type TrustProxyFn } from '../lib/http.js';
import type { Logger } from '../lib/logger.js';
import { isOriginAllowed } from '../lib/origin.js';
import { boundOutboundBuffer, closeNow, type EngineConnection } from './outbound-buffer.js';
import { useOpaqueSocketIds } from './opaque-ids.js';

/** The engine.io server events used here (its own typings do not declare them). */
interface EngineServer {
  on(event: 'connection', fn: (conn: EngineConnection & { request: IncomingMessage }) => void): unknown;
  on(event: 'headers' | 'initial_headers', fn: (headers: Record<string, string>, req: IncomingMessage) => void): unknown;
}

export interface TransportGuards {
  /** For `allowRequest`: null when the handshake may proceed, else the reason it may not. */
  refuseHandshake(req: IncomingMessage): string | null;
  /** Call with `io.engine` once. */
  install(engine: unknown): void;
  /** Live Socket.io sessions per client address (tests, metrics). */
  sessions: AddressCounter;
  /**
   * Refuses new handshakes from `addressKey` for a while: an address whose connection was closed
   * for flooding (far past its event budget) would otherwise reconnect at once and make the
   * server parse the next flood.
   */
  penalize(addressKey: string): void;
}

/** How long an address whose connection was closed for abuse waits before it may connect again. */
export const PENALTY_MS = 10_000;

/**
 * What every Socket.io connection must pass and may hold, on both transports: the handshake's
 * Host and Origin (DNS rebinding, cross-site pages), a cap on live sessions per client address,
 * a bounded outbound buffer, `nosniff` on polling responses, and ids that reveal nothing.
 */
export function transportGuards(config: Config, logger: Logger, trust: TrustProxyFn): TransportGuards {
  const hostAllowed = hostAllowlist(config);
  const origins = allowedOrigins(config);
  const sessions = new AddressCounter(config.connections.perAddress);
  const keyOf = (req: IncomingMessage) => addressKey(clientAddress(req, trust));
  const penalties = new Map<string, number>();
  const penalized = (key: string): boolean => {
    const until = penalties.get(key);
    if (until === undefined) return false;
    if (until > Date.now()) return true;
    penalties.delete(key);
    return false;
  };
  const penalize = (key: string): void => {
    // Bounded: expired entries go first; past 10,000 live ones the oldest is forgotten.
    if (penalties.size >= 10_000) for (const k of penalties.keys()) if (!penalized(k)) break;
    if (penalties.size >= 10_000) penalties.delete(penalties.keys().next().value!);
    penalties.delete(key);
    penalties.set(key, Date.now() + PENALTY_MS);
  };
  useOpaqueSocketIds();

  return {
    sessions,
    penalize,
    refuseHandshake(req) {
      const { host, origin } = req.headers;
      if (!hostAllowed(host)) {
        logger.warn({ host, origin }, 'socket handshake for a host this server does not serve (set PUBLIC_ORIGIN or ALLOWED_HOSTS)');
        return 'FORBIDDEN_HOST';
      }
      if (!isOriginAllowed(origin, host, origins)) {
        logger.warn({ origin }, 'socket handshake from a forbidden origin');
        return 'FORBIDDEN_ORIGIN';
      }
      const key = keyOf(req);
      if (penalized(key)) return 'TRY_LATER';
      if (sessions.count(key) >= sessions.cap) return 'TOO_MANY_CONNECTIONS';
      return null;
    },
    install(engine) {
      const e = engine as EngineServer;
      e.on('connection', (conn) => {
        // Counted here, where a session exists and will surely emit 'close'; `refuseHandshake`
        // only pre-checks, so handshakes racing past it are closed at once.
        const key = keyOf(conn.request);
        if (!sessions.tryAdd(key)) {
          logger.warn({ address: key, cap: sessions.cap }, 'socket session cap reached for an address; closing the newest');
          closeNow(conn);
          return;
        }
        conn.on('close', () => sessions.release(key));
        // No penalty here: a slow reader may be one person on a bad network behind a shared NAT.
        boundOutboundBuffer(conn, config.connections.outboundBufferBytes, logger);
      });
      const nosniff = (headers: Record<string, string>) => {
        headers['X-Content-Type-Options'] = 'nosniff';
      };
      // 'headers' covers every engine.io response, the handshake included.
      e.on('headers', nosniff);
    },
  };
}
