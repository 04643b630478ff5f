import path from 'node:path';
import { benchEnv } from '../lib/backend.js';
import { NodeChild, ROOT } from '../lib/child.js';
import { freePort } from '../lib/ports.js';

/** `node backend/dist/index.js` serving the built SPA, as production runs it. */
export async function startProductionServer(entry: string, frontendDist: string, mongoUri: string): Promise<{ url: string; stop(): Promise<void> }> {
  const port = await freePort();
  const child = new NodeChild(entry, [], {
    tsx: false,
    env: benchEnv(mongoUri, port, { SERVE_FRONTEND: 'true', FRONTEND_DIST: frontendDist }),
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.proc.exitCode !== null) throw new Error(`backend exited (${child.proc.exitCode})\n${child.stderr}`);
    const status = await fetch(`${url}/readyz`).then((r) => r.status, () => 0);
    if (status === 200) break;
    if (Date.now() > deadline) throw new Error(`backend not ready on ${url}\n${child.stderr}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return { url, stop: () => child.stop() };
}

export const relativeToRoot = (p: string) => path.relative(ROOT, p);
