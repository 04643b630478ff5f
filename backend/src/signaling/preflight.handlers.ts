import { iceServersFor } from '../ice/ice-servers.js';
import { meetingIdSchema } from '../meetings/meeting.schemas.js';
import { ackError, failureAck, reply, type IoSocket, type SignalingContext } from './signaling.server.js';

/** Lobby credentials live just long enough for a connection check. */
export const PREFLIGHT_TTL_SECONDS = 120;

/**
 * `check-connection`: the lobby's "Test connection" needs STUN/TURN before admission. Knowing an
 * existing meeting's unguessable ID is the same capability that admits a person one click later,
 * so it is what we ask for; outsiders without an ID get nothing. Credentials are minted for a
 * `probe:` identity with a two-minute life, and the request counts against its own per-address budget (not the join budget: a person
 * testing repeatedly must not lock everyone behind the same NAT out of joining).
 */
export function registerPreflightHandlers(ctx: SignalingContext, socket: IoSocket): void {
  const { meetings, config, logger } = ctx;
  socket.on('check-connection', async (payload, ack) => {
    const parsed = meetingIdSchema.safeParse((payload as { meetingId?: unknown } | null)?.meetingId);
    if (!parsed.success) return reply(ack, ackError('INVALID_MEETING_ID', 'That is not a valid meeting ID.'));
    try {
      if (!(await ctx.checkLimiter.consume(socket.handshake.address).then(() => true, () => false))) {
        return reply(ack, ackError('RATE_LIMITED', 'Too many attempts; wait a minute and try again.'));
      }
      if (!(await meetings.find(parsed.data))) return reply(ack, ackError('MEETING_NOT_FOUND', 'No meeting with that ID.'));
      reply(ack, { ok: true, ...iceServersFor(config.ice, `probe:${socket.id}`, Date.now(), PREFLIGHT_TTL_SECONDS) });
    } catch (err) {
      reply(ack, failureAck(err, logger));
    }
  });
}
