import { randomBytes } from 'node:crypto';

let memoryServer: { stop(): Promise<unknown>; getUri(db?: string): string } | undefined;

/**
 * A MongoDB URI with a database of its own (`<label>_<random>`): under `MONGO_URL` when set (CI
 * starts a wire-compatible server), else on a mongodb-memory-server started in this process.
 * Fails loudly, never skips.
 */
export async function testMongoUri(label = 'test'): Promise<string> {
  const dbName = `${label.replace(/\W/g, '_')}_${randomBytes(5).toString('hex')}`;
  const base = process.env.MONGO_URL;
  if (base) {
    const url = new URL(base);
    url.pathname = `/${dbName}`;
    return url.toString();
  }
  try {
    if (!memoryServer) {
      // A backend dependency, hoisted to the workspace root's node_modules.
      const { MongoMemoryServer } = await import('mongodb-memory-server-core');
      memoryServer = await MongoMemoryServer.create();
    }
    return memoryServer.getUri(dbName);
  } catch (err) {
    throw new Error(
      'No MongoDB for the tests: set MONGO_URL (e.g. MONGO_URL=mongodb://127.0.0.1:27017; CI starts ' +
        `.ci/mongo/start.sh) or let mongodb-memory-server download mongod. Cause: ${(err as Error).message}`,
    );
  }
}

/** Stops the in-process MongoDB if `testMongoUri` started one. */
export async function stopTestMongo(): Promise<void> {
  await memoryServer?.stop();
  memoryServer = undefined;
}
