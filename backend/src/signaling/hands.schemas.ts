import { z } from 'zod';
import { REACTIONS } from '../contract/reactions.js';
import type { LowerHandRequest, ReactionRequest } from '../contract/protocol.js';

/** Socket ids are 20 URL-safe characters; bound them so lookups never see junk. */
const peerId = z.string().min(1).max(64).regex(/^[\w-]+$/);

export const lowerHandSchema = z.object({ id: peerId.optional() }) satisfies z.ZodType<LowerHandRequest>;

export const reactionSchema = z.object({
  emoji: z.enum(REACTIONS, { error: `emoji must be one of ${REACTIONS.join(' ')}` }),
}) satisfies z.ZodType<ReactionRequest>;
