import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';

/**
 * The LiveKit server version this project runs and tests against. Later versions replace pion
 * with forks the Go module proxy does not serve, so they do not build from source here.
 */
export const LIVEKIT_VERSION = '1.13.5';

/** Where the binary is cached: `LIVEKIT_BIN`, else `~/.cache/meet/livekit-<version>/server`. */
export function livekitBinaryPath(env: NodeJS.ProcessEnv = process.env): string {
  if (env.LIVEKIT_BIN) return env.LIVEKIT_BIN;
  const cache = env.XDG_CACHE_HOME ?? path.join(homedir(), '.cache');
  return path.join(cache, 'meet', `livekit-${LIVEKIT_VERSION}`, 'server');
}

export const INSTALL_HINT = `npm run sfu:install (builds livekit-server ${LIVEKIT_VERSION} with Go into ~/.cache/meet; .ci/run does this)`;

/** Builds the binary from the Go module proxy unless it is already cached. Needs Go ≥ 1.24. */
export function installLivekit(log: (line: string) => void = console.log): string {
  const bin = livekitBinaryPath();
  if (existsSync(bin)) return bin;
  if (spawnSync('go', ['version']).error) {
    throw new Error(`Go is not installed: livekit-server ${LIVEKIT_VERSION} is built from source (apt-get install golang, or https://go.dev/dl).`);
  }
  const dir = path.dirname(bin);
  mkdirSync(dir, { recursive: true });
  log(`building livekit-server ${LIVEKIT_VERSION} into ${dir} (a few minutes, once)...`);
  const built = spawnSync('go', ['install', `github.com/livekit/livekit-server/cmd/server@v${LIVEKIT_VERSION}`], {
    env: { ...process.env, CGO_ENABLED: '0', GOBIN: dir, GOFLAGS: '-buildvcs=false' },
    stdio: 'inherit',
  });
  if (built.status !== 0 || !existsSync(bin)) throw new Error(`go install of livekit-server ${LIVEKIT_VERSION} failed (exit ${built.status})`);
  return bin;
}
