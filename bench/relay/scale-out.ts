import { readFileSync } from 'node:fs';
import path from 'node:path';
import { RedisServer, redisServerBin } from '../../testkit/redis-server.js';
import { startBackend, type Backend, type Usage } from '../lib/backend.js';
import { ROOT, trackPid, untrackPid } from '../lib/child.js';

export interface ScaleOutPlan {
  /** Redis support wired into the backend's server start-up (startServer reads REDIS_URL). */
  backendReady: boolean;
  redisAvailable: boolean;
  reason: string;
}

/** Can the two-instance run happen here? Checks the backend source and for a Redis. */
export function scaleOutPlan(): ScaleOutPlan {
  let source = '';
  try {
    source = readFileSync(path.join(ROOT, 'backend/src/server.ts'), 'utf8');
  } catch {
    /* no backend */
  }
  const backendReady = /redisUrl/.test(source) && /adapter/.test(source);
  let redisAvailable = Boolean(process.env.REDIS_URL);
  if (!redisAvailable) {
    try {
      redisServerBin();
      redisAvailable = true;
    } catch {
      redisAvailable = false;
    }
  }
  const reason = !backendReady
    ? 'Redis support has not landed in backend/src/server.ts'
    : !redisAvailable
      ? 'no REDIS_URL and no redis-server on PATH (apt-get install redis-server)'
      : '';
  return { backendReady, redisAvailable, reason };
}

/** REDIS_URL when set, else a private redis-server on a free loopback port (no persistence). */
async function ensureRedis(): Promise<{ url: string; stop(): Promise<void> }> {
  if (process.env.REDIS_URL) return { url: process.env.REDIS_URL, stop: async () => {} };
  const server = await new RedisServer().start();
  const pid = server.pid;
  if (pid) trackPid(pid);
  return {
    url: server.url,
    stop: async () => {
      if (pid) untrackPid(pid);
      await server.stop();
    },
  };
}

const sum = (us: Usage[]): Usage => ({
  cpuUser: us.reduce((a, u) => a + u.cpuUser, 0),
  cpuSystem: us.reduce((a, u) => a + u.cpuSystem, 0),
  rss: us.reduce((a, u) => a + u.rss, 0),
  heapUsed: us.reduce((a, u) => a + u.heapUsed, 0),
  external: us.reduce((a, u) => a + u.external, 0),
  sockets: us.reduce((a, u) => a + u.sockets, 0),
});

/**
 * Two backends sharing one Redis (REDIS_URL) and one MongoDB; usage is summed over both, so
 * "server CPU" can exceed 100 %. Each meeting's members alternate between the two URLs.
 */
export async function startScaleOut(mongoUri: string, cpuProfDir?: string) {
  const redis = await ensureRedis();
  const backends: Backend[] = [];
  try {
    for (let i = 0; i < 2; i++) backends.push(await startBackend(mongoUri, { extraEnv: { REDIS_URL: redis.url }, ...(cpuProfDir ? { cpuProfDir } : {}) }));
  } catch (err) {
    await Promise.all(backends.map((b) => b.stop()));
    await redis.stop();
    throw err;
  }
  return {
    url: backends[0]!.url,
    urls: backends.map((b) => b.url),
    redisUrl: redis.url,
    usage: async () => sum(await Promise.all(backends.map((b) => b.usage()))),
    usageAfterGc: async () => sum(await Promise.all(backends.map((b) => b.usageAfterGc()))),
    async stop() {
      await Promise.all(backends.map((b) => b.stop()));
      await redis.stop();
    },
  };
}
