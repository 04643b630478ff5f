import { z } from 'zod';
import { LIMITS } from '../contract/limits.js';
import { parseMeetingId } from '../contract/meeting-id.js';
import type { CreateMeetingRequest } from '../contract/protocol.js';

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
    title: z
      .string()
      .trim()
      .max(LIMITS.meetingTitle, `title must be at most ${LIMITS.meetingTitle} characters`)
      // Control characters have no place in a title shown to others.
      .refine((t) => !/[\u0000-\u001f\u007f]/.test(t), 'title must not contain control characters')
      .optional()
      .nullable(),
  })
  .strict() satisfies z.ZodType<CreateMeetingRequest>;
