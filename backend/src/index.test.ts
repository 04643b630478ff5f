import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { io as connect } from 'socket.io-client';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { ServerNotice } from './contract/protocol.js';
import { stopTestMongo, testMongoUri } from '../../testkit/mongo.js';
import { join, nextEvent, type TestClient } from './test/server.js';

/**
 * The real entry point (`src/index.ts` under tsx) as a child process: what an operator sees when
 * MongoDB is missing at boot, on SIGTERM/SIGINT, and when a stray promise rejects.
 */
const BACKEND = fileURLToPath(new URL('../', import.meta.url));
const children: ChildProcess[] = [];

interface Backend {
  child: ChildProcess;
  output: () => string;
  /** Resolves with the exit code, `ms` since spawn and the time of exit. */
  exited: Promise<{ code: number | null; ms: number; at: number }>;
}

function spawnBackend(env: Record<string, string>, preload?: string): Backend {
  const base = { ...process.env };
  delete base.REDIS_URL;
  const child = spawn(process.execPath, ['--import', 'tsx', ...(preload ? ['--import', preload] : []), 'src/index.ts'], {
    cwd: BACKEND,
    env: { ...base, NODE_ENV: 'test', LOG_LEVEL: 'info', PORT: '0', HOST: '127.0.0.1', SHUTDOWN_TIMEOUT_MS: '5000', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<{ code: number | null; ms: number; at: number }>((resolve) => {
    const started = Date.now();
    child.once('exit', (code) => resolve({ code, ms: Date.now() - started, at: Date.now() }));
  });
  return { child, output: () => out, exited };
}

/** Waits for the "listening" log line and returns the URL. */
async function listening(backend: Backend, ms = 30_000): Promise<string> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    const line = backend.output().split('\n').find((l) => l.includes('meet backend listening'));
    if (line) return (JSON.parse(line) as { url: string }).url.replace('localhost', '127.0.0.1');
    if (backend.child.exitCode !== null) throw new Error(`backend exited early:\n${backend.output()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`backend did not start:\n${backend.output()}`);
}

async function clientOf(url: string): Promise<TestClient> {
  const socket: TestClient = connect(url, { transports: ['websocket'], reconnection: false, forceNew: true });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  return socket;
}

afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null) c.kill('SIGKILL');
});
afterAll(stopTestMongo);

describe('start-up', () => {
  it('when MongoDB is unreachable at boot, then the process exits non-zero with a clear message', async () => {
    const backend = spawnBackend({ MONGO_URI: 'mongodb://127.0.0.1:9/meet' });
    const { code, ms } = await backend.exited;
    expect(code).not.toBe(0);
    expect(backend.output()).toContain('Cannot reach MongoDB at mongodb://127.0.0.1:9/meet');
    expect(backend.output()).toContain('Check that the server is running and MONGO_URI is right');
    expect(ms).toBeLessThan(20_000);
  }, 30_000);

  it('when the configuration is invalid, then the process exits non-zero and names the variable', async () => {
    const backend = spawnBackend({ MONGO_URI: 'mongodb://127.0.0.1:9/meet', MAX_PARTICIPANTS: 'many' });
    expect((await backend.exited).code).toBe(1);
    expect(backend.output()).toContain('MAX_PARTICIPANTS');
  }, 30_000);
});

describe('signals', () => {
  it.each(['SIGTERM', 'SIGINT'] as const)(
    'when the backend gets %s, then connected clients are told SERVER_SHUTTING_DOWN and it exits 0 promptly',
    async (signal) => {
      const backend = spawnBackend({ MONGO_URI: await testMongoUri() });
      const url = await listening(backend);
      const meeting = (await (await fetch(`${url}/api/meetings`, { method: 'POST' })).json()) as { meetingId: string };
      const member = await clientOf(url);
      expect(await join(member, meeting.meetingId, 'Member')).toMatchObject({ ok: true });
      const notice = nextEvent<ServerNotice>(member, 'server-notice', 10_000);
      const disconnected = nextEvent<string>(member, 'disconnect', 10_000);

      const signalledAt = Date.now();
      backend.child.kill(signal);

      expect(await notice).toMatchObject({ code: 'SERVER_SHUTTING_DOWN' });
      await disconnected;
      const { code, at } = await backend.exited;
      expect(code).toBe(0);
      expect(at - signalledAt).toBeLessThan(5000); // SHUTDOWN_TIMEOUT_MS (5 s here) would force exit 1
      expect(backend.output()).toContain('shut down cleanly');
      member.disconnect();
    },
    60_000,
  );
});

describe('stray failures', () => {
  it('when a promise rejection goes unhandled, then it is logged once through pino and the process keeps serving', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'meet-fault-'));
    const preload = path.join(dir, 'reject-on-sigusr2.mjs');
    // Injected fault: a rejection nobody handles, raised on demand after start-up.
    writeFileSync(preload, "process.on('SIGUSR2', () => { void Promise.reject(new Error('injected rejection')); });\n");
    const backend = spawnBackend({ MONGO_URI: await testMongoUri() }, preload);
    const url = await listening(backend);
    backend.child.kill('SIGUSR2');
    await expect.poll(() => backend.output(), { timeout: 5000 }).toContain('unhandled promise rejection');
    const line = backend.output().split('\n').find((l) => l.includes('unhandled promise rejection'))!;
    expect(JSON.parse(line)).toMatchObject({ level: 50, err: { message: 'injected rejection' } });
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    expect((await fetch(`${url}/api/meetings`, { method: 'POST' })).status).toBe(201);
  }, 60_000);
});
