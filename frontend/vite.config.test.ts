import { fileURLToPath } from 'node:url';
import { createServer, type ViteDevServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// Defect #9 (issue 10): `fs.allow: ['..']` let the dev server hand out any file of the repository
// through `/@fs/…`. Only the SPA and the wire contract may be served.
const frontendDir = fileURLToPath(new URL('.', import.meta.url));
const repoFile = fileURLToPath(new URL('../package.json', import.meta.url));
const backendFile = fileURLToPath(new URL('../backend/src/config.ts', import.meta.url));
const contractFile = fileURLToPath(new URL('../backend/src/contract/limits.ts', import.meta.url));

let server: ViteDevServer;
let base: string;

beforeAll(async () => {
  server = await createServer({ root: frontendDir, configFile: `${frontendDir}vite.config.ts`, logLevel: 'silent', server: { port: 0, strictPort: false, host: '127.0.0.1' } });
  await server.listen();
  const address = server.httpServer?.address();
  if (!address || typeof address === 'string') throw new Error('dev server has no port');
  base = `http://127.0.0.1:${address.port}`;
}, 60_000);

afterAll(async () => {
  await server?.close();
});

describe('dev server file access (vite.config.ts)', () => {
  it('when a file of the repository outside the SPA is asked for through /@fs, then it is refused', async () => {
    expect((await fetch(`${base}/@fs${repoFile}`)).status).toBe(403);
    expect((await fetch(`${base}/@fs${backendFile}`)).status).toBe(403);
  });

  it('when the wire contract is asked for, then it is served (the SPA imports it)', async () => {
    expect((await fetch(`${base}/@fs${contractFile}`)).status).toBe(200);
  });
});
