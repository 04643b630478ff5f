import { execFile } from 'node:child_process';
import path from 'node:path';
import { ROOT } from './child.js';
import { freePort } from './ports.js';

export interface MongoHandle {
  /** Server URL without a database name, e.g. mongodb://127.0.0.1:27017 */
  url: string;
  description: string;
  stop(): Promise<void>;
}

/**
 * MONGO_URL when set (CI exports it); otherwise a private mongo-java-server on a free loopback
 * port, so the benchmark neither disturbs nor is disturbed by other users of a shared one.
 */
export async function ensureMongo(): Promise<MongoHandle> {
  const fromEnv = process.env.MONGO_URL;
  if (fromEnv) return { url: fromEnv.replace(/\/+$/, ''), description: `MONGO_URL (${fromEnv})`, stop: async () => {} };
  const port = await freePort();
  const script = path.join(ROOT, '.ci/mongo/start.sh');
  const pid = await new Promise<number>((resolve, reject) =>
    execFile(script, [String(port)], { cwd: ROOT, timeout: 300_000 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`${script} failed: ${stderr || err.message}`));
      else resolve(Number(stdout.trim().split('\n').at(-1)));
    }),
  );
  return {
    url: `mongodb://127.0.0.1:${port}`,
    description: `mongo-java-server (in-memory) started by the bench on 127.0.0.1:${port}`,
    async stop() {
      try {
        process.kill(pid, 'SIGTERM');
      } catch {
        /* already gone */
      }
    },
  };
}
