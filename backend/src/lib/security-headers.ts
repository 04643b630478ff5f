import type { RequestHandler } from 'express';
import helmet from 'helmet';
import type { Config } from '../config.js';
import { AppError } from './errors.js';

/** Where the SPA may connect: itself, the public origin (with its WebSocket twin), LiveKit. */
export function connectSources(config: Config): string[] {
  const sources = new Set<string>(["'self'"]);
  const add = (url: string) => {
    const u = new URL(url);
    const secure = u.protocol === 'https:' || u.protocol === 'wss:';
    sources.add(`${secure ? 'https' : 'http'}://${u.host}`);
    sources.add(`${secure ? 'wss' : 'ws'}://${u.host}`);
  };
  if (config.http.publicOrigin) add(config.http.publicOrigin);
  if (config.sfu) add(config.sfu.url);
  return [...sources];
}

/** helmet with our CSP: nothing may be fetched from or connected to beyond `connectSources`. */
export function securityHeaders(config: Config): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: true,
      directives: {
        'default-src': ["'self'"],
        'script-src': ["'self'"],
        'style-src': ["'self'", "'unsafe-inline'"],
        'img-src': ["'self'", 'data:', 'blob:'],
        'media-src': ["'self'", 'blob:', 'mediastream:'],
        'connect-src': connectSources(config),
        'worker-src': ["'self'", 'blob:'],
        'upgrade-insecure-requests': null,
      },
    },
    crossOriginEmbedderPolicy: false,
  });
}

/** Camera, microphone and screen capture for our own pages only; nothing else powerful at all. */
export const PERMISSIONS_POLICY =
  'camera=(self), microphone=(self), display-capture=(self), fullscreen=(self), geolocation=(), payment=(), usb=()';

export const permissionsPolicy: RequestHandler = (_req, res, next) => {
  res.setHeader('Permissions-Policy', PERMISSIONS_POLICY);
  next();
};

/** Source maps (full source) are served only when SERVE_SOURCE_MAPS opts in. */
export function hideSourceMaps(serve: boolean): RequestHandler {
  return (req, _res, next) => {
    next(!serve && req.path.endsWith('.map') ? new AppError('NOT_FOUND', 404, 'Not found.') : undefined);
  };
}
