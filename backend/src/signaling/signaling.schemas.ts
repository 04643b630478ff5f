import { z } from 'zod';
import { LIMITS } from '../contract/limits.js';
import { meetingIdSchema } from '../meetings/meeting.schemas.js';

/** Socket ids are 20 URL-safe characters; bound them so lookups never see junk. */
const peerId = z.string().min(1).max(64).regex(/^[\w-]+$/);

/** Sized for real SDP: a 6-person mesh with audio, video and screen m-lines stays far below. */
export const MAX_SDP_LENGTH = 32_000;

/** Stream ids are UUIDs (Firefox wraps them in braces); bounded so a client can't grow presence. */
const mediaSources = z
  .record(z.string().min(1).max(LIMITS.mediaSourceId).regex(/^[\w{}-]+$/), z.enum(['camera', 'screen']))
  .refine((sources) => Object.keys(sources).length <= LIMITS.mediaSources, `at most ${LIMITS.mediaSources} media sources`);

const mediaState = z.object({ audio: z.boolean(), video: z.boolean(), screen: z.boolean(), sources: mediaSources.optional() });

export const displayNameSchema = z
  .string()
  .transform((s) => s.normalize('NFC').replace(/[\u0000-\u001f\u007f]/g, '').trim())
  .pipe(z.string().min(1, 'display name is required').max(LIMITS.displayName, `display name must be at most ${LIMITS.displayName} characters`));

export const joinSchema = z.object({
  meetingId: meetingIdSchema,
  displayName: displayNameSchema,
  media: mediaState.optional(),
});

export const sdpSchema = z.object({ to: peerId, sdp: z.string().min(1).max(MAX_SDP_LENGTH) });

export const iceCandidateSchema = z.object({
  to: peerId,
  candidate: z
    .object({
      candidate: z.string().max(1024),
      sdpMid: z.string().max(64).nullable().optional(),
      sdpMLineIndex: z.number().int().min(0).max(255).nullable().optional(),
      usernameFragment: z.string().max(256).nullable().optional(),
    })
    .nullable(),
});

export const mediaStateSchema = mediaState;

export const chatSchema = z.object({
  text: z
    .string()
    .transform((s) => s.replace(/\r\n?/g, '\n').trim())
    .pipe(z.string().min(1, 'message is empty').max(LIMITS.chatMessage, `message must be at most ${LIMITS.chatMessage} characters`)),
});

/** Zod issues → one readable line for an ack. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((i) => (i.path.length > 0 ? `${i.path.join('.')}: ${i.message}` : i.message))
    .join('; ')
    .slice(0, 300);
}
