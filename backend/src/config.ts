import { z } from 'zod';
import { checkSfuEnv, sfuConfigFrom, sfuEnvShape, type SfuConfig } from './sfu/sfu-config.js';

/** Comma-separated list → trimmed, non-empty entries. */
const csv = z
  .string()
  .optional()
  .transform((v) =>
    (v ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s.length > 0),
  );

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .optional()
  .transform((v) => (v === undefined ? undefined : ['true', '1', 'yes'].includes(v)));

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(5000),
  HOST: z.string().default('0.0.0.0'),
  MONGO_URI: z.string().optional(),
  MONGO_DATA_DIR: z.string().default('.data/mongo'),
  MEETING_TTL_DAYS: z.coerce.number().positive().default(30),
  // Seats per meeting. Default: 100 with an SFU, the mesh cap (MESH_MAX_PARTICIPANTS) without.
  MAX_PARTICIPANTS: z.coerce.number().int().min(2).max(1000).optional(),
  MESH_MAX_PARTICIPANTS: z.coerce.number().int().min(1).max(50).default(4),
  CORS_ORIGINS: csv,
  TRUST_PROXY: z.string().default('false'),
  STUN_URLS: csv,
  TURN_URLS: csv,
  TURN_SECRET: z.string().optional(),
  TURN_TTL_SECONDS: z.coerce.number().int().min(60).default(3600),
  RATE_LIMIT_CREATE_PER_MINUTE: z.coerce.number().int().min(1).default(30),
  RATE_LIMIT_LOOKUP_PER_MINUTE: z.coerce.number().int().min(1).default(300),
  RATE_LIMIT_SOCKET_EVENTS_PER_SECOND: z.coerce.number().int().min(1).default(100),
  RATE_LIMIT_JOINS_PER_MINUTE: z.coerce.number().int().min(1).default(120),
  SERVE_FRONTEND: bool,
  FRONTEND_DIST: z.string().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional(),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(100).default(10000),
  REDIS_URL: z.string().optional(),
  REDIS_PRESENCE_LEASE_MS: z.coerce.number().int().min(300).default(15000),
  PUBLIC_ORIGIN: z.url({ protocol: /^https?$/ }).optional(),
  ALLOWED_HOSTS: csv,
  MAX_CONNECTIONS_PER_ADDRESS: z.coerce.number().int().min(1).default(100),
  OUTBOUND_BUFFER_LIMIT_BYTES: z.coerce.number().int().min(16 * 1024).default(1024 * 1024),
  RATE_LIMIT_CONNECTION_CHECKS_PER_MINUTE: z.coerce.number().int().min(1).default(30),
  CHAT_HISTORY_MAX_BYTES: z.coerce.number().int().min(64 * 1024).default(32 * 1024 * 1024),
  SERVE_SOURCE_MAPS: bool,
  HTTP_HEADERS_TIMEOUT_MS: z.coerce.number().int().min(1000).default(10_000),
  HTTP_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(1000).default(30_000),
  HTTP_KEEP_ALIVE_TIMEOUT_MS: z.coerce.number().int().min(1000).default(5_000),
  ...sfuEnvShape,
}).superRefine((env, ctx) => {
  checkSfuEnv(env, ctx);
  // Without the secret no TURN credentials can be minted: the relay would silently vanish and
  // calls behind strict NATs would fail with nothing in the logs to say why.
  if (env.TURN_URLS.length > 0 && !env.TURN_SECRET) {
    ctx.addIssue({
      code: 'custom',
      path: ['TURN_SECRET'],
      message: "TURN_URLS is set but TURN_SECRET is not: set TURN_SECRET to coturn's static-auth-secret, or unset TURN_URLS",
    });
  }
});

type Env = z.infer<typeof envSchema>;

/** The validated configuration, shaped by concern. */
export interface Config {
  env: Env['NODE_ENV'];
  port: number;
  host: string;
  mongo: { uri: string | undefined; dataDir: string };
  /** `maxParticipants`: seats with an SFU; `meshMaxParticipants`: seats (and switch point) peer to peer. */
  meetings: { ttlDays: number; maxParticipants: number; meshMaxParticipants: number };
  /** LiveKit SFU; undefined = every meeting stays peer to peer. */
  sfu: SfuConfig | undefined;
  http: {
    corsOrigins: string[];
    trustProxy: boolean | number | string;
    serveFrontend: boolean;
    frontendDist: string | undefined;
    /** The site's own origin (`https://meet.example.com`), when configured. */
    publicOrigin: string | undefined;
    /** Host names (with optional port) the server answers to; see lib/allowed-hosts.ts. */
    allowedHosts: string[];
    serveSourceMaps: boolean;
    timeouts: { headersMs: number; requestMs: number; keepAliveMs: number };
  };
  /** Per client address (IPv6 grouped by /56) and per connection. */
  connections: { perAddress: number; outboundBufferBytes: number };
  chatHistoryMaxBytes: number;
  ice: { stunUrls: string[]; turnUrls: string[]; turnSecret: string | undefined; turnTtlSeconds: number };
  rateLimits: { createPerMinute: number; lookupPerMinute: number; socketEventsPerSecond: number; joinsPerMinute: number; connectionChecksPerMinute: number };
  logLevel: NonNullable<Env['LOG_LEVEL']>;
  shutdownTimeoutMs: number;
  redisUrl: string | undefined;
  /** With Redis: how long a crashed instance's participants keep their seats. */
  redisPresenceLeaseMs: number;
}

function parseTrustProxy(raw: string): boolean | number | string {
  if (raw === 'true') return true;
  if (raw === 'false' || raw === '') return false;
  if (/^\d+$/.test(raw)) return Number(raw);
  return raw; // e.g. "loopback, 10.0.0.0/8"
}

const DEV_ORIGINS = ['http://localhost:5173', 'http://127.0.0.1:5173'];

/** Parses `source` (default `process.env`); throws with every problem listed when invalid. */
export function loadConfig(source: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    throw new Error(`Invalid configuration:\n${z.prettifyError(parsed.error)}`);
  }
  const e = parsed.data;
  const production = e.NODE_ENV === 'production';
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    mongo: { uri: e.MONGO_URI, dataDir: e.MONGO_DATA_DIR },
    meetings: {
      ttlDays: e.MEETING_TTL_DAYS,
      maxParticipants: e.MAX_PARTICIPANTS ?? (e.LIVEKIT_URL ? 100 : e.MESH_MAX_PARTICIPANTS),
      meshMaxParticipants: e.MESH_MAX_PARTICIPANTS,
    },
    sfu: sfuConfigFrom(e),
    http: {
      corsOrigins: e.CORS_ORIGINS.length > 0 ? e.CORS_ORIGINS : production ? [] : DEV_ORIGINS,
      trustProxy: parseTrustProxy(e.TRUST_PROXY),
      serveFrontend: e.SERVE_FRONTEND ?? production,
      frontendDist: e.FRONTEND_DIST,
      publicOrigin: e.PUBLIC_ORIGIN ? new URL(e.PUBLIC_ORIGIN).origin : undefined,
      allowedHosts: e.ALLOWED_HOSTS.map((h) => h.toLowerCase()),
      serveSourceMaps: e.SERVE_SOURCE_MAPS ?? false,
      timeouts: { headersMs: e.HTTP_HEADERS_TIMEOUT_MS, requestMs: e.HTTP_REQUEST_TIMEOUT_MS, keepAliveMs: e.HTTP_KEEP_ALIVE_TIMEOUT_MS },
    },
    connections: { perAddress: e.MAX_CONNECTIONS_PER_ADDRESS, outboundBufferBytes: e.OUTBOUND_BUFFER_LIMIT_BYTES },
    chatHistoryMaxBytes: e.CHAT_HISTORY_MAX_BYTES,
    ice: {
      stunUrls: e.STUN_URLS,
      turnUrls: e.TURN_URLS,
      turnSecret: e.TURN_SECRET,
      turnTtlSeconds: e.TURN_TTL_SECONDS,
    },
    rateLimits: {
      createPerMinute: e.RATE_LIMIT_CREATE_PER_MINUTE,
      lookupPerMinute: e.RATE_LIMIT_LOOKUP_PER_MINUTE,
      socketEventsPerSecond: e.RATE_LIMIT_SOCKET_EVENTS_PER_SECOND,
      joinsPerMinute: e.RATE_LIMIT_JOINS_PER_MINUTE,
      connectionChecksPerMinute: e.RATE_LIMIT_CONNECTION_CHECKS_PER_MINUTE,
    },
    logLevel: e.LOG_LEVEL ?? (e.NODE_ENV === 'test' ? 'silent' : 'info'),
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
    redisUrl: e.REDIS_URL,
    redisPresenceLeaseMs: e.REDIS_PRESENCE_LEASE_MS,
  };
}
