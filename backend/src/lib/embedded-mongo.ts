import { mkdir } from 'node:fs/promises';
import type { Logger } from './logger.js';

/**
 * Development default: an embedded MongoDB (mongodb-memory-server) whose data lives on disk in a
 * git-ignored folder, so `npm run dev` needs no set-up. It downloads `mongod` on first use; where
 * that is impossible the caller exits with instructions.
 */
export async function startEmbeddedMongo(dataDir: string, logger: Logger): Promise<{ uri: string; stop: () => Promise<void> }> {
  await mkdir(dataDir, { recursive: true });
  const { MongoMemoryServer } = await import('mongodb-memory-server-core');
  logger.info({ dataDir }, 'MONGO_URI is not set: starting an embedded MongoDB (first run downloads mongod)');
  const server = await MongoMemoryServer.create({
    instance: { dbPath: dataDir, storageEngine: 'wiredTiger', dbName: 'meet' },
  });
  return {
    uri: server.getUri('meet'),
    stop: async () => {
      await server.stop({ doCleanup: false });
    },
  };
}
