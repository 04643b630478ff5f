import { createSocket } from 'node:dgram';
import { connect, createServer } from 'node:net';
import { waitFor } from './wait.js';

/** A TCP port free on 127.0.0.1 right now (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Whether something accepts TCP connections on 127.0.0.1:`port` right now. */
export function portAccepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

/** Resolves once 127.0.0.1:`port` accepts (`open`) or refuses (`closed`) connections. */
export async function waitForPort(port: number, state: 'open' | 'closed', timeoutMs = 30_000): Promise<void> {
  await waitFor(() => portAccepts(port), (accepts) => accepts === (state === 'open'), {
    timeoutMs,
    intervalMs: 50,
    message: `127.0.0.1:${port} to be ${state}`,
  });
}

function udpPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createSocket('udp4');
    socket.once('error', () => resolve(false));
    socket.bind(port, '127.0.0.1', () => socket.close(() => resolve(true)));
  });
}

/** A run of `size` consecutive UDP ports free on 127.0.0.1 (for coturn's relay range). */
export async function freeUdpRange(size: number): Promise<{ min: number; max: number }> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const min = 40_000 + Math.floor(Math.random() * 20_000);
    const ports = Array.from({ length: size }, (_, i) => min + i);
    const free = await Promise.all(ports.map(udpPortFree));
    if (free.every(Boolean)) return { min, max: min + size - 1 };
  }
  throw new Error(`No run of ${size} free UDP ports found on 127.0.0.1`);
}
