import type { MongoHandle } from './mongo.js';

/** What every benchmark gets from the runner. */
export interface BenchContext {
  quick: boolean;
  /** Lazily started MongoDB, shared by the benchmarks that need one. */
  mongo(): Promise<MongoHandle>;
  /**
   * A MongoDB of its own (stopped by the caller) unless MONGO_URL is set: the REST benchmark
   * fills 100k documents, and mongo-java-server keeps them on its 1 GB heap, where its GC
   * would then slow every later benchmark.
   */
  privateMongo(): Promise<MongoHandle>;
  /** Directory for V8 CPU profiles when --profile is given, else undefined. */
  profileDir: string | undefined;
  log(message: string): void;
}

export const mongoUri = (url: string, db: string) => `${url}/${db}`;
