import express, { type Router } from 'express';
import { WebhookReceiver } from 'livekit-server-sdk';
import { AppError } from '../lib/errors.js';
import type { Logger } from '../lib/logger.js';
import type { SfuConfig } from './sfu-config.js';
import type { SfuReconciler } from './sfu-reconciler.js';

/**
 * `POST /api/livekit/webhook`: LiveKit's events, signed with our API key (a JWT in
 * `Authorization` whose `sha256` claim covers the exact body bytes). So the body is taken raw,
 * whatever its content type (`application/webhook+json`), and verified before it is parsed.
 */
export function livekitWebhookRoutes(config: SfuConfig, reconciler: SfuReconciler, logger: Logger): Router {
  const receiver = new WebhookReceiver(config.apiKey, config.apiSecret);
  const router = express.Router();
  router.post('/', express.text({ type: () => true, limit: '64kb' }), async (req, res, next) => {
    const body = typeof req.body === 'string' ? req.body : '';
    const auth = req.get('authorization')?.replace(/^Bearer\s+/i, '');
    let event;
    try {
      event = await receiver.receive(body, auth);
    } catch (err) {
      // The signature is checked before parsing, so a SyntaxError means a signed body that is not JSON.
      if (err instanceof SyntaxError) {
        next(new AppError('INVALID_JSON', 400, 'The webhook body is not valid JSON.'));
        return;
      }
      logger.warn({ err: (err as Error).message }, 'LiveKit webhook refused: bad signature');
      next(new AppError('INVALID_SIGNATURE', 401, 'The webhook signature did not verify.'));
      return;
    }
    try {
      const outcome = await reconciler.handle(event);
      res.json({ ok: true, outcome });
    } catch (err) {
      next(err);
    }
  });
  router.all('/', (_req, res, next) => {
    res.setHeader('Allow', 'POST');
    next(new AppError('METHOD_NOT_ALLOWED', 405, 'Use POST.'));
  });
  return router;
}
