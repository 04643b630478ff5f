import { afterAll, afterEach, beforeAll } from 'vitest';
import type { RunningServer } from '../server.js';
import { connectTestDb, disconnectTestDb } from './db.js';
import { ClientPool, startTestServer, type TestClient } from './server.js';

/** What one signaling test file shares: its server and the clients it opens. */
export interface SignalingSuite {
  server: RunningServer;
  /** A connected client, closed after the test. */
  client(): Promise<TestClient>;
  /** A fresh meeting's ID. */
  newMeeting(): Promise<string>;
}

/**
 * Registers the hooks of one test file: a fresh database, a server on port 0 with `env` on top
 * of the test config, and its clients closed after each test. Use the result only inside tests.
 */
export function useSignalingServer(env: Record<string, string> = {}): SignalingSuite {
  const pool = new ClientPool(() => suite.server);
  const suite: SignalingSuite = {
    server: undefined as unknown as RunningServer,
    client: () => pool.connect(),
    newMeeting: async () => (await suite.server.meetings.create({})).meetingId,
  };
  beforeAll(async () => {
    await connectTestDb();
    suite.server = await startTestServer(env);
  });
  afterEach(() => pool.closeAll());
  afterAll(async () => {
    await suite.server?.close();
    await disconnectTestDb();
  });
  return suite;
}
