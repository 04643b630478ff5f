import { z } from 'zod';

/** LiveKit settings: the server browsers connect to and the key pair that signs tokens. */
export interface SfuConfig {
  /** What browsers connect to (ws:// or wss://), sent with each token. */
  url: string;
  /** Where this backend calls LiveKit's server API (RoomService); defaults to `url` over http(s). */
  apiUrl: string;
  apiKey: string;
  apiSecret: string;
  /** Lifetime of an SFU access token; clients ask for a new one before it runs out. */
  tokenTtlSeconds: number;
}

const wsUrl = z
  .string()
  .url()
  .refine((v) => /^wss?:\/\//.test(v), 'must start with ws:// or wss://');

/** The environment variables of the SFU, merged into the config schema. */
export const sfuEnvShape = {
  LIVEKIT_URL: wsUrl.optional(),
  LIVEKIT_API_URL: z
    .string()
    .url()
    .refine((v) => /^https?:\/\//.test(v), 'must start with http:// or https://')
    .optional(),
  LIVEKIT_API_KEY: z.string().min(1).optional(),
  // LiveKit itself refuses secrets shorter than 32 characters.
  LIVEKIT_API_SECRET: z.string().min(32, 'must be at least 32 characters (LiveKit refuses shorter secrets)').optional(),
  LIVEKIT_TOKEN_TTL_SECONDS: z.coerce.number().int().min(60).max(86_400).default(600),
};

type SfuEnv = {
  LIVEKIT_URL?: string | undefined;
  LIVEKIT_API_URL?: string | undefined;
  LIVEKIT_API_KEY?: string | undefined;
  LIVEKIT_API_SECRET?: string | undefined;
  LIVEKIT_TOKEN_TTL_SECONDS: number;
};

const TRIO = ['LIVEKIT_URL', 'LIVEKIT_API_KEY', 'LIVEKIT_API_SECRET'] as const;

/** All or nothing: half an SFU configuration is a mistake worth stopping for, not a silent mesh. */
export function checkSfuEnv(env: Partial<SfuEnv>, ctx: z.RefinementCtx): void {
  const set = TRIO.filter((k) => env[k] !== undefined);
  if (set.length === 0 || set.length === TRIO.length) return;
  for (const k of TRIO.filter((k) => env[k] === undefined)) {
    ctx.addIssue({ code: 'custom', path: [k], message: `required when ${set.join(' and ')} ${set.length > 1 ? 'are' : 'is'} set (LiveKit needs all three)` });
  }
}

export function sfuConfigFrom(env: SfuEnv): SfuConfig | undefined {
  if (!env.LIVEKIT_URL || !env.LIVEKIT_API_KEY || !env.LIVEKIT_API_SECRET) return undefined;
  return {
    url: env.LIVEKIT_URL,
    apiUrl: env.LIVEKIT_API_URL ?? env.LIVEKIT_URL.replace(/^ws/, 'http'),
    apiKey: env.LIVEKIT_API_KEY,
    apiSecret: env.LIVEKIT_API_SECRET,
    tokenTtlSeconds: env.LIVEKIT_TOKEN_TTL_SECONDS,
  };
}
