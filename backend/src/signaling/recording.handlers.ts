import { z } from 'zod';
import type { RecordingStateRequest } from '../contract/protocol.js';
import { roomOf, type IoSocket, type SignalingContext } from './context.js';
import { memberHandler } from './member-handler.js';

export const recordingStateSchema = z.object({ recording: z.boolean() }) satisfies z.ZodType<RecordingStateRequest>;

/**
 * recording-state: a member records the meeting in its browser, and everyone must be able to see
 * it. The flag lives on the member's presence entry, so it reaches late joiners (and the other
 * instances) with the peer list, and it ends with the seat: a leaving or vanished recorder's
 * `user-left` clears it, with no separate clean-up to forget.
 */
export function registerRecordingHandlers(ctx: SignalingContext, socket: IoSocket): void {
  socket.on(
    'recording-state',
    memberHandler(socket, recordingStateSchema, async ({ recording }, { meetingId }) => {
      // Only changes are broadcast: a client repeating itself makes no announcements.
      if (await ctx.presence.setRecording(meetingId, socket.id, recording)) {
        ctx.io.to(roomOf(meetingId)).emit('peer-recording', { id: socket.id, recording });
      }
      return {};
    }),
  );
}
