import path from 'node:path';
import { NodeChild, ROOT } from './child.js';
import { freePort } from '../../testkit/ports.js';

/** Environment for a benchmarked backend: production mode, limits out of the way, quiet logs. */
export function benchEnv(mongoUri: string, port: number, extra: Record<string, string> = {}): Record<string, string> {
  return {
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    PORT: String(port),
    MONGO_URI: mongoUri,
    // Every bench client comes from 127.0.0.1: the per-IP and per-connection limits would
    // measure the limiter, not the server.
    RATE_LIMIT_CREATE_PER_MINUTE: '100000000',
    RATE_LIMIT_LOOKUP_PER_MINUTE: '100000000',
    RATE_LIMIT_JOINS_PER_MINUTE: '100000000',
    RATE_LIMIT_SOCKET_EVENTS_PER_SECOND: '100000000',
    RATE_LIMIT_CONNECTION_CHECKS_PER_MINUTE: '100000000',
    MAX_CONNECTIONS_PER_ADDRESS: '100000000',
    MAX_PARTICIPANTS: '6',
    // `info` logs a line per join; at warn the figures are about the server, not stdout.
    LOG_LEVEL: 'warn',
    SERVE_FRONTEND: 'false',
    ...extra,
  };
}

export interface Usage {
  cpuUser: number;
  cpuSystem: number;
  rss: number;
  heapUsed: number;
  external: number;
  sockets: number;
}

export interface Backend {
  url: string;
  port: number;
  child: NodeChild;
  usage(): Promise<Usage>;
  /** Usage after a full GC (the child runs with --expose-gc). */
  usageAfterGc(): Promise<Usage>;
  stop(): Promise<void>;
}

export interface BackendOptions {
  extraEnv?: Record<string, string>;
  /** Write a V8 CPU profile of the server to this directory (node --cpu-prof). */
  cpuProfDir?: string;
  nofile?: number;
}

/** Starts the real backend (bench/server/backend-entry.ts) in its own process on a free port. */
export async function startBackend(mongoUri: string, opts: BackendOptions = {}): Promise<Backend> {
  const port = await freePort();
  const nodeArgs = ['--expose-gc'];
  if (opts.cpuProfDir) nodeArgs.push('--cpu-prof', `--cpu-prof-dir=${opts.cpuProfDir}`);
  const child = new NodeChild(path.join(ROOT, 'bench/server/backend-entry.ts'), [], {
    env: benchEnv(mongoUri, port, opts.extraEnv),
    nodeArgs,
    ...(opts.nofile ? { nofile: opts.nofile } : {}),
  });
  await child.waitFor('ready', 60_000);
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    child,
    usage: () => child.call<Usage>('usage'),
    usageAfterGc: () => child.call<Usage>('gc'),
    stop: () => child.stop(),
  };
}
