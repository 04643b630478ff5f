import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The LiveKit settings `npm run dev` and `npm run sfu` share: the keys match .env.example's
 * development keys, the ports are LiveKit's usual ones, all on loopback.
 */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export const DEV_SFU = {
  port: 7880,
  rtcTcpPort: 7881,
  rtcUdpPort: 7882,
  apiKey: 'devkey',
  // Development only: anyone who reads this repository knows it.
  apiSecret: 'meet-development-secret-not-for-production',
} as const;

/** LIVEKIT_* for a backend using the development LiveKit. */
export function devSfuEnv(env: NodeJS.ProcessEnv = process.env): { LIVEKIT_URL: string; LIVEKIT_API_KEY: string; LIVEKIT_API_SECRET: string } {
  return {
    LIVEKIT_URL: `ws://127.0.0.1:${DEV_SFU.port}`,
    LIVEKIT_API_KEY: env.LIVEKIT_API_KEY ?? DEV_SFU.apiKey,
    LIVEKIT_API_SECRET: env.LIVEKIT_API_SECRET ?? DEV_SFU.apiSecret,
  };
}
