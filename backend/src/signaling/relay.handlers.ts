import type { z } from 'zod';
import { describeIssues, iceCandidateSchema, sdpSchema } from './signaling.schemas.js';
import { ackError, failureAck, memberRoomOf, reply, type IoSocket, type SignalingContext } from './signaling.server.js';

/**
 * offer / answer / ice-candidate: delivered only to a member of the sender's own meeting, with
 * `from` stamped here. Anything addressed elsewhere is refused in the ack and never delivered.
 */
export function registerRelayHandlers(ctx: SignalingContext, socket: IoSocket): void {
  const { remoteMembers, io, logger } = ctx;

  function relay<S extends z.ZodType<{ to: string }>>(
    event: 'offer' | 'answer' | 'ice-candidate',
    schema: S,
    deliver: (target: Pick<IoSocket, 'emit'>, data: z.infer<S>) => void,
  ) {
    socket.on(event, async (payload: unknown, ack?: unknown) => {
      const meetingId = socket.data.meetingId;
      if (!meetingId) return reply(ack, ackError('NOT_IN_MEETING', 'Join a meeting first.'));
      const parsed = schema.safeParse(payload);
      if (!parsed.success) return reply(ack, ackError('VALIDATION_FAILED', describeIssues(parsed.error)));
      const to = parsed.data.to;
      try {
        // A member on this instance is checked and reached in memory, never through Redis;
        // one elsewhere is checked in a per-instance cache and reached through its member room.
        const local = io.sockets.sockets.get(to);
        const member = local ? local.data.meetingId === meetingId : await remoteMembers.has(meetingId, to);
        if (to === socket.id || !member) {
          return reply(ack, ackError('PEER_NOT_FOUND', 'No such participant in this meeting.'));
        }
        // The sender may have left while we looked the addressee up.
        if (socket.data.meetingId !== meetingId) return reply(ack, ackError('NOT_IN_MEETING', 'Join a meeting first.'));
        deliver(local ?? io.to(memberRoomOf(meetingId, to)), parsed.data);
        reply(ack, { ok: true });
      } catch (err) {
        reply(ack, failureAck(err, logger));
      }
    });
  }

  relay('offer', sdpSchema, (target, d) => target.emit('offer', { from: socket.id, sdp: d.sdp }));
  relay('answer', sdpSchema, (target, d) => target.emit('answer', { from: socket.id, sdp: d.sdp }));
  relay('ice-candidate', iceCandidateSchema, (target, d) =>
    target.emit('ice-candidate', { from: socket.id, candidate: d.candidate ?? null }),
  );
}
