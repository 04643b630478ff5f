import { Router, type RequestHandler } from 'express';
import { AppError, errors } from '../lib/errors.js';
import { describeZodError } from '../lib/validation.js';
import { createMeetingSchema, meetingIdSchema } from './meeting.schemas.js';
import type { MeetingService } from './meeting.service.js';

export interface MeetingRoutesDeps {
  meetings: MeetingService;
  createLimiter: RequestHandler;
  lookupLimiter: RequestHandler;
}

/** `POST /api/meetings` and `GET /api/meetings/:meetingId` (the spec's contract). */
export function meetingRoutes({ meetings, createLimiter, lookupLimiter }: MeetingRoutesDeps): Router {
  const router = Router();

  router.post('/', createLimiter, async (req, res) => {
    // An absent body (no Content-Type) is the same as `{}`.
    const parsed = createMeetingSchema.safeParse(req.body ?? {});
    if (!parsed.success) {
      throw errors.validation(describeZodError(parsed.error));
    }
    const meeting = await meetings.create(parsed.data);
    res.status(201).location(`/api/meetings/${meeting.meetingId}`).json(meeting);
  });

  router.get('/:meetingId', lookupLimiter, async (req, res) => {
    const parsed = meetingIdSchema.safeParse(req.params.meetingId);
    if (!parsed.success) throw errors.invalidMeetingId();
    res.json(await meetings.get(parsed.data));
  });

  // Any other method on a known path: 405 with Allow, not a misleading 404.
  router.all('/', methodNotAllowed('POST'));
  router.all('/:meetingId', methodNotAllowed('GET, HEAD'));

  return router;
}

function methodNotAllowed(allow: string): RequestHandler {
  return (req, res, next) => {
    res.setHeader('Allow', allow);
    next(new AppError('METHOD_NOT_ALLOWED', 405, `${req.method} is not allowed here; use ${allow}.`));
  };
}
