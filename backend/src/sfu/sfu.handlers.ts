import { z } from 'zod';
import { AppError } from '../lib/errors.js';
import { meetingIdSchema } from '../meetings/meeting.schemas.js';
import { describeIssues } from '../signaling/signaling.schemas.js';
import { ackError, failureAck, type IoSocket, type SignalingContext } from '../signaling/signaling.server.js';

const tokenRequestSchema = z.object({ meetingId: meetingIdSchema });

/**
 * `sfu-token`: a LiveKit token only for an admitted member, only for its own meeting, only
 * while that meeting is on the SFU. Identity = the socket id, so LiveKit's participants and
 * Socket.io's peers are the same people under the same ids.
 */
export function registerSfuHandlers(ctx: SignalingContext, socket: IoSocket): void {
  socket.on('sfu-token', async (payload, ack) => {
    if (typeof ack !== 'function') return;
    const parsed = tokenRequestSchema.safeParse(payload);
    if (!parsed.success) {
      ack(ackError(parsed.error.issues.some((i) => i.path[0] === 'meetingId') ? 'INVALID_MEETING_ID' : 'VALIDATION_FAILED', describeIssues(parsed.error)));
      return;
    }
    const { meetingId, displayName } = socket.data;
    if (!meetingId || !displayName) return ack(ackError('NOT_IN_MEETING', 'Only members of a meeting get SFU tokens.'));
    if (parsed.data.meetingId !== meetingId) return ack(ackError('FORBIDDEN', 'SFU tokens are only for your own meeting.'));
    try {
      // The seat, not just the socket's memory of it: a seat lost to a presence purge gets nothing.
      if (!(await ctx.presence.has(meetingId, socket.id))) return ack(ackError('NOT_IN_MEETING', 'You are no longer in this meeting.'));
      const result = await ctx.media.token({ meetingId, participantId: socket.id, displayName });
      // Left (or disconnected) while the token was being prepared: it must not be handed out.
      if (socket.data.meetingId !== meetingId) return ack(ackError('NOT_IN_MEETING', 'You left the meeting.'));
      ack({ ok: true, ...result });
    } catch (err) {
      ack(err instanceof AppError ? ackError(err.code, err.message) : failureAck(err, ctx.logger));
    }
  });
}
