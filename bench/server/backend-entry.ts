/**
 * The real backend (startServer from backend/src, the same wiring as index.ts) in a child process
 * that answers usage questions over IPC. Config comes from the environment like production.
 */
import mongoose from 'mongoose';
import { loadConfig } from '../../backend/src/config.js';
import { connectMongo } from '../../backend/src/lib/db.js';
import { createLogger } from '../../backend/src/lib/logger.js';
import { startServer } from '../../backend/src/server.js';
import { processUsage, serveParent } from '../lib/child.js';

const config = loadConfig();
const logger = createLogger(config.logLevel, false);
await connectMongo(config.mongo.uri ?? '', logger);
// TODO(redis scale-out): when backend/src exports a Redis-backed Presence + adapter wiring,
// pass it here when REDIS_URL is set, so two of these processes can share meetings.
const server = await startServer(config, logger);

serveParent({
  usage: () => ({ ...processUsage(), sockets: server.signaling.io.engine.clientsCount }),
  gc: () => {
    (globalThis as { gc?: () => void }).gc?.();
    return { ...processUsage(), sockets: server.signaling.io.engine.clientsCount };
  },
});
for (const sig of ['SIGTERM', 'SIGINT'] as const) {
  process.once(sig, () => {
    void (async () => {
      await Promise.race([server.close(), new Promise((r) => setTimeout(r, 3000))]);
      await mongoose.disconnect().catch(() => {});
      process.exit(0);
    })();
  });
}
process.send?.({ type: 'ready', port: server.port });
