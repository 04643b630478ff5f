import { io as connect, type Socket } from 'socket.io-client';
import { loadConfig, type Config } from '../config.js';
import { createLogger } from '../lib/logger.js';
import type { Ack, ClientToServerEvents, JoinMeetingResult, ServerToClientEvents } from '../contract/protocol.js';
import { startServer, type RunningServer } from '../server.js';

export type TestClient = Socket<ServerToClientEvents, ClientToServerEvents>;

/** Test configuration: port 0, quiet logs, overrides on top. */
export function testConfig(env: Record<string, string> = {}): Config {
  return loadConfig({
    NODE_ENV: 'test',
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'silent',
    // Every test client comes from 127.0.0.1; the rate-limit tests set their own limits.
    RATE_LIMIT_JOINS_PER_MINUTE: '100000',
    RATE_LIMIT_CREATE_PER_MINUTE: '100000',
    RATE_LIMIT_LOOKUP_PER_MINUTE: '100000',
    RATE_LIMIT_CONNECTION_CHECKS_PER_MINUTE: '100000',
    MAX_CONNECTIONS_PER_ADDRESS: '100000',
    ...env,
  });
}

export async function startTestServer(env: Record<string, string> = {}): Promise<RunningServer> {
  const config = testConfig(env);
  return startServer(config, createLogger(config.logLevel));
}

/** A connected socket.io-client (websocket only, no reconnection) to `server`. */
export async function connectClient(
  server: RunningServer,
  opts: { origin?: string; headers?: Record<string, string> } = {},
): Promise<TestClient> {
  const socket: TestClient = connect(server.url, {
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    extraHeaders: { ...opts.headers, ...(opts.origin ? { origin: opts.origin } : {}) },
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  return socket;
}

/** Emits with an ack and a timeout, resolving to the ack. */
export function request<T extends object = object>(socket: TestClient, event: string, ...args: unknown[]): Promise<Ack<T>> {
  // The typed emit cannot express "any event" generically; tests also send deliberately bad payloads.
  const untyped = socket as unknown as { timeout(ms: number): { emitWithAck(ev: string, ...a: unknown[]): Promise<Ack<T>> } };
  return untyped.timeout(3000).emitWithAck(event, ...args);
}

/** `join-meeting` with `extra` fields (hostKey, rejoin...); the ack as it came. */
export async function join(socket: TestClient, meetingId: string, displayName: string, extra: object = {}): Promise<Ack<JoinMeetingResult>> {
  return request<JoinMeetingResult>(socket, 'join-meeting', { meetingId, displayName, ...extra });
}

/** {@link join} that must succeed: throws with the ack otherwise. */
export async function mustJoin(socket: TestClient, meetingId: string, displayName: string, extra: object = {}): Promise<{ ok: true } & JoinMeetingResult> {
  const ack = await join(socket, meetingId, displayName, extra);
  if (!ack.ok) throw new Error(`join failed: ${JSON.stringify(ack)}`);
  return ack;
}

/** Resolves with the next `event` payload, or rejects after `ms`. */
export function nextEvent<T>(socket: TestClient, event: string, ms = 3000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out waiting for ${event}`)), ms);
    (socket as unknown as { once(e: string, cb: (p: T) => void): void }).once(event, (payload: T) => {
      clearTimeout(timer);
      resolve(payload);
    });
  });
}

/** Collects every `event` payload a socket receives, for "never delivered" assertions. */
export function record<T>(socket: TestClient, event: string): T[] {
  const seen: T[] = [];
  (socket as unknown as { on(e: string, cb: (p: T) => void): void }).on(event, (p: T) => seen.push(p));
  return seen;
}

/** The clients one test file opens against a server, closed together after each test. */
export class ClientPool {
  private readonly open: TestClient[] = [];

  constructor(private readonly server: () => RunningServer) {}

  /** Connects a new client and remembers it for `closeAll`. */
  readonly connect = async (opts: Parameters<typeof connectClient>[1] = {}): Promise<TestClient> => {
    const c = await connectClient(this.server(), opts);
    this.open.push(c);
    return c;
  };

  closeAll(): void {
    for (const c of this.open.splice(0)) c.disconnect();
  }
}

/** Narrows an ack to its success shape; fails the test with the whole ack when it is an error. */
export function ok<T extends object>(ack: { ok: boolean }): asserts ack is { ok: true } & T {
  if (!ack.ok) throw new Error(`expected ok ack, got ${JSON.stringify(ack)}`);
}
