import { type ChildProcess, spawn } from 'node:child_process';
import { createHmac, randomBytes } from 'node:crypto';
import { createSocket } from 'node:dgram';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort, freeUdpRange } from './ports.js';
import { captureOutput, outputTail } from './process-output.js';
import { waitFor } from './wait.js';

export const TURN_REALM = 'meet.test';

/** A TURN REST API credential as coturn's `use-auth-secret` checks it (and as the backend mints it). */
export function turnCredential(secret: string, expiresAtSeconds: number, user = 'e2e'): { username: string; credential: string } {
  const username = `${expiresAtSeconds}:${user}`;
  return { username, credential: createHmac('sha1', secret).update(username).digest('base64') };
}

/** Resolves once something answers a STUN Binding Request on 127.0.0.1:`port` (UDP). */
function stunAnswers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createSocket('udp4');
    const request = Buffer.alloc(20);
    request.writeUInt16BE(0x0001, 0); // Binding Request
    request.writeUInt16BE(0, 2);
    request.writeUInt32BE(0x2112a442, 4); // magic cookie
    randomBytes(12).copy(request, 8);
    const done = (ok: boolean) => {
      clearTimeout(timer);
      socket.close();
      resolve(ok);
    };
    const timer = setTimeout(() => done(false), 300);
    socket.on('message', (msg) => done(msg.readUInt16BE(0) === 0x0101 && msg.subarray(8, 20).equals(request.subarray(8, 20))));
    socket.on('error', () => done(false));
    socket.send(request, port, '127.0.0.1');
  });
}

/**
 * Debian's coturn on loopback for one test file, TURN REST API auth with a random secret.
 * `--allow-loopback-peers` is needed only because both browsers live on this machine; the
 * production example (docs/turn/turnserver.conf) denies loopback and private peers.
 */
export class Coturn {
  readonly secret = randomBytes(24).toString('hex');
  port = 0;
  private child: ChildProcess | undefined;
  private output: string[] = [];
  private dir: string | undefined;

  get urls(): string[] {
    return [`turn:127.0.0.1:${this.port}?transport=udp`, `turn:127.0.0.1:${this.port}?transport=tcp`];
  }

  log(): string {
    return outputTail(this.output, 6000);
  }

  async start(): Promise<void> {
    const binary = process.env.TURNSERVER_PATH ?? '/usr/bin/turnserver';
    if (!existsSync(binary)) throw new Error(`coturn not found at ${binary}: apt-get install coturn (or set TURNSERVER_PATH).`);
    this.port = await freePort();
    const relay = await freeUdpRange(40);
    this.dir = mkdtempSync(path.join(tmpdir(), 'e2e-coturn-'));
    const args = [
      '-n', // no config file: /etc/turnserver.conf must not leak into the test
      '--listening-ip=127.0.0.1',
      '--relay-ip=127.0.0.1',
      `--listening-port=${this.port}`,
      `--min-port=${relay.min}`,
      `--max-port=${relay.max}`,
      '--use-auth-secret',
      `--static-auth-secret=${this.secret}`,
      `--realm=${TURN_REALM}`,
      '--fingerprint',
      '--no-tls',
      '--no-dtls',
      '--no-cli',
      '--no-multicast-peers',
      '--allow-loopback-peers',
      `--pidfile=${path.join(this.dir, 'turnserver.pid')}`,
      `--userdb=${path.join(this.dir, 'turndb')}`,
      '--log-file=stdout',
      '--simple-log',
    ];
    const child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    captureOutput(child, this.output);
    await waitFor(
      // An exited server ends the wait at once; the check below reports it.
      () => (child.exitCode !== null ? false : stunAnswers(this.port)),
      (ok) => ok || child.exitCode !== null,
      { timeoutMs: 15_000, intervalMs: 100, message: `coturn answering STUN on 127.0.0.1:${this.port}` },
    ).catch((err: Error) => {
      throw new Error(`${err.message}\n--- turnserver output ---\n${this.log()}`);
    });
    if (child.exitCode !== null) throw new Error(`turnserver exited with ${child.exitCode}\n${this.log()}`);
  }

  async stop(): Promise<void> {
    const child = this.child;
    this.child = undefined;
    if (child && child.exitCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000).unref())]);
      if (child.exitCode === null) child.kill('SIGKILL');
    }
    if (this.dir) rmSync(this.dir, { recursive: true, force: true });
  }
}
