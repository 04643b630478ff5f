import mongoose from 'mongoose';
import { nanoid } from 'nanoid';
import { MONGO_OPTIONS } from '../lib/db.js';

let memoryServer: { stop(): Promise<unknown>; getUri(db?: string): string } | undefined;

/**
 * A real MongoDB for tests: `MONGO_URL` when set (CI starts a wire-compatible server), else
 * mongodb-memory-server. Each call gets its own database. Fails loudly, never skips.
 */
export async function testMongoUri(): Promise<string> {
  const dbName = `test_${nanoid(10).replace(/-/g, '_')}`;
  const base = process.env.MONGO_URL;
  if (base) {
    const url = new URL(base);
    url.pathname = `/${dbName}`;
    return url.toString();
  }
  try {
    if (!memoryServer) {
      const { MongoMemoryServer } = await import('mongodb-memory-server-core');
      memoryServer = await MongoMemoryServer.create();
    }
    return memoryServer.getUri(dbName);
  } catch (err) {
    throw new Error(
      'No MongoDB for the tests: set MONGO_URL (e.g. mongodb://127.0.0.1:27017, see .ci/mongo/start.sh) ' +
        `or allow mongodb-memory-server to download mongod. Cause: ${(err as Error).message}`,
    );
  }
}

/** Connects the shared Mongoose connection to a fresh database and builds the indexes. */
export async function connectTestDb(): Promise<string> {
  const uri = await testMongoUri();
  await mongoose.connect(uri, MONGO_OPTIONS);
  await Promise.all(Object.values(mongoose.models).map((m) => m.init()));
  return uri;
}

export async function disconnectTestDb(): Promise<void> {
  try {
    await mongoose.connection.db?.dropDatabase();
  } catch {
    // The database may already be gone (fault tests); nothing to clean.
  }
  await mongoose.disconnect();
  await memoryServer?.stop();
  memoryServer = undefined;
}
