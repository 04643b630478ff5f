import { startJavaMongo, javaMongoReady } from './mongo-java.js';
import { freePort, waitForPort } from './ports.js';

/** A private MongoDB that a fault test may stop and start again on the same port. */
export interface RestartableMongo {
  /** Connection string including a database name. */
  uri: string;
  stop(): Promise<void>;
  start(): Promise<void>;
  dispose(): Promise<void>;
}

/** mongo-java-server via .ci/mongo/start.sh (what CI has). In-memory: a restart loses the data. */
async function javaDb(dbName: string): Promise<RestartableMongo> {
  const port = await freePort();
  let pid: number | undefined;
  const start = async () => {
    pid = await startJavaMongo(port);
  };
  const stop = async () => {
    if (pid === undefined) return;
    process.kill(pid, 'SIGKILL');
    pid = undefined;
    await waitForPort(port, 'closed', 15_000);
  };
  await start();
  return { uri: `mongodb://127.0.0.1:${port}/${dbName}`, start, stop, dispose: stop };
}

/** mongodb-memory-server, for developers without Java; it keeps its port across stop/start. */
async function memoryDb(dbName: string): Promise<RestartableMongo> {
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
export async function startRestartableMongo(dbName = 'faults'): Promise<RestartableMongo> {
  if (process.env.MONGO_URL && javaMongoReady()) return javaDb(dbName);
  try {
    return await memoryDb(dbName);
  } catch (err) {
    throw new Error(
      'No restartable MongoDB for the fault tests: install Java 17 and run .ci/mongo/start.sh once (it fetches ' +
        `mongo-java-server), or allow mongodb-memory-server to download mongod. Cause: ${(err as Error).message}`,
    );
  }
}
