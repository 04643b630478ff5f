import type { z } from 'zod';
import { errors } from '../lib/errors.js';
import { describeZodError } from '../lib/validation.js';
import { reply } from './acks.js';
import type { IoSocket } from './context.js';

/** Who sent a member event: the sender's meeting and name, as seated at join. */
export interface Member {
  meetingId: string;
  displayName: string;
}

/**
 * A listener for an event only members may send: NOT_IN_MEETING unless the socket is seated,
 * VALIDATION_FAILED unless the payload parses, then `fn`, whose result is acked as
 * `{ ok: true, ...result }`. Whatever `fn` throws reaches the connection's guard (acks.ts).
 */
export function memberHandler<S extends z.ZodType, R extends object>(
  socket: IoSocket,
  schema: S,
  fn: (data: z.output<S>, member: Member) => R | Promise<R>,
): (payload: unknown, ack?: unknown) => Promise<void> {
  return async (payload, ack) => {
    const { meetingId, displayName } = socket.data;
    if (!meetingId || !displayName) throw errors.notInMeeting();
    const parsed = schema.safeParse(payload);
    if (!parsed.success) throw errors.validation(describeZodError(parsed.error));
    reply(ack, { ok: true, ...(await fn(parsed.data, { meetingId, displayName })) });
  };
}
