import { z } from 'zod';
import { LIMITS } from '../contract/limits.js';
import { parseMeetingId } from '../contract/meeting-id.js';
import type { CreateMeetingRequest } from '../contract/protocol.js';
import { cleanTextSchema } from '../lib/clean-text-schema.js';

/** A pasted ID or invite link, normalised; anything else fails as INVALID_MEETING_ID. */
export const meetingIdSchema = z
  .string()
  .max(2048)
  .transform((raw, ctx) => {
    const id = parseMeetingId(raw);
    if (!id) {
      ctx.addIssue({ code: 'custom', message: 'invalid meeting id' });
      return z.NEVER;
    }
    return id;
  });

export const createMeetingSchema = z
  .object({
    // An empty or all-space title means "no title"; anything else must clean to something visible.
    title: cleanTextSchema('title', { blankMeansEmpty: true })
      .pipe(z.string().max(LIMITS.meetingTitle, `title must be at most ${LIMITS.meetingTitle} characters`))
      .optional()
      .nullable(),
  })
  .strict() satisfies z.ZodType<CreateMeetingRequest>;
