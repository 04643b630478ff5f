import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import WebSocket from 'ws';
import { INSTALL_HINT, LIVEKIT_VERSION, livekitBinaryPath } from '../sfu/server/livekit-binary.js';
import { livekitServerConfig, type LiveKitServerOptions } from '../sfu/server/livekit-server-config.js';
import { freePort } from '../../../testkit/ports.js';

/** A livekit-server planned on free loopback ports: its backend env is known before it starts. */
export interface TestLivekit {
  url: string;
  apiUrl: string;
  apiKey: string;
  apiSecret: string;
  /** LIVEKIT_* for a backend using this server. */
  env: Record<string, string>;
  /** Starts (or restarts) the server; `webhookUrl` is the backend's webhook endpoint. */
  start(extra?: Partial<Pick<LiveKitServerOptions, 'webhookUrl' | 'redisAddress'>>): Promise<void>;
  stop(): Promise<void>;
  output(): string;
}

/**
 * Fails, never skips, when the binary is missing: the SFU tests are part of the suite and CI
 * (.ci/run) installs it.
 */
export async function planLivekit(keys?: { apiKey: string; apiSecret: string }): Promise<TestLivekit> {
  const bin = livekitBinaryPath();
  if (!existsSync(bin)) throw new Error(`livekit-server ${LIVEKIT_VERSION} is not installed at ${bin}. Run: ${INSTALL_HINT}`);
  const [port, rtcTcpPort, rtcUdpPort] = [await freePort(), await freePort(), await freePort()];
  // Nodes of one multi-node cluster share their keys.
  const apiKey = keys?.apiKey ?? 'test-key';
  const apiSecret = keys?.apiSecret ?? randomBytes(24).toString('hex');
  const url = `ws://127.0.0.1:${port}`;
  const apiUrl = `http://127.0.0.1:${port}`;
  let child: ChildProcess | undefined;
  let log = '';

  const stop = async () => {
    const running = child;
    child = undefined;
    if (!running || running.exitCode !== null) return;
    const exited = new Promise((resolve) => running.once('exit', resolve));
    running.kill('SIGKILL');
    await exited;
  };

  return {
    url,
    apiUrl,
    apiKey,
    apiSecret,
    env: { LIVEKIT_URL: url, LIVEKIT_API_KEY: apiKey, LIVEKIT_API_SECRET: apiSecret },
    output: () => log,
    stop,
    async start(extra = {}) {
      await stop();
      const config = livekitServerConfig({ port, rtcTcpPort, rtcUdpPort, apiKey, apiSecret, logLevel: 'warn', ...extra });
      const proc = spawn(bin, ['--config-body', JSON.stringify(config)], { stdio: ['ignore', 'pipe', 'pipe'] });
      child = proc;
      proc.stdout?.on('data', (c: Buffer) => (log = (log + c.toString()).slice(-20_000)));
      proc.stderr?.on('data', (c: Buffer) => (log = (log + c.toString()).slice(-20_000)));
      const deadline = Date.now() + 20_000;
      while (Date.now() < deadline) {
        if (proc.exitCode !== null) throw new Error(`livekit-server exited (${proc.exitCode}):\n${log}`);
        if (await fetch(apiUrl).then((r) => r.ok, () => false)) return;
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error(`livekit-server did not answer on ${apiUrl} within 20 s:\n${log}`);
    },
  };
}

/**
 * A LiveKit participant without a browser: the signaling WebSocket alone. LiveKit seats it in
 * the room as soon as the join is accepted (state JOINING, no media), which is all the token
 * and removal checks need. Resolves once LiveKit sent its first signal message.
 */
export async function signalOnlyParticipant(url: string, token: string): Promise<{ ws: WebSocket; closed: Promise<void> }> {
  const ws = new WebSocket(`${url}/rtc?access_token=${encodeURIComponent(token)}&protocol=15&sdk=js&version=2.23.0&auto_subscribe=1`);
  const closed = new Promise<void>((resolve) => ws.once('close', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('LiveKit sent nothing within 5 s')), 5000);
    ws.once('message', () => {
      clearTimeout(timer);
      resolve();
    });
    ws.once('unexpected-response', (_req, res) => {
      clearTimeout(timer);
      reject(new Error(`LiveKit refused the connection: HTTP ${res.statusCode}`));
    });
    ws.once('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
  });
  return { ws, closed };
}

/** LiveKit's own connect-time check of a token (`GET /rtc/validate`): the HTTP status it answers. */
export async function validateToken(apiUrl: string, token: string): Promise<number> {
  const res = await fetch(`${apiUrl}/rtc/validate?access_token=${encodeURIComponent(token)}`);
  return res.status;
}
