import { readFileSync } from 'node:fs';
import { startJavaMongo } from '../../testkit/mongo-java.js';
import { freePort } from '../../testkit/ports.js';
import { trackPid, untrackPid } from './child.js';

/** utime + stime of a process from /proc (Linux), in µs; NaN elsewhere. */
export function procCpuMicros(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // fields[11], fields[12] = utime, stime (fields 14 and 15 of stat) in clock ticks (100 Hz on Linux).
    return ((Number(fields[11]) + Number(fields[12])) / 100) * 1e6;
  } catch {
    return NaN;
  }
}

export interface MongoHandle {
  /** Server URL without a database name, e.g. mongodb://127.0.0.1:27017 */
  url: string;
  description: string;
  /** CPU time (user + system, µs) of the database process so far; NaN when it is not ours. */
  cpuMicros(): number;
  stop(): Promise<void>;
}

/**
 * MONGO_URL when set (CI exports it); otherwise a private mongo-java-server on a free loopback
 * port, so the benchmark neither disturbs nor is disturbed by other users of a shared one.
 */
export async function ensureMongo(): Promise<MongoHandle> {
  const fromEnv = process.env.MONGO_URL;
  if (fromEnv) return { url: fromEnv.replace(/\/+$/, ''), description: `MONGO_URL (${fromEnv})`, cpuMicros: () => NaN, stop: async () => {} };
  const port = await freePort();
  const pid = await startJavaMongo(port);
  trackPid(pid);
  return {
    url: `mongodb://127.0.0.1:${port}`,
    description: `mongo-java-server (in-memory) started by the bench on 127.0.0.1:${port}`,
    cpuMicros: () => procCpuMicros(pid),
    async stop() {
      untrackPid(pid);
      try {
        process.kill(pid, 'SIGTERM');
      } catch {
        /* already gone */
      }
    },
  };
}
