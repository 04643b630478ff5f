import type { z } from 'zod';
import { errors } from '../lib/errors.js';
import { memberRoomOf, type IoSocket, type SignalingContext } from './context.js';
import { memberHandler } from './member-handler.js';
import { iceCandidateSchema, sdpSchema } from './signaling.schemas.js';

/**
 * offer / answer / ice-candidate: delivered only to a member of the sender's own meeting, with
 * `from` stamped here. Anything addressed elsewhere is refused in the ack and never delivered.
 */
export function registerRelayHandlers(ctx: SignalingContext, socket: IoSocket): void {
  const { remoteMembers, io } = ctx;

  function relay<S extends z.ZodType<{ to: string }>>(
    event: 'offer' | 'answer' | 'ice-candidate',
    schema: S,
    deliver: (target: Pick<IoSocket, 'emit'>, data: z.output<S>) => void,
  ) {
    socket.on(
      event,
      memberHandler(socket, schema, async (data, { meetingId }) => {
        const to = data.to;
        // A member on this instance is checked and reached in memory, never through Redis; one
        // elsewhere is checked in a per-instance cache and reached through its member room.
        const local = io.sockets.sockets.get(to);
        const member = local ? local.data.meetingId === meetingId : await remoteMembers.has(meetingId, to);
        if (to === socket.id || !member) throw errors.peerNotFound();
        // The sender may have left while we looked the addressee up.
        if (socket.data.meetingId !== meetingId) throw errors.notInMeeting();
        deliver(local ?? io.to(memberRoomOf(meetingId, to)), data);
        return {};
      }),
    );
  }

  relay('offer', sdpSchema, (target, d) => target.emit('offer', { from: socket.id, sdp: d.sdp }));
  relay('answer', sdpSchema, (target, d) => target.emit('answer', { from: socket.id, sdp: d.sdp }));
  relay('ice-candidate', iceCandidateSchema, (target, d) =>
    target.emit('ice-candidate', { from: socket.id, candidate: d.candidate ?? null }),
  );
}
