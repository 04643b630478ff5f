import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from '../lib/child.js';

export interface ScaleOutPlan {
  /** Redis support wired into the backend's server start-up. */
  backendReady: boolean;
  redisAvailable: boolean;
  note: string;
}

/**
 * The relay ramp already takes several server URLs and deals each meeting's members across them
 * (GeneratorPool.setup → generator `setup`, `urls[i % urls.length]`), so the scale-out run is:
 * redis-server on a free port, two backends with REDIS_URL, `ramp(..., [a.url, b.url])`.
 */
export function scaleOutPlan(): ScaleOutPlan {
  let source = '';
  try {
    source = readFileSync(path.join(ROOT, 'backend/src/server.ts'), 'utf8') + readFileSync(path.join(ROOT, 'backend/src/index.ts'), 'utf8');
  } catch {
    /* no backend: nothing to plan */
  }
  // The adapter has landed when start-up builds something from the Redis URL (not just config).
  const backendReady = /createAdapter|redis-streams-adapter|createClient\(/.test(source);
  let redisAvailable = Boolean(process.env.REDIS_URL);
  if (!redisAvailable) {
    try {
      execFileSync('redis-server', ['--version'], { stdio: 'ignore' });
      redisAvailable = true;
    } catch {
      redisAvailable = false;
    }
  }
  // TODO(scale-out): once backendReady, start `redis-server --port <free> --save '' --appendonly no`
  // (or use REDIS_URL), two backends with REDIS_URL, and ramp with both URLs.
  const note = backendReady
    ? 'Scale-out (two servers + Redis): backend support detected; run not yet implemented in the bench (TODO in bench/relay/scale-out.ts).'
    : `Scale-out (two servers + Redis): not run, Redis support has not landed in backend/src/server.ts yet (redis-server ${redisAvailable ? 'is' : 'is not'} available). The generator already splits each meeting's members over several URLs.`;
  return { backendReady, redisAvailable, note };
}
