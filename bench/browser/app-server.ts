import path from 'node:path';
import { BackendProcess } from '../../testkit/backend-process.js';
import { benchEnv } from '../lib/backend.js';
import { ROOT, trackPid, untrackPid } from '../lib/child.js';

/** `node backend/dist/index.js` serving the built SPA, as production runs it. */
export async function startProductionServer(
  entry: string,
  frontendDist: string,
  mongoUri: string,
  extraEnv: Record<string, string> = {},
): Promise<{ url: string; pid: number | undefined; stop(): Promise<void> }> {
  // PORT 0 here: BackendProcess picks the free port itself.
  const server = new BackendProcess(mongoUri, benchEnv(mongoUri, 0, { SERVE_FRONTEND: 'true', FRONTEND_DIST: frontendDist, ...extraEnv }), { entry });
  await server.start();
  const pid = server.pid;
  if (pid) trackPid(pid);
  return {
    url: server.url,
    pid,
    async stop() {
      if (pid) untrackPid(pid);
      await server.stop();
    },
  };
}

export const relativeToRoot = (p: string) => path.relative(ROOT, p);
