import type { Logger } from '../lib/logger.js';

/** The parts of an engine.io socket this module reads; engine.io does not export a stable type. */
interface EnginePacket {
  data?: unknown;
}
interface EngineTransport {
  name: string;
  /** The `ws` WebSocket under the websocket transport. */
  socket?: { bufferedAmount?: number; terminate?: () => void };
}
export interface EngineConnection {
  readonly id: string;
  transport: EngineTransport;
  on(event: 'packetCreate', fn: (packet: EnginePacket) => void): unknown;
  on(event: 'flush', fn: () => void): unknown;
  on(event: 'close', fn: () => void): unknown;
  close(discard?: boolean): unknown;
}

/** Per packet bookkeeping (object, options, callbacks) on top of its payload. */
const PACKET_OVERHEAD_BYTES = 100;

function packetBytes(packet: EnginePacket): number {
  const d = packet.data;
  const size = typeof d === 'string' ? d.length : d instanceof Uint8Array ? d.byteLength : 0;
  return size + PACKET_OVERHEAD_BYTES;
}

/**
 * Closes a connection now, dropping whatever is queued for it: a graceful close would wait for
 * the queue to drain, which for a client that stopped reading is never.
 */
export function closeNow(conn: EngineConnection): void {
  try {
    conn.transport.socket?.terminate?.();
  } finally {
    conn.close(true);
  }
}

/**
 * Bounds what the server holds for one client that does not read. engine.io queues outgoing
 * packets in the socket's write buffer while the transport is busy (websocket: the previous write
 * has not reached the kernel; polling: no GET is waiting), and `ws` holds bytes it could not
 * hand to the kernel in `bufferedAmount`. Both are unbounded by default, so a client that stops
 * reading grows the process without limit. Past `limitBytes`, the connection is closed and the
 * reason logged. Measured on every outgoing packet: O(1) each.
 */
export function boundOutboundBuffer(conn: EngineConnection, limitBytes: number, logger: Logger, onClose?: () => void): void {
  let queued = 0;
  let closed = false;
  conn.on('packetCreate', (packet) => {
    if (closed) return;
    queued += packetBytes(packet);
    const inTransport = conn.transport.name === 'websocket' ? (conn.transport.socket?.bufferedAmount ?? 0) : 0;
    if (queued + inTransport <= limitBytes) return;
    closed = true;
    logger.warn(
      { connectionId: conn.id, transport: conn.transport.name, queuedBytes: queued, transportBytes: inTransport, limitBytes },
      'closing a connection that is not reading (outbound buffer over its limit)',
    );
    onClose?.();
    // Not from inside engine.io's send path: close once the current emit has returned.
    setImmediate(() => closeNow(conn));
  });
  // A flush hands the queued packets to the transport; from then on `bufferedAmount` counts them.
  conn.on('flush', () => {
    queued = 0;
  });
}
