/** A port free on 127.0.0.1 right now (shared with the browser suite). */
export { freeTcpPort as freePort } from '../../frontend/e2e/support/ports.js';

/** Resolves once something accepts TCP connections on 127.0.0.1:port, or rejects after `ms`. */
export async function waitForPort(port: number, ms = 30_000): Promise<void> {
  const { connect } = await import('node:net');
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    const ok = await new Promise<boolean>((resolve) => {
      const s = connect(port, '127.0.0.1');
      s.once('connect', () => (s.destroy(), resolve(true)));
      s.once('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`nothing listening on 127.0.0.1:${port} after ${ms} ms`);
}
