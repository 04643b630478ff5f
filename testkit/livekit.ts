import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { freePort, freeUdpRange } from './ports.js';
import { captureOutput } from './process-output.js';
import { waitFor } from './wait.js';

// Shared by the browser suite and the benchmarks (bench/browser); no test-runner imports here.

/**
 * Which binary and which configuration: the backend owns both (`backend/src/sfu/server/`), and
 * testkit imports nothing from it, so each user passes them in (frontend/e2e/support/livekit.ts,
 * bench/browser/livekit.ts).
 */
export interface LivekitLaunch {
  bin: string;
  /** Said when the binary is missing (how to install it). */
  missing: string;
  config(ports: { port: number; rtcTcpPort: number; rtcUdpPort: number; apiKey: string; apiSecret: string }): unknown;
}

/** Chromium must accept LiveKit's loopback ICE candidates (`enable_loopback_candidate`). */
export const LIVEKIT_CHROMIUM_ARGS = ['--allow-loopback-in-peer-connection'];

/** A livekit-server on free loopback ports, configured the way the backend's tooling does it. */
export class LivekitProcess {
  private child: ChildProcess | undefined;
  private readonly output: string[] = [];
  readonly apiKey = 'e2e-key';
  readonly apiSecret = randomBytes(24).toString('hex');
  port = 0;

  constructor(private readonly launch: LivekitLaunch) {}

  get url(): string {
    return `ws://127.0.0.1:${this.port}`;
  }

  /** LIVEKIT_* for a backend using this server. */
  get env(): Record<string, string> {
    return { LIVEKIT_URL: this.url, LIVEKIT_API_KEY: this.apiKey, LIVEKIT_API_SECRET: this.apiSecret };
  }

  /** The server's process id while it runs (the benchmark reads its CPU time). */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  log(): string {
    return this.output.join('').slice(-8000);
  }

  /** Fails, never skips, when the binary is missing: CI (.ci/run) installs it. */
  async start(): Promise<void> {
    const { bin } = this.launch;
    if (!existsSync(bin)) throw new Error(this.launch.missing);
    this.port = await freePort();
    const rtcTcpPort = await freePort();
    const { min: rtcUdpPort } = await freeUdpRange(1);
    const config = this.launch.config({ port: this.port, rtcTcpPort, rtcUdpPort, apiKey: this.apiKey, apiSecret: this.apiSecret });
    const child = spawn(bin, ['--config-body', JSON.stringify(config)], { stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    captureOutput(child, this.output);
    await waitFor(
      async () => {
        if (child.exitCode !== null) throw new Error(`livekit-server exited (${child.exitCode}):\n${this.log()}`);
        return fetch(`http://127.0.0.1:${this.port}`).then((r) => r.ok, () => false);
      },
      (ok) => ok,
      { timeoutMs: 20_000, message: `livekit-server answering on port ${this.port}` },
    );
  }

  async stop(): Promise<void> {
    const child = this.child;
    this.child = undefined;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }
}
