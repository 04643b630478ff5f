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
  const { remoteMembers, io, inbox } = ctx;

  function relay<S extends z.ZodType<{ to: string }>>(
    event: 'offer' | 'answer' | 'ice-candidate',
    schema: S,
    payload: (data: z.output<S>) => object,
  ) {
    socket.on(
      event,
      memberHandler(socket, schema, async (data, { meetingId }) => {
        const to = data.to;
        // A member on this instance is checked and reached in memory, never through Redis; one
        // elsewhere is checked in a per-instance cache and reached through its member room, on
        // its own instance only (that instance's inbox), so no other instance decodes it.
        const local = io.sockets.sockets.get(to);
        const home = local ? null : await remoteMembers.home(meetingId, to);
        const member = local ? local.data.meetingId === meetingId : home !== null;
        if (to === socket.id || !member) throw errors.peerNotFound();
        // The sender may have left while we looked the addressee up.
        if (socket.data.meetingId !== meetingId) throw errors.notInMeeting();
        const packet = payload(data);
        if (local) local.emit(event, packet as never);
        else if (home?.instanceId && inbox) {
          // Its inbox is gone: the instance died, and its members are about to be purged.
          if (!(await inbox.send(home.instanceId, [memberRoomOf(meetingId, to), event, packet]))) remoteMembers.forget(meetingId, to);
        }
        else io.to(memberRoomOf(meetingId, to)).emit(event, packet as never);
        return {};
      }),
    );
  }

  relay('offer', sdpSchema, (d) => ({ from: socket.id, sdp: d.sdp }));
  relay('answer', sdpSchema, (d) => ({ from: socket.id, sdp: d.sdp }));
  relay('ice-candidate', iceCandidateSchema, (d) => ({ from: socket.id, candidate: d.candidate ?? null }));
}
