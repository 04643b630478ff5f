import mongoose from 'mongoose';
import { stopTestMongo, testMongoUri } from '../../../testkit/mongo.js';
import { MONGO_OPTIONS } from '../lib/db.js';

/** Connects the shared Mongoose connection to a fresh database and builds the indexes. */
export async function connectTestDb(): Promise<string> {
  const uri = await testMongoUri('test');
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
  await stopTestMongo();
}
