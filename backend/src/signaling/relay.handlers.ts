import type { z } from 'zod';
import { describeIssues, iceCandidateSchema, sdpSchema } from './signaling.schemas.js';
import { ackError, failureAck, reply, type IoSocket, type SignalingContext } from './signaling.server.js';

/**
 * offer / answer / ice-candidate: delivered only to a member of the sender's own meeting, with
 * `from` stamped here. Anything addressed elsewhere is refused in the ack and never delivered.
 */
export function registerRelayHandlers(ctx: SignalingContext, socket: IoSocket): void {
  const { presence, io, logger } = ctx;

  function relay<S extends z.ZodType<{ to: string }>>(
    event: 'offer' | 'answer' | 'ice-candidate',
    schema: S,
    deliver: (to: string, data: z.infer<S>) => void,
  ) {
    socket.on(event, async (payload: unknown, ack?: unknown) => {
      const meetingId = socket.data.meetingId;
      if (!meetingId) return reply(ack, ackError('NOT_IN_MEETING', 'Join a meeting first.'));
      const parsed = schema.safeParse(payload);
      if (!parsed.success) return reply(ack, ackError('VALIDATION_FAILED', describeIssues(parsed.error)));
      const to = parsed.data.to;
      try {
        if (to === socket.id || !(await presence.has(meetingId, to))) {
          return reply(ack, ackError('PEER_NOT_FOUND', 'No such participant in this meeting.'));
        }
        // The sender may have left while we looked the addressee up.
        if (socket.data.meetingId !== meetingId) return reply(ack, ackError('NOT_IN_MEETING', 'Join a meeting first.'));
        deliver(to, parsed.data);
        reply(ack, { ok: true });
      } catch (err) {
        reply(ack, failureAck(err, logger));
      }
    });
  }

  relay('offer', sdpSchema, (to, d) => io.to(to).emit('offer', { from: socket.id, sdp: d.sdp }));
  relay('answer', sdpSchema, (to, d) => io.to(to).emit('answer', { from: socket.id, sdp: d.sdp }));
  relay('ice-candidate', iceCandidateSchema, (to, d) =>
    io.to(to).emit('ice-candidate', { from: socket.id, candidate: d.candidate ?? null }),
  );
}
