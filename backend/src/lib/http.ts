import type { IncomingMessage } from 'node:http';
import express, { type ErrorRequestHandler, type RequestHandler } from 'express';
import proxyAddr from 'proxy-addr';
import type { Config } from '../config.js';
import type { ErrorCode } from '../contract/protocol.js';
import { isDbConnected } from './db.js';
import { AppError, errors, isUnexpected, toAppError } from './errors.js';
import type { Logger } from './logger.js';

/** Routes that need MongoDB answer 503 at once while it is away, instead of waiting on it. */
export const requireDb: RequestHandler = (_req, _res, next) => {
  next(isDbConnected() ? undefined : errors.dbUnavailable());
};

/** Rejects request bodies that are not JSON (415); an empty body is fine. */
export const requireJsonBody: RequestHandler = (req, _res, next) => {
  const hasBody = Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined;
  if (hasBody && !req.is('application/json')) {
    next(new AppError('UNSUPPORTED_MEDIA_TYPE', 415, 'Send the request body as application/json.'));
    return;
  }
  next();
};

export type TrustProxyFn = (address: string, hop: number) => boolean;

/** Express's own compiler for a 'trust proxy' setting, so sockets resolve addresses as routes do. */
export function compileTrustProxy(setting: Config['http']['trustProxy']): TrustProxyFn {
  return express().set('trust proxy', setting).get('trust proxy fn') as TrustProxyFn;
}

/**
 * The client address as Express's `req.ip` computes it: proxy-addr (Express's own dependency)
 * walks X-Forwarded-For while hops are trusted.
 */
export function clientAddress(req: IncomingMessage, trust: TrustProxyFn): string {
  return proxyAddr(req, trust);
}

export const apiNotFound: RequestHandler = (req, _res, next) => {
  next(new AppError('NOT_FOUND', 404, `No such endpoint: ${req.method} ${req.baseUrl}${req.path}`.slice(0, 200)));
};

/** body-parser's errors carry a `type`; map each to a stable code. */
const BODY_PARSER_ERRORS: Record<string, [ErrorCode, number, string]> = {
  'entity.too.large': ['PAYLOAD_TOO_LARGE', 413, 'The request body is too large.'],
  'entity.parse.failed': ['INVALID_JSON', 400, 'The request body is not valid JSON.'],
  'encoding.unsupported': ['UNSUPPORTED_MEDIA_TYPE', 415, 'Unsupported content encoding.'],
  'charset.unsupported': ['UNSUPPORTED_MEDIA_TYPE', 415, 'Unsupported charset.'],
  'request.aborted': ['VALIDATION_FAILED', 400, 'The request was aborted.'],
  'request.size.invalid': ['VALIDATION_FAILED', 400, 'The request size is invalid.'],
  'stream.encoding.set': ['INTERNAL', 500, 'Something went wrong on our side.'],
};

/** An http-errors 400 from a library (`expose` marks it as safe to tell the client). */
function isHttpBadRequest(err: unknown): boolean {
  const e = err as { status?: unknown; expose?: unknown } | null;
  return e?.status === 400 && e.expose === true;
}

/** The one error handler: every error leaves as `{ error: { code, message } }`. */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (err: unknown, req, res, _next) => {
    let appError: AppError;
    const type = (err as { type?: unknown } | null)?.type;
    if (typeof type === 'string' && BODY_PARSER_ERRORS[type]) {
      const [code, status, message] = BODY_PARSER_ERRORS[type];
      appError = new AppError(code, status, message);
    } else if (isHttpBadRequest(err)) {
      // body-parser passes decoding failures (a corrupt gzip or brotli body) on as bare 400s.
      appError = new AppError('INVALID_JSON', 400, 'The request body could not be decoded.');
    } else if (err instanceof URIError) {
      appError = new AppError('VALIDATION_FAILED', 400, 'Malformed URL.');
    } else {
      appError = toAppError(err);
    }
    if (isUnexpected(appError)) {
      logger.error({ err, method: req.method, url: req.originalUrl }, 'request failed');
    }
    if (res.headersSent) {
      res.end();
      return;
    }
    if (appError.code === 'DATABASE_UNAVAILABLE') res.setHeader('Retry-After', '5');
    res.status(appError.status).json({ error: appError.toBody() });
  };
}
