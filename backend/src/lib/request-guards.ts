import type { RequestHandler } from 'express';
import { AppError } from './errors.js';

/** The origins a browser request may come from besides the server's own (same Host). */
type OriginCheck = (origin: string | undefined, host: string | undefined) => boolean;

/**
 * Request bodies are UTF-8 or nothing. body-parser would decode any `utf-*` charset, and UTF-7
 * turns `+ADw-script+AD4-` into `<script>` after every filter that looked at the bytes.
 */
export const requireUtf8: RequestHandler = (req, _res, next) => {
  const header = req.headers['content-type'];
  if (!header) return next();
  const charset = /;\s*charset\s*=\s*"?([^";\s]*)/i.exec(header)?.[1]?.toLowerCase();
  if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') {
    return next(new AppError('UNSUPPORTED_MEDIA_TYPE', 415, 'Send the request body as UTF-8.'));
  }
  next();
};

/**
 * A state-changing request must prove it is not a cross-site "simple" request, the kind any page
 * can send without a CORS preflight (a `no-cors` fetch or a form post, bodiless or text/plain):
 * - `Content-Type: application/json` (not CORS-safelisted, so a foreign page needs our preflight
 *   approval first), or
 * - `Sec-Fetch-Site: same-origin` / `none` (the browser vouches it is our own page or the user), or
 * - no browser markers at all (no `Sec-Fetch-Site`, no `Origin`: curl, monitors, server-to-server),
 *   or an `Origin` that the CORS allowlist accepts (browsers without Fetch Metadata).
 */
export function refuseCrossSiteSimpleRequests(isOriginAllowed: OriginCheck): RequestHandler {
  return (req, _res, next) => {
    if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') return next();
    if (req.is('application/json')) return next();
    const site = req.headers['sec-fetch-site'];
    const origin = req.headers.origin;
    const ok = site !== undefined ? site === 'same-origin' || site === 'none' : origin === undefined || isOriginAllowed(origin, req.headers.host);
    if (ok) return next();
    next(new AppError('UNSUPPORTED_MEDIA_TYPE', 415, 'Send this request with Content-Type: application/json.'));
  };
}

/** Refuses requests addressed to a host name this server does not serve (DNS rebinding). */
export function requireAllowedHost(isHostAllowed: (host: string | undefined) => boolean): RequestHandler {
  return (req, _res, next) => {
    if (isHostAllowed(req.headers.host)) return next();
    next(new AppError('FORBIDDEN_HOST', 421, 'This server does not answer for that host name.'));
  };
}
