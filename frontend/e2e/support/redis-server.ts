import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createConnection } from 'node:net';
import { freeTcpPort } from './ports';
import { waitFor } from './wait';
import { captureOutput } from './process-output';

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
 * A throwaway `redis-server` on a free loopback port, no persistence, for the scale-out test.
 * Fails (never skips) when the binary is missing: the scale-out test is part of the suite.
 */
export class RedisServer {
  port = 0;
  private child: ChildProcess | undefined;
  private output: string[] = [];

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  log(): string {
    return this.output.join('').slice(-4000);
  }

  async start(): Promise<void> {
    const binary = process.env.REDIS_SERVER_BIN ?? '/usr/bin/redis-server';
    if (!existsSync(binary)) {
      throw new Error(`redis-server not found at ${binary}: apt-get install redis-server (CI does this in .ci/run), or set REDIS_SERVER_BIN.`);
    }
    this.port = await freeTcpPort();
    const child = spawn(binary, ['--port', String(this.port), '--save', '', '--appendonly', 'no', '--bind', '127.0.0.1'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    captureOutput(child, this.output, 200);
    await waitFor(
      () => {
        if (child.exitCode !== null) throw new Error(`redis-server exited with ${child.exitCode}`);
        return redisAnswers(this.port);
      },
      (ok) => ok || child.exitCode !== null,
      { timeoutMs: 15_000, intervalMs: 100, message: `redis-server answering PING on 127.0.0.1:${this.port}` },
    ).catch((err: Error) => {
      throw new Error(`${err.message}\n--- redis-server output ---\n${this.log()}`);
    });
    if (child.exitCode !== null) throw new Error(`redis-server exited with ${child.exitCode}\n${this.log()}`);
  }

  /** SIGKILL: nothing in it needs saving. */
  async stop(): Promise<void> {
    const child = this.child;
    this.child = undefined;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await exited;
  }
}
