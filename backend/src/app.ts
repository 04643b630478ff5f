import { existsSync } from 'node:fs';
import path from 'node:path';
import cors from 'cors';
import express, { type Express, type Router } from 'express';
import { rateLimit } from 'express-rate-limit';
import type { Config } from './config.js';
import { pingDb } from './lib/db.js';
import { AppError } from './lib/errors.js';
import { allowedOrigins, hostAllowlist } from './lib/allowed-hosts.js';
import { apiNotFound, errorHandler, requireDb, requireJsonBody } from './lib/http.js';
import { refuseCrossSiteSimpleRequests, requireAllowedHost, requireUtf8 } from './lib/request-guards.js';
import { hideSourceMaps, permissionsPolicy, securityHeaders } from './lib/security-headers.js';
import type { Logger } from './lib/logger.js';
import { isOriginAllowed } from './lib/origin.js';
import { meetingRoutes } from './meetings/meeting.routes.js';
import type { MeetingService } from './meetings/meeting.service.js';
import type { HealthResponse, ReadyResponse } from './contract/protocol.js';

export interface AppDeps {
  config: Config;
  logger: Logger;
  meetings: MeetingService;
  /** `POST /api/livekit/webhook` when an SFU is configured (raw body: mounted before the JSON parser). */
  livekitWebhook?: Router;
}

function limiter(perMinute: number) {
  return rateLimit({
    windowMs: 60_000,
    limit: perMinute,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    handler: (_req, _res, next) => next(new AppError('RATE_LIMITED', 429, 'Too many requests; slow down and try again shortly.')),
  });
}

/** Builds the Express app without listening (the supertest target). */
export function createApp({ config, logger, meetings, livekitWebhook }: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  // Meeting info changes with every join (participantCount): a hashed ETag per response is CPU
  // spent for nothing (seen in the REST benchmark's profile).
  app.set('etag', false);
  app.set('trust proxy', config.http.trustProxy);
  app.set('query parser', 'simple');

  app.use(securityHeaders(config), permissionsPolicy);

  app.get('/healthz', (_req, res) => {
    const body: HealthResponse = { status: 'ok', uptimeSeconds: Math.round(process.uptime()) };
    res.json(body);
  });
  app.get('/readyz', async (_req, res) => {
    const up = await pingDb();
    const body: ReadyResponse = { status: up ? 'ready' : 'unavailable', db: up ? 'up' : 'down' };
    res.status(up ? 200 : 503).json(body);
  });

  if (livekitWebhook) app.use('/api/livekit/webhook', livekitWebhook);

  const api = express.Router();
  api.use(
    cors({
      origin: (origin, cb) => cb(null, isOriginAllowed(origin, undefined, allowedOrigins(config))),
      methods: ['GET', 'POST'],
      maxAge: 600,
    }),
  );
  api.use(requireAllowedHost(hostAllowlist(config)));
  api.use(refuseCrossSiteSimpleRequests((origin, host) => isOriginAllowed(origin, host, allowedOrigins(config))));
  api.use(requireUtf8, requireJsonBody);
  api.use(express.json({ limit: '4kb', strict: true }));
  api.use(
    '/meetings',
    requireDb,
    meetingRoutes({
      meetings,
      createLimiter: limiter(config.rateLimits.createPerMinute),
      lookupLimiter: limiter(config.rateLimits.lookupPerMinute),
    }),
  );
  api.use(apiNotFound);
  app.use('/api', api);

  if (config.http.serveFrontend) serveSpa(app, config, logger);

  app.use((req, _res, next) => next(new AppError('NOT_FOUND', 404, `Not found: ${req.path}`.slice(0, 200))));
  app.use(errorHandler(logger));
  return app;
}

/** Production: the built SPA with history fallback, so `/<meetingId>` deep links work. */
function serveSpa(app: Express, config: Config, logger: Logger): void {
  const dist = path.resolve(config.http.frontendDist ?? path.join(import.meta.dirname, '../../frontend/dist'));
  const index = path.join(dist, 'index.html');
  if (!existsSync(index)) {
    logger.warn({ dist }, 'frontend build not found; run `npm run build` (serving the API only)');
    return;
  }
  app.use(hideSourceMaps(config.http.serveSourceMaps));
  app.use(
    express.static(dist, {
      index: false,
      setHeaders: (res, file) => {
        if (file.includes(`${path.sep}assets${path.sep}`)) res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
      },
    }),
  );
  app.get(/^\/(?!api\/|socket\.io\/|healthz$|readyz$).*/, (req, res, next) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || !req.accepts('html')) return next();
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
}
