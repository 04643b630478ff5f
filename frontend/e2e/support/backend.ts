import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from './paths';
import { freeTcpPort } from './ports';
import { waitFor } from './wait';
import { captureOutput } from './process-output';

const ENTRY = path.join(repoRoot, 'backend/dist/index.js');
const SPA_INDEX = path.join(repoRoot, 'frontend/dist/index.html');

/** Rate limits high enough that a test never hits them by accident. */
const GENEROUS_LIMITS = {
  RATE_LIMIT_CREATE_PER_MINUTE: '100000',
  RATE_LIMIT_LOOKUP_PER_MINUTE: '100000',
  RATE_LIMIT_SOCKET_EVENTS_PER_SECOND: '100000',
  RATE_LIMIT_JOINS_PER_MINUTE: '100000',
  RATE_LIMIT_CONNECTION_CHECKS_PER_MINUTE: '100000',
  MAX_CONNECTIONS_PER_ADDRESS: '100000',
};

/**
 * The built backend (`node backend/dist/index.js`) as a child process serving the built SPA, the
 * way production runs it (helmet CSP included). Restartable on the same port and database.
 */
export class BackendProcess {
  private child: ChildProcess | undefined;
  private exited: Promise<number | null> | undefined;
  private output: string[] = [];
  port = 0;

  constructor(
    private readonly mongoUri: string,
    private readonly extraEnv: Record<string, string> = {},
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** The backend's recent stdout/stderr, for failure messages. */
  log(): string {
    return this.output.join('').slice(-8000);
  }

  async start(): Promise<void> {
    if (!existsSync(ENTRY) || !existsSync(SPA_INDEX)) {
      throw new Error(`Build missing (${ENTRY} or ${SPA_INDEX}). Run \`npm run build\` at the repository root first.`);
    }
    if (this.port === 0) this.port = await freeTcpPort();
    const child = spawn(process.execPath, [ENTRY], {
      cwd: path.join(repoRoot, 'backend'),
      env: {
        PATH: process.env.PATH ?? '',
        NODE_ENV: 'production',
        PORT: String(this.port),
        HOST: '127.0.0.1',
        MONGO_URI: this.mongoUri,
        SERVE_FRONTEND: 'true',
        LOG_LEVEL: 'warn',
        ...GENEROUS_LIMITS,
        ...this.extraEnv,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    captureOutput(child, this.output);
    this.exited = new Promise((resolve) =>
      child.once('exit', (code, signal) => {
        this.output.push(`[e2e] backend pid ${child.pid} exited: code ${code}, signal ${signal} at ${new Date().toISOString()}\n`);
        resolve(code);
      }),
    );
    let exitCode: number | null | undefined;
    void this.exited.then((code) => (exitCode = code));

    await waitFor(
      async () => {
        if (exitCode !== undefined) throw new Error(`backend exited with ${exitCode}`);
        const res = await fetch(`${this.url}/readyz`);
        return res.status;
      },
      (status) => status === 200 || exitCode !== undefined,
      { timeoutMs: 30_000, intervalMs: 100, message: `backend on :${this.port} ready (GET /readyz 200)` },
    ).catch((err: Error) => {
      throw new Error(`${err.message}\n--- backend output ---\n${this.log()}`);
    });
    if (exitCode !== undefined) throw new Error(`backend exited with ${exitCode}\n--- backend output ---\n${this.log()}`);
  }

  /** SIGTERM, as an orchestrator would; resolves with the exit code (the backend exits 0). */
  async stop(): Promise<number | null> {
    const child = this.child;
    const exited = this.exited;
    this.child = undefined;
    if (!child || !exited || child.exitCode !== null) return child?.exitCode ?? null;
    child.kill('SIGTERM');
    const timeout = new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 15_000).unref());
    const result = await Promise.race([exited, timeout]);
    if (result === 'timeout') {
      child.kill('SIGKILL');
      throw new Error(`backend did not exit within 15 s of SIGTERM\n--- backend output ---\n${this.log()}`);
    }
    return result;
  }
}
