import { afterAll, afterEach, beforeAll } from 'vitest';
import type { RunningServer } from '../server.js';
import { RedisServer } from '../../../testkit/redis-server.js';
import { connectTestDb, disconnectTestDb } from './db.js';
import { connectClient, startTestServer, type TestClient } from './server.js';

/** Two backend instances sharing one Redis and one MongoDB (see `useTwoInstances`). */
export interface TwoInstances {
  readonly a: RunningServer;
  readonly b: RunningServer;
  readonly redis: RedisServer;
  /** The test database's URI, for a separate backend process to share it. */
  readonly mongoUri: string;
  /** A client of `server` (anything with a URL), disconnected after the test. */
  client(server: Pick<RunningServer, 'url'>): Promise<TestClient>;
}

/**
 * Call at the top of a test file: starts Redis, MongoDB and two instances with `env` (plus
 * `REDIS_URL`) before the file's tests, disconnects the clients each test opened after it, and
 * stops everything after the file. Read `a`/`b` inside tests or hooks (they exist from `beforeAll`).
 */
export function useTwoInstances(env: Record<string, string> = {}): TwoInstances {
  const redis = new RedisServer();
  const clients: TestClient[] = [];
  let a: RunningServer | undefined;
  let b: RunningServer | undefined;
  let mongoUri = '';

  beforeAll(async () => {
    mongoUri = await connectTestDb();
    await redis.start();
    a = await startTestServer({ REDIS_URL: redis.url, ...env });
    b = await startTestServer({ REDIS_URL: redis.url, ...env });
  });
  afterEach(() => {
    for (const c of clients.splice(0)) c.disconnect();
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await redis.stop();
    await disconnectTestDb();
  });

  const started = (server: RunningServer | undefined): RunningServer => {
    if (!server) throw new Error('useTwoInstances: the instances start in beforeAll');
    return server;
  };
  return {
    get a() {
      return started(a);
    },
    get b() {
      return started(b);
    },
    redis,
    get mongoUri() {
      return mongoUri;
    },
    async client(server) {
      const c = await connectClient(server as RunningServer);
      clients.push(c);
      return c;
    },
  };
}
