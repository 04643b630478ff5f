import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { createConnection } from 'node:net';
import { freePort } from './ports.js';
import { captureOutput, killNow, outputTail } from './process-output.js';
import { waitFor } from './wait.js';

/** `REDIS_SERVER_BIN` or `redis-server` on PATH; throws saying what to install when it will not run. */
export function redisServerBin(): string {
  const bin = process.env.REDIS_SERVER_BIN ?? 'redis-server';
  if (spawnSync(bin, ['--version'], { stdio: 'ignore' }).error) {
    throw new Error(
      `redis-server is not installed (tried "${bin}"). The scale-out tests need it: ` +
        'apt-get install redis-server (CI does this in .ci/run), or set REDIS_SERVER_BIN.',
    );
  }
  return bin;
}

/** Resolves true once something on 127.0.0.1:`port` answers PING with +PONG. */
function redisAnswers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    let reply = '';
    const done = (ok: boolean) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(ok);
    };
    const timer = setTimeout(() => done(false), 500);
    socket.on('connect', () => socket.write('PING\r\n'));
    socket.on('data', (chunk) => {
      reply += chunk.toString('latin1');
      if (reply.includes('\r\n')) done(reply.startsWith('+PONG'));
    });
    socket.on('error', () => done(false));
  });
}

/**
 * A throwaway `redis-server` on a free loopback port, without persistence. Fails (never skips)
 * when the binary is missing: the scale-out tests are part of the suite.
 */
export class RedisServer {
  port = 0;
  private child: ChildProcess | undefined;
  private readonly output: string[] = [];

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  /** The server's process id while it runs (the benchmarks track it for clean-up on Ctrl-C). */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  log(): string {
    return outputTail(this.output, 4000);
  }

  async start(): Promise<this> {
    const bin = redisServerBin();
    this.port = await freePort();
    const child = spawn(bin, ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    captureOutput(child, this.output, 200);
    await waitFor(
      // An exited server ends the wait at once; the check below reports it.
      () => (child.exitCode !== null ? false : redisAnswers(this.port)),
      (ok) => ok || child.exitCode !== null,
      { timeoutMs: 15_000, intervalMs: 100, message: `redis-server answering PING on 127.0.0.1:${this.port}` },
    ).catch((err: Error) => {
      throw new Error(`${err.message}\n--- redis-server output ---\n${this.log()}`);
    });
    if (child.exitCode !== null) throw new Error(`redis-server exited with ${child.exitCode}\n${this.log()}`);
    return this;
  }

  /** SIGKILL: nothing in it needs saving. */
  async stop(): Promise<void> {
    const child = this.child;
    this.child = undefined;
    await killNow(child);
  }
}
