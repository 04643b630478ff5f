import { execFile, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

/** A private MongoDB that a fault test may stop and start again on the same port. */
export interface RestartableDb {
  /** Connection string including a database name. */
  uri: string;
  stop(): Promise<void>;
  start(): Promise<void>;
  dispose(): Promise<void>;
}

const CI_MONGO = fileURLToPath(new URL('../../../.ci/mongo/', import.meta.url));
const run = promisify(execFile);

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect(port, '127.0.0.1');
    s.once('connect', () => (s.destroy(), resolve(true)));
    s.once('error', () => resolve(false));
  });
}

async function until(check: () => Promise<boolean>, what: string, ms = 15_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

function javaWorks(): boolean {
  return spawnSync('java', ['-version'], { stdio: 'ignore' }).status === 0;
}

/** mongo-java-server via .ci/mongo/start.sh (what CI has). In-memory: a restart loses the data. */
async function javaDb(dbName: string): Promise<RestartableDb> {
  const port = await freePort();
  let pid: number | undefined;
  const start = async () => {
    const { stdout } = await run(`${CI_MONGO}start.sh`, [String(port)]);
    pid = Number(stdout.trim().split('\n').at(-1));
  };
  const stop = async () => {
    if (pid === undefined) return;
    process.kill(pid, 'SIGKILL');
    pid = undefined;
    await until(async () => !(await accepts(port)), `port ${port} to close`);
  };
  await start();
  return { uri: `mongodb://127.0.0.1:${port}/${dbName}`, start, stop, dispose: stop };
}

/** mongodb-memory-server, for developers without Java; it keeps its port across stop/start. */
async function memoryDb(dbName: string): Promise<RestartableDb> {
  const { MongoMemoryServer } = await import('mongodb-memory-server-core');
  const server = await MongoMemoryServer.create();
  return {
    uri: server.getUri(dbName),
    stop: async () => {
      await server.stop({ doCleanup: false, force: false });
    },
    start: async () => {
      await server.start(true);
    },
    dispose: async () => {
      await server.stop();
    },
  };
}

/**
 * A MongoDB the test owns and can take down: mongo-java-server when MONGO_URL is set and Java
 * with the CI jars is present, else mongodb-memory-server. Fails loudly, never skips.
 */
export async function startRestartableDb(dbName = 'faults'): Promise<RestartableDb> {
  if (process.env.MONGO_URL && existsSync(`${CI_MONGO}lib`) && javaWorks()) return javaDb(dbName);
  try {
    return await memoryDb(dbName);
  } catch (err) {
    throw new Error(
      'No restartable MongoDB for the fault tests: install Java 17 and run .ci/mongo/start.sh once (it fetches ' +
        `mongo-java-server), or allow mongodb-memory-server to download mongod. Cause: ${(err as Error).message}`,
    );
  }
}
