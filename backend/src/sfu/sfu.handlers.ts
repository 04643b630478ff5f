import { z } from 'zod';
import { AppError, errors } from '../lib/errors.js';
import { meetingIdSchema } from '../meetings/meeting.schemas.js';
import type { IoSocket, SignalingContext } from '../signaling/context.js';
import { memberHandler } from '../signaling/member-handler.js';

const tokenRequestSchema = z.object({ meetingId: meetingIdSchema });

/**
 * `sfu-token`: a LiveKit token only for an admitted member, only for its own meeting, only
 * while that meeting is on the SFU. Identity = the socket id, so LiveKit's participants and
 * Socket.io's peers are the same people under the same ids.
 */
export function registerSfuHandlers(ctx: SignalingContext, socket: IoSocket): void {
  socket.on(
    'sfu-token',
    memberHandler(socket, tokenRequestSchema, async ({ meetingId }, member) => {
      if (meetingId !== member.meetingId) throw new AppError('FORBIDDEN', 403, 'SFU tokens are only for your own meeting.');
      // The seat, not just the socket's memory of it: a seat lost to a presence purge gets nothing.
      if (!(await ctx.presence.has(meetingId, socket.id))) throw errors.notInMeeting('You are no longer in this meeting.');
      const result = await ctx.media.token({ meetingId, participantId: socket.id, displayName: member.displayName });
      // Left (or disconnected) while the token was being prepared: it must not be handed out.
      if (socket.data.meetingId !== meetingId) throw errors.notInMeeting('You left the meeting.');
      return result;
    }),
  );
}
