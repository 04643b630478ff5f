import { z } from 'zod';
import { LIMITS } from '../contract/limits.js';
import { cleanTextSchema } from '../lib/clean-text-schema.js';
import type { SetCoHostRequest, SetLockedRequest, SetTitleRequest, TargetRequest } from '../contract/protocol.js';

/** Socket ids are 20 URL-safe characters; bound them so lookups never see junk. */
const peerId = z.string().min(1).max(64).regex(/^[\w-]+$/);

export const targetSchema = z.object({ id: peerId }) satisfies z.ZodType<TargetRequest>;

export const setLockedSchema = z.object({ locked: z.boolean() }) satisfies z.ZodType<SetLockedRequest>;

export const setCoHostSchema = z.object({ id: peerId, coHost: z.boolean() }) satisfies z.ZodType<SetCoHostRequest>;

/** The same cleaning as a title given at creation (meeting.schemas.ts): one rule for titles. */
export const setTitleSchema = z.object({
  title: cleanTextSchema('title', { blankMeansEmpty: true })
    .pipe(z.string().max(LIMITS.meetingTitle, `title must be at most ${LIMITS.meetingTitle} characters`))
    .nullable()
    .transform((t) => (t ? t : null)),
}) satisfies z.ZodType<SetTitleRequest, unknown>;

/** Events with no payload: whatever the client sent in its place is ignored. */
export const noPayload = z.unknown().transform(() => ({}));
