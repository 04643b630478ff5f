import type { MongoHandle } from './mongo.js';

/** What every benchmark gets from the runner. */
export interface BenchContext {
  quick: boolean;
  /** Lazily started MongoDB, shared by the benchmarks that need one. */
  mongo(): Promise<MongoHandle>;
  /** Directory for V8 CPU profiles when --profile is given, else undefined. */
  profileDir: string | undefined;
  log(message: string): void;
}

export const mongoUri = (url: string, db: string) => `${url}/${db}`;
