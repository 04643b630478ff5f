import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { freePort } from '../../../testkit/ports';

/** One client connection the balancer accepted, and where it went. */
export interface BalancedConnection {
  /** Port of the backend that carries it (after failover), or null if every backend refused. */
  backend: number | null;
  /** Backends tried first that refused the connection (dead ones). */
  refused: number[];
  /** The client's first request line, e.g. `GET /socket.io/?EIO=4&transport=websocket HTTP/1.1`. */
  requestLine: string;
  /**
   * The Socket.io id the server handed out on this connection (read from its CONNECT packet,
   * `40{"sid":"…"}`), i.e. the participant's `selfId`. Readable because server-to-client
   * WebSocket frames are unmasked and the backend leaves perMessageDeflate off.
   */
  socketId: string | null;
}

/** Bytes of the server's side of a connection searched for the Socket.io CONNECT packet. */
const SNIFF_LIMIT = 8192;
// Not the Engine.IO handshake `0{"sid":"…","upgrades":…}`, whose frame length byte can read "4".
const SOCKET_IO_CONNECT = /40\{"sid":"([^"]+)"(?!,"upgrades")/;

/**
 * A TCP load balancer for the scale-out test. No stickiness, no HTTP parsing: each accepted
 * connection goes to `target`, or, if that backend refuses (it crashed), to the next backend in
 * the list. The test switches `target` between page loads to place people on chosen instances,
 * and reads `connections` to prove where each WebSocket landed.
 */
export class TcpBalancer {
  port = 0;
  readonly connections: BalancedConnection[] = [];
  private server: Server | undefined;
  private readonly open = new Set<Socket>();
  /** Both sides of each accepted connection, so a test can cut one (a network drop). */
  private readonly sides = new Map<BalancedConnection, Socket[]>();

  constructor(
    private readonly backends: number[],
    public target: number = backends[0] ?? 0,
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Socket.io WebSocket connections (the SPA's signaling), in the order they were accepted. */
  webSockets(): BalancedConnection[] {
    return this.connections.filter((c) => c.requestLine.includes('/socket.io/') && c.requestLine.includes('transport=websocket'));
  }

  async start(): Promise<void> {
    this.port = await freePort();
    this.server = createServer((client) => this.accept(client));
    await new Promise<void>((resolve, reject) => {
      this.server?.once('error', reject);
      this.server?.listen(this.port, '127.0.0.1', () => resolve());
    });
  }

  async stop(): Promise<void> {
    for (const socket of this.open) socket.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /**
   * Cuts the WebSocket that carries Socket.io id `socketId`, both ways at once, as a network drop
   * does; the page's Socket.io client reconnects through the balancer. False if there is none.
   */
  cut(socketId: string): boolean {
    const record = this.webSockets().find((c) => c.socketId === socketId);
    const sockets = record ? this.sides.get(record) : undefined;
    for (const socket of sockets ?? []) socket.destroy();
    return !!sockets;
  }

  private track(socket: Socket): void {
    this.open.add(socket);
    socket.once('close', () => this.open.delete(socket));
  }

  private accept(client: Socket): void {
    this.track(client);
    const record: BalancedConnection = { backend: null, refused: [], requestLine: '', socketId: null };
    this.connections.push(record);
    this.sides.set(record, [client]);
    // Hold what the client sends until a backend is connected.
    const pending: Buffer[] = [];
    const onData = (chunk: Buffer) => pending.push(chunk);
    client.on('data', onData);
    let head = '';
    const readRequestLine = (chunk: Buffer) => {
      head += chunk.toString('latin1');
      const end = head.indexOf('\r\n');
      if (end >= 0) record.requestLine = head.slice(0, end);
      if (end >= 0 || head.length > SNIFF_LIMIT) client.off('data', readRequestLine);
    };
    client.on('data', readRequestLine);
    client.on('error', () => undefined); // a browser closing its side is not the test's concern
    const order = [this.target, ...this.backends.filter((p) => p !== this.target)];

    const tryNext = (): void => {
      const port = order.shift();
      if (port === undefined || client.destroyed) {
        client.destroy();
        return;
      }
      const upstream = createConnection({ host: '127.0.0.1', port });
      this.track(upstream);
      this.sides.get(record)?.push(upstream);
      upstream.once('error', (err: NodeJS.ErrnoException) => {
        if (record.backend === null && err.code === 'ECONNREFUSED') {
          record.refused.push(port);
          tryNext();
        } else {
          client.destroy();
        }
      });
      upstream.once('connect', () => {
        record.backend = port;
        upstream.on('error', () => client.destroy());
        client.off('data', onData);
        client.on('error', () => upstream.destroy());
        for (const chunk of pending.splice(0)) upstream.write(chunk);
        client.pipe(upstream);
        let seen = '';
        const sniff = (chunk: Buffer) => {
          seen += chunk.toString('latin1');
          const match = SOCKET_IO_CONNECT.exec(seen);
          if (match?.[1]) record.socketId = match[1];
          if (match || seen.length > SNIFF_LIMIT) upstream.off('data', sniff);
        };
        upstream.on('data', sniff);
        upstream.pipe(client);
        // A crashed backend's sockets close (FIN or RST); the pipe ends the client's side too.
        upstream.once('close', () => client.end());
      });
    };
    tryNext();
  }
}
