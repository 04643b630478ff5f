import 'dotenv/config';
import mongoose from 'mongoose';
import { loadConfig, type Config } from './config.js';
import { connectMongo, redactUri } from './lib/db.js';
import { createLogger, type Logger } from './lib/logger.js';
import { startServer, type RunningServer } from './server.js';

/** Start-up only: config → MongoDB → server → signals. */
async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (err) {
    console.error((err as Error).message);
    process.exit(1);
  }
  const logger = createLogger(config.logLevel, config.env === 'development' && process.stdout.isTTY);
  installCrashHandlers(logger);

  const { uri, stopEmbedded } = await resolveMongoUri(config, logger);
  try {
    await connectMongo(uri, logger);
  } catch (err) {
    logger.fatal((err as Error).message);
    process.exit(1);
  }
  logger.info({ mongo: redactUri(uri) }, 'connected to MongoDB');

  const server = await startServer(config, logger);
  if (!config.redisUrl) {
    const closed = await server.attendance.closeOrphans().catch(() => 0);
    if (closed > 0) logger.info({ closed }, 'closed attendance records left open by a previous run');
  }
  if (config.env === 'production' && config.ice.turnUrls.length === 0) {
    logger.warn('No TURN server configured (TURN_URLS, TURN_SECRET): calls between strict NATs or firewalls will fail');
  }
  if (config.env === 'production' && !config.http.publicOrigin && config.http.allowedHosts.length === 0) {
    logger.warn('PUBLIC_ORIGIN is not set: only IP addresses and localhost are served as host names (DNS-rebinding check); set PUBLIC_ORIGIN=https://your.site');
  }
  logger.info({ url: `http://localhost:${server.port}` }, 'meet backend listening');
  installShutdown(server, config, logger, stopEmbedded);
}

async function resolveMongoUri(config: Config, logger: Logger): Promise<{ uri: string; stopEmbedded?: () => Promise<void> }> {
  if (config.mongo.uri) return { uri: config.mongo.uri };
  if (config.env === 'production') {
    logger.fatal('MONGO_URI is required in production (e.g. MONGO_URI=mongodb://db.example:27017/meet).');
    process.exit(1);
  }
  try {
    const { startEmbeddedMongo } = await import('./lib/embedded-mongo.js');
    const embedded = await startEmbeddedMongo(config.mongo.dataDir, logger);
    return { uri: embedded.uri, stopEmbedded: embedded.stop };
  } catch (err) {
    logger.fatal(
      `Could not start the embedded MongoDB (${(err as Error).message}). ` +
        'It downloads mongod on first use, which needs internet access. Either allow that, or run a MongoDB ' +
        'server yourself and set MONGO_URI, e.g. MONGO_URI=mongodb://127.0.0.1:27017/meet in backend/.env or the environment.',
    );
    process.exit(1);
  }
}

function installCrashHandlers(logger: Logger): void {
  process.on('unhandledRejection', (reason) => logger.error({ err: reason }, 'unhandled promise rejection'));
  process.on('uncaughtException', (err) => {
    logger.fatal({ err }, 'uncaught exception; exiting');
    process.exit(1);
  });
}

function installShutdown(server: RunningServer, config: Config, logger: Logger, stopEmbedded?: () => Promise<void>): void {
  let shuttingDown = false;
  const shutdown = (signal: string) => {
    if (shuttingDown) return;
    shuttingDown = true;
    logger.info({ signal }, 'shutting down');
    const force = setTimeout(() => {
      logger.error('shutdown took too long; forcing exit');
      process.exit(1);
    }, config.shutdownTimeoutMs);
    force.unref();
    (async () => {
      await server.close();
      await mongoose.disconnect();
      await stopEmbedded?.();
      logger.info('shut down cleanly');
      process.exit(0);
    })().catch((err: unknown) => {
      logger.error({ err }, 'error during shutdown');
      process.exit(1);
    });
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

void main();
