import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fromRoot } from './paths.js';
import { freePort } from './ports.js';
import { captureOutput, outputTail } from './process-output.js';
import { waitFor } from './wait.js';

/** Rate limits high enough that a test never hits them by accident (every client is 127.0.0.1). */
export const GENEROUS_LIMITS = {
  RATE_LIMIT_CREATE_PER_MINUTE: '100000',
  RATE_LIMIT_LOOKUP_PER_MINUTE: '100000',
  RATE_LIMIT_SOCKET_EVENTS_PER_SECOND: '100000',
  RATE_LIMIT_JOINS_PER_MINUTE: '100000',
  RATE_LIMIT_CONNECTION_CHECKS_PER_MINUTE: '100000',
  MAX_CONNECTIONS_PER_ADDRESS: '100000',
};

export interface BackendProcessOptions {
  /** The script to run (relative to the current directory): default the built `backend/dist/index.js`; a `.ts` entry runs through tsx. */
  entry?: string;
  /** How long start-up may take before `/readyz` answers 200. */
  readyTimeoutMs?: number;
}

/**
 * The backend as a child process on a loopback port, ready once `GET /readyz` answers 200. By
 * default the build (`node backend/dist/index.js`) in production mode serving the built SPA, the
 * way production runs it (helmet CSP included); `env` goes on top of that. Restartable on the same
 * port and database.
 */
export class BackendProcess {
  private child: ChildProcess | undefined;
  private exited: Promise<number | null> | undefined;
  private readonly output: string[] = [];
  private readonly entry: string;
  port = 0;

  constructor(
    private readonly mongoUri: string,
    private readonly env: Record<string, string> = {},
    private readonly options: BackendProcessOptions = {},
  ) {
    this.entry = options.entry ? path.resolve(options.entry) : fromRoot('backend/dist/index.js');
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** The process id while it runs. */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** The backend's recent stdout/stderr, for failure messages. */
  log(): string {
    return outputTail(this.output);
  }

  async start(): Promise<void> {
    const spaIndex = fromRoot('frontend/dist/index.html');
    if (!existsSync(this.entry) || (this.options.entry === undefined && !existsSync(spaIndex))) {
      throw new Error(`Build missing (${this.entry} or ${spaIndex}). Run \`npm run build\` at the repository root first.`);
    }
    if (this.port === 0) this.port = await freePort();
    const child = spawn(process.execPath, [...(this.entry.endsWith('.ts') ? ['--import', 'tsx'] : []), this.entry], {
      cwd: fromRoot('backend'),
      env: {
        PATH: process.env.PATH ?? '',
        NODE_ENV: 'production',
        SERVE_FRONTEND: 'true',
        LOG_LEVEL: 'warn',
        ...GENEROUS_LIMITS,
        ...this.env,
        PORT: String(this.port),
        HOST: '127.0.0.1',
        MONGO_URI: this.mongoUri,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    captureOutput(child, this.output);
    this.exited = new Promise((resolve) =>
      child.once('exit', (code, signal) => {
        this.output.push(`[testkit] backend pid ${child.pid} exited: code ${code}, signal ${signal} at ${new Date().toISOString()}\n`);
        resolve(code);
      }),
    );
    let exitCode: number | null | undefined;
    void this.exited.then((code) => (exitCode = code));

    // An exited backend ends the wait at once (a throwing probe would only count as "not yet").
    await waitFor(
      async () => (exitCode !== undefined ? -1 : (await fetch(`${this.url}/readyz`)).status),
      (status) => status === 200 || exitCode !== undefined,
      { timeoutMs: this.options.readyTimeoutMs ?? 30_000, intervalMs: 100, message: `backend on :${this.port} ready (GET /readyz 200)` },
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

  /** SIGKILL, a crash as the others see it; resolves once the process is gone. */
  async kill(): Promise<void> {
    const child = this.child;
    const exited = this.exited;
    this.child = undefined;
    if (!child || !exited || child.exitCode !== null) return;
    child.kill('SIGKILL');
    await exited;
  }
}
