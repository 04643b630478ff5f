/**
 * `npm run sfu` — runs LiveKit for development (installs it first if needed).
 * `npm run sfu:install` — builds and caches the binary only (CI does this).
 * `npm run sfu -- config` — prints the generated configuration (a starting point for production).
 *
 * The configuration is generated, not kept in a file, so that it always matches the backend's:
 * the same API keys (LIVEKIT_API_KEY/SECRET, else the development keys), the webhook pointed
 * at the backend (PORT), and rtc.turn_servers from the backend's own TURN_URLS and TURN_SECRET.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import dotenv from 'dotenv';
import { installLivekit } from '../backend/src/sfu/server/livekit-binary.js';
import { livekitServerConfig } from '../backend/src/sfu/server/livekit-server-config.js';
import { DEV_SFU, ROOT, devSfuEnv } from './dev-sfu.js';

dotenv.config({ path: path.join(ROOT, 'backend/.env'), quiet: true });

function csv(v: string | undefined): string[] {
  return (v ?? '').split(',').map((s) => s.trim()).filter(Boolean);
}

function devConfig(): Record<string, unknown> {
  const env = process.env;
  const keys = devSfuEnv(env);
  const turnUrls = csv(env.TURN_URLS);
  return livekitServerConfig({
    port: DEV_SFU.port,
    rtcTcpPort: DEV_SFU.rtcTcpPort,
    rtcUdpPort: DEV_SFU.rtcUdpPort,
    nodeIp: env.LIVEKIT_NODE_IP ?? '127.0.0.1',
    apiKey: keys.LIVEKIT_API_KEY,
    apiSecret: keys.LIVEKIT_API_SECRET,
    webhookUrl: `http://127.0.0.1:${env.PORT ?? 5000}/api/livekit/webhook`,
    ...(turnUrls.length > 0 && env.TURN_SECRET ? { turn: { urls: turnUrls, secret: env.TURN_SECRET } } : {}),
    ...(env.LIVEKIT_REDIS_ADDRESS ? { redisAddress: env.LIVEKIT_REDIS_ADDRESS } : {}),
  });
}

function start(): void {
  const bin = installLivekit();
  const config = devConfig();
  console.log(`[sfu] livekit-server on ws://127.0.0.1:${DEV_SFU.port} (rtc udp ${DEV_SFU.rtcUdpPort}, tcp ${DEV_SFU.rtcTcpPort}), rooms created by the backend only`);
  const child = spawn(bin, ['--config-body', JSON.stringify(config)], { stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

const command = process.argv[2] ?? 'start';
try {
  if (command === 'install') console.log(`[sfu] livekit-server ready: ${installLivekit()}`);
  else if (command === 'config') console.log(JSON.stringify(devConfig(), null, 2));
  else if (command === 'start') start();
  else throw new Error(`unknown command "${command}" (start | install | config)`);
} catch (err) {
  console.error(`[sfu] ${(err as Error).message}`);
  process.exit(1);
}
