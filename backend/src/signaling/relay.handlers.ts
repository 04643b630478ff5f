import type { z } from 'zod';
import { errors } from '../lib/errors.js';
import type { IoSocket, SignalingContext } from './context.js';
import { memberHandler } from './member-handler.js';
import { iceCandidateSchema, sdpSchema } from './signaling.schemas.js';

/**
 * offer / answer / ice-candidate: delivered only to a member of the sender's own meeting, with
 * `from` stamped here. Anything addressed elsewhere is refused in the ack and never delivered.
 */
export function registerRelayHandlers(ctx: SignalingContext, socket: IoSocket): void {
  const { presence, io } = ctx;

  function relay<S extends z.ZodType<{ to: string }>>(
    event: 'offer' | 'answer' | 'ice-candidate',
    schema: S,
    deliver: (to: string, data: z.output<S>) => void,
  ) {
    socket.on(
      event,
      memberHandler(socket, schema, async (data, { meetingId }) => {
        const to = data.to;
        if (to === socket.id || !(await presence.has(meetingId, to))) throw errors.peerNotFound();
        // The sender may have left while we looked the addressee up.
        if (socket.data.meetingId !== meetingId) throw errors.notInMeeting();
        deliver(to, data);
        return {};
      }),
    );
  }

  relay('offer', sdpSchema, (to, d) => io.to(to).emit('offer', { from: socket.id, sdp: d.sdp }));
  relay('answer', sdpSchema, (to, d) => io.to(to).emit('answer', { from: socket.id, sdp: d.sdp }));
  relay('ice-candidate', iceCandidateSchema, (to, d) =>
    io.to(to).emit('ice-candidate', { from: socket.id, candidate: d.candidate ?? null }),
  );
}
