import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Express, RequestHandler } from 'express';
import expressStaticGzip from 'express-static-gzip';
import type { Config } from './config.js';
import { isMeetingId } from './contract/meeting-id.js';
import type { Logger } from './lib/logger.js';
import { hideSourceMaps } from './lib/security-headers.js';

/** Hashed build output: the name changes with the content, so a copy never goes stale. */
const IMMUTABLE = 'public, max-age=31536000, immutable';
/** index.html names the current hashed files: always revalidated (a 304 when unchanged). */
const REVALIDATE = 'no-cache';
/** Unhashed files (robots.txt): short-lived. */
const SHORT = 'public, max-age=3600';

/**
 * Production: the built SPA from `config.http.frontendDist`, with history fallback so
 * `/<meetingId>` deep links work. Vite precompresses every text file (brotli and gzip, at their
 * highest levels); express-static-gzip picks the variant the browser accepts, sets
 * `Content-Encoding` and `Vary: Accept-Encoding`, and falls back to the plain file.
 */
export function serveSpa(app: Express, config: Config, logger: Logger): void {
  const dist = path.resolve(config.http.frontendDist ?? path.join(import.meta.dirname, '../../frontend/dist'));
  if (!existsSync(path.join(dist, 'index.html'))) {
    logger.warn({ dist }, 'frontend build not found; run `npm run build` (serving the API only)');
    return;
  }
  const assetsDir = `${path.sep}assets${path.sep}`;
  // index.html with the meeting route's chunk preloaded (emitted by the frontend build).
  const meetingPage = existsSync(path.join(dist, 'meeting.html')) ? '/meeting.html' : '/index.html';
  const files = expressStaticGzip(dist, {
    enableBrotli: true,
    orderPreference: ['br', 'gzip'],
    index: false,
    serveStatic: {
      index: false,
      // setHeaders sees the file actually sent (`index.html.br`, …).
      setHeaders: (res, file) => {
        const name = path.basename(file);
        const policy = file.includes(assetsDir) ? IMMUTABLE : /^(index|meeting)\.html(\.br|\.gz)?$/.test(name) ? REVALIDATE : SHORT;
        res.setHeader('Cache-Control', policy);
      },
    },
  }) as RequestHandler;

  app.use(hideSourceMaps(config.http.serveSourceMaps));
  app.use(files);
  app.get(/^\/(?!api\/|socket\.io\/|assets\/|healthz$|readyz$).*/, (req, res, next) => {
    if (!req.accepts('html')) return next();
    // Every other path is a client-side route: answer with the (compressed) index.html, or for a
    // meeting's own URL the page that preloads the lobby's code.
    const url = req.url;
    req.url = isMeetingId(req.path.slice(1)) ? meetingPage : '/index.html';
    files(req, res, (err?: unknown) => {
      req.url = url;
      next(err);
    });
  });
}
