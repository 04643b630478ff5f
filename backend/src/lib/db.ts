import mongoose from 'mongoose';
import type { Logger } from './logger.js';

/**
 * Connection options chosen so a lost database is noticed in seconds, not the driver's default
 * 30 s: operations fail fast (no Mongoose buffering, short server selection) and the error
 * handler maps them to 503 DATABASE_UNAVAILABLE. The driver keeps reconnecting by itself.
 */
export const MONGO_OPTIONS: mongoose.ConnectOptions = {
  serverSelectionTimeoutMS: 3000,
  heartbeatFrequencyMS: 1000,
  connectTimeoutMS: 3000,
  socketTimeoutMS: 10000,
  maxPoolSize: 20,
  bufferCommands: false,
  autoIndex: true,
};

mongoose.set('strictQuery', true);
mongoose.set('sanitizeFilter', true);

/** Connects or throws a readable error; the caller decides to exit. */
export async function connectMongo(uri: string, logger: Logger): Promise<typeof mongoose> {
  const conn = mongoose.connection;
  conn.on('disconnected', () => logger.warn('MongoDB disconnected; requests answer 503 until it returns'));
  conn.on('reconnected', () => logger.info('MongoDB reconnected'));
  conn.on('error', (err: Error) => logger.error({ err }, 'MongoDB error'));
  try {
    await mongoose.connect(uri, MONGO_OPTIONS);
  } catch (err) {
    throw new Error(
      `Cannot reach MongoDB at ${redactUri(uri)}: ${(err as Error).message}. ` +
        'Check that the server is running and MONGO_URI is right.',
      { cause: err },
    );
  }
  return mongoose;
}

/** True while the driver holds a usable connection. */
export function isDbConnected(): boolean {
  return mongoose.connection.readyState === mongoose.ConnectionStates.connected;
}

/** Pings the server with a short bound; never throws. */
export async function pingDb(timeoutMs = 1500): Promise<boolean> {
  const db = mongoose.connection.db;
  if (!db || !isDbConnected()) return false;
  try {
    await Promise.race([
      db.command({ ping: 1 }),
      new Promise((_, reject) => setTimeout(() => reject(new Error('ping timeout')), timeoutMs).unref()),
    ]);
    return true;
  } catch {
    return false;
  }
}

const UNAVAILABLE_NAMES = new Set([
  'MongoServerSelectionError',
  'MongooseServerSelectionError',
  'MongoNetworkError',
  'MongoNetworkTimeoutError',
  'MongoNotConnectedError',
  'MongoTopologyClosedError',
  'MongoServerClosedError',
  'MongoPoolClearedError',
  // A frozen server: the monitor times out and the pool is cleared under in-flight operations.
  'PoolClearedOnNetworkError',
  'MongoWaitQueueTimeoutError',
  'WaitQueueTimeoutError',
]);

/**
 * Errors that mean "the database is not there", as opposed to a bad query. The driver's error
 * classes subclass each other (PoolClearedOnNetworkError is a MongoPoolClearedError, a network
 * timeout a MongoNetworkError), so this checks the class chain as well as names, and the driver's
 * own labels, and a wrapped `cause`.
 */
export function isDbUnavailableError(err: unknown, depth = 0): boolean {
  if (!(err instanceof Error) || depth > 3) return false;
  const { mongo } = mongoose;
  if (
    err instanceof mongo.MongoNetworkError ||
    err instanceof mongo.MongoServerSelectionError ||
    err instanceof mongo.MongoNotConnectedError ||
    err instanceof mongo.MongoTopologyClosedError ||
    err instanceof mongo.MongoServerClosedError
  ) {
    return true;
  }
  if (UNAVAILABLE_NAMES.has(err.name)) return true;
  const labels = (err as { hasErrorLabel?: (l: string) => boolean }).hasErrorLabel;
  if (typeof labels === 'function' && (labels.call(err, 'PoolRequstedRetry') || labels.call(err, 'ResetPool'))) return true;
  if (err.name === 'MongooseError' && /buffering timed out|not connected|initial connection/i.test(err.message)) return true;
  return isDbUnavailableError(err.cause, depth + 1);
}

export function redactUri(uri: string): string {
  return uri.replace(/\/\/([^@/]+)@/, '//***@');
}
