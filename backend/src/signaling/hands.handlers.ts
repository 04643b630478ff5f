import { RateLimiterMemory } from 'rate-limiter-flexible';
import { REACTION_BURST, REACTION_WINDOW_SECONDS } from '../contract/reactions.js';
import { errors } from '../lib/errors.js';
import { roomOf, type IoSocket, type SignalingContext } from './context.js';
import { lowerHandSchema, reactionSchema } from './hands.schemas.js';
import { noPayload } from './host.schemas.js';
import { memberHandler } from './member-handler.js';
import { roleOf } from './roles.js';
import { take } from './socket-limiters.js';

/**
 * Reactions per person. In memory even with Redis: a connection lives on one instance, so its
 * budget is whole there (as the per-connection event budget is, socket-limiters.ts).
 */
export function createReactionLimiter(): RateLimiterMemory {
  return new RateLimiterMemory({ points: REACTION_BURST, duration: REACTION_WINDOW_SECONDS });
}

/**
 * raise-hand, lower-hand, send-reaction. A hand lives in the member's presence entry (as its
 * media-state does), so every instance, and every late joiner's peer list, sees the same queue;
 * leaving takes the entry, and with it the hand, away.
 */
export function registerHandHandlers(ctx: SignalingContext, socket: IoSocket, reactions: RateLimiterMemory): void {
  const { io, presence } = ctx;

  socket.on(
    'raise-hand',
    memberHandler(socket, noPayload, async (_none, { meetingId }) => {
      const hand = await presence.setHand(meetingId, socket.id, new Date().toISOString());
      if (!hand?.raisedAt) throw errors.notInMeeting();
      if (hand.changed) io.to(roomOf(meetingId)).emit('hand-updated', { id: socket.id, raisedAt: hand.raisedAt });
      return { raisedAt: hand.raisedAt };
    }),
  );

  socket.on(
    'lower-hand',
    memberHandler(socket, lowerHandSchema, async ({ id = socket.id }, { meetingId, displayName }) => {
      const other = id !== socket.id;
      if (other && roleOf(socket, meetingId) === 'participant') throw errors.forbidden('Only the host or a co-host can lower someone else’s hand.');
      const hand = await presence.setHand(meetingId, id, null);
      if (!hand) throw other ? errors.peerNotFound() : errors.notInMeeting();
      if (hand.changed) io.to(roomOf(meetingId)).emit('hand-updated', { id, raisedAt: null, ...(other ? { loweredBy: displayName } : {}) });
      return {};
    }),
  );

  socket.on(
    'send-reaction',
    memberHandler(socket, reactionSchema, async ({ emoji }, { meetingId }) => {
      // Per person: the browser's key for this meeting outlives a reconnect; the socket id does not.
      if (!(await take(reactions, socket.data.clientKeyHash ?? socket.id))) throw errors.rateLimited('Too many reactions; wait a few seconds.');
      io.to(roomOf(meetingId)).emit('reaction', { id: socket.id, emoji, sentAt: new Date().toISOString() });
      return {};
    }),
  );
}
