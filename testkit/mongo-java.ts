import { execFile, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fromRoot } from './paths.js';

const SCRIPT = fromRoot('.ci/mongo/start.sh');

/** Whether mongo-java-server can start here without a download: Java runs and the jars are fetched. */
export function javaMongoReady(): boolean {
  return existsSync(fromRoot('.ci/mongo/lib')) && spawnSync('java', ['-version'], { stdio: 'ignore' }).status === 0;
}

/**
 * Starts mongo-java-server (in-memory) on 127.0.0.1:`port` through `.ci/mongo/start.sh`, which
 * fetches its jars from Maven Central on first use; resolves with its pid once it accepts connections.
 */
export function startJavaMongo(port: number): Promise<number> {
  return new Promise((resolve, reject) =>
    execFile(SCRIPT, [String(port)], { timeout: 300_000 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`${SCRIPT} failed: ${stderr || err.message}`));
      else resolve(Number(stdout.trim().split('\n').at(-1)));
    }),
  );
}
