import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ROOT } from '../lib/child.js';

/**
 * Private build output, so the bench never races another `npm run build` over frontend/dist.
 * Not under a dot-folder: express.static / sendFile refuse paths with dot segments. One per
 * checkout (named after its path): two benches of different worktrees running at once on a shared
 * machine must neither empty each other's build nor serve each other's code.
 */
export const BENCH_FRONTEND_DIST = path.join(tmpdir(), `meet-bench-frontend-dist-${createHash('sha1').update(ROOT).digest('hex').slice(0, 10)}`);

function run(cmd: string, args: string[], cwd: string, timeoutMs: number): Promise<{ ok: boolean; output: string }> {
  return new Promise((resolve) =>
    execFile(cmd, args, { cwd, timeout: timeoutMs, maxBuffer: 16 * 2 ** 20, env: { ...process.env, NODE_ENV: 'production' } }, (err, stdout, stderr) =>
      resolve({ ok: !err, output: `${stdout}\n${stderr}`.trim() }),
    ),
  );
}

let frontendBuilt: Promise<string> | undefined;
const BUILD_TIMEOUT_MS = 600_000;

/**
 * `vite build` of the frontend (production mode, the project's vite.config.ts) with `--manifest`
 * added, into .tmp/: the manifest only lists the chunks, it does not change them.
 */
export function buildFrontend(): Promise<string> {
  frontendBuilt ??= (async () => {
    // A build of this same tree made beforehand (`npm run build` → frontend/dist), for a machine so
    // loaded that vite takes longer than the timeout below. The bundle bench still needs its own.
    const given = process.env.BENCH_FRONTEND_DIST;
    if (given) {
      const dir = path.resolve(ROOT, given);
      if (!existsSync(path.join(dir, 'index.html'))) throw new Error(`BENCH_FRONTEND_DIST=${given}: no index.html there`);
      return dir;
    }
    const vite = path.join(ROOT, 'node_modules/vite/bin/vite.js');
    const r = await run(process.execPath, [vite, 'build', '--manifest', '--outDir', BENCH_FRONTEND_DIST, '--emptyOutDir', '--logLevel', 'warn'], path.join(ROOT, 'frontend'), BUILD_TIMEOUT_MS);
    if (!r.ok || !existsSync(path.join(BENCH_FRONTEND_DIST, 'index.html'))) throw new Error(`vite build failed (a killed build says nothing: the limit is ${BUILD_TIMEOUT_MS / 1000} s):\n${r.output.slice(-3000)}`);
    return BENCH_FRONTEND_DIST;
  })();
  return frontendBuilt;
}

let backendBuilt: Promise<{ entry: string; warning?: string }> | undefined;

/** `npm -w backend run build` (tsc). Type errors still emit JS; they are reported, not fatal. */
export function buildBackend(): Promise<{ entry: string; warning?: string }> {
  backendBuilt ??= (async () => {
    const r = await run('npm', ['-w', 'backend', 'run', 'build'], ROOT, 300_000);
    const entry = path.join(ROOT, 'backend/dist/index.js');
    if (!existsSync(entry)) throw new Error(`backend build produced no ${entry}:\n${r.output.slice(-3000)}`);
    return r.ok ? { entry } : { entry, warning: `backend tsc reported errors (JS emitted anyway): ${r.output.split('\n').find((l) => l.includes('error TS')) ?? ''}` };
  })();
  return backendBuilt;
}
