import type { Server as HttpServer } from 'node:http';
import type { Socket } from 'node:net';
import { addressKey } from './address-key.js';
import type { TrustProxyFn } from './http.js';
import type { Logger } from './logger.js';

/** Open connections per address key, with a cap; counts return to zero as connections close. */
export class AddressCounter {
  private readonly counts = new Map<string, number>();

  constructor(readonly cap: number) {}

  count(key: string): number {
    return this.counts.get(key) ?? 0;
  }

  /** Takes a slot for `key`; false (and nothing taken) when it already holds `cap`. */
  tryAdd(key: string): boolean {
    const n = this.count(key);
    if (n >= this.cap) return false;
    this.counts.set(key, n + 1);
    return true;
  }

  release(key: string): void {
    const n = this.count(key) - 1;
    if (n <= 0) this.counts.delete(key);
    else this.counts.set(key, n);
  }

  /** Number of distinct keys holding a slot (for tests and metrics). */
  get size(): number {
    return this.counts.size;
  }
}

/**
 * Caps TCP connections per client address (IPv6 by /56) before any HTTP parsing, so one address
 * cannot hold the process's file descriptors (idle sockets, EMFILE for everyone else). A trusted
 * proxy is exempt: behind one, every connection comes from it, and the Socket.io cap, which sees
 * the client's forwarded address, does the per-client counting instead.
 */
export function capConnectionsPerAddress(server: HttpServer, cap: number, trust: TrustProxyFn, logger: Logger): AddressCounter {
  const counter = new AddressCounter(cap);
  server.on('connection', (socket: Socket) => {
    const address = socket.remoteAddress;
    if (!address || trust(address, 0)) return;
    const key = addressKey(address);
    if (!counter.tryAdd(key)) {
      socket.destroy();
      return;
    }
    if (counter.count(key) === cap) logger.warn({ address: key, cap }, 'address reached its connection cap; further connections are refused');
    socket.once('close', () => counter.release(key));
  });
  return counter;
}
