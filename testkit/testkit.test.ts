import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BackendProcess } from './backend-process.js';
import { freePort, waitForPort } from './ports.js';
import { RedisServer } from './redis-server.js';
import { waitFor, waitUntil } from './wait.js';

// The helpers every suite leans on: when they fail, they must fail fast and say why.

const savedRedisBin = process.env.REDIS_SERVER_BIN;
afterEach(() => {
  if (savedRedisBin === undefined) delete process.env.REDIS_SERVER_BIN;
  else process.env.REDIS_SERVER_BIN = savedRedisBin;
});

describe('waits', () => {
  it('when the deadline passes, then the error names what was awaited and the last value seen', async () => {
    let n = 0;
    await expect(waitFor(() => ++n, (v) => v < 0, { timeoutMs: 100, intervalMs: 10, message: 'a negative number' })).rejects.toThrow(
      /Timed out after 100 ms: a negative number\. Last seen: \d+/,
    );
  });

  it('when the condition holds, then waitUntil resolves', async () => {
    let n = 0;
    await expect(waitUntil(() => ++n === 3, 1000, 'three polls')).resolves.toBeUndefined();
    expect(n).toBe(3);
  });
});

describe('ports', () => {
  it('when a free port is taken and released, then waitForPort sees it open and then closed', async () => {
    const port = await freePort();
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    await waitForPort(port, 'open', 2000);
    await new Promise((resolve) => server.close(resolve));
    await waitForPort(port, 'closed', 2000);
  });
});

describe('BackendProcess', () => {
  it('when the process exits during start-up, then start() fails at once with its exit code and output', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'testkit-'));
    const entry = path.join(dir, 'crash.mjs');
    writeFileSync(entry, "console.error('boom: no database'); process.exit(3);\n");
    const backend = new BackendProcess('mongodb://127.0.0.1:9/none', {}, { entry, readyTimeoutMs: 20_000 });
    const started = Date.now();
    const error = await backend.start().then(() => undefined, (err: Error) => err);
    expect(error?.message).toMatch(/backend exited with 3/);
    expect(error?.message).toContain('boom: no database');
    expect(Date.now() - started).toBeLessThan(10_000); // not the 20 s start-up deadline
  });
});

describe('RedisServer', () => {
  it('when redis-server is missing, then start() says what to install', async () => {
    process.env.REDIS_SERVER_BIN = '/nonexistent/redis-server';
    await expect(new RedisServer().start()).rejects.toThrow(/apt-get install redis-server/);
  });
});
