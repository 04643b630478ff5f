import { iceServersFor } from '../ice/ice-servers.js';
import { errors } from '../lib/errors.js';
import { reply } from './acks.js';
import type { IoSocket, SignalingContext } from './context.js';
import { connectionCheckSchema } from './signaling.schemas.js';
import { take } from './socket-limiters.js';

/** Lobby credentials live just long enough for a connection check. */
const PREFLIGHT_TTL_SECONDS = 120;

/**
 * `check-connection`: the lobby's "Test connection" needs STUN/TURN before admission. Knowing an
 * existing meeting's unguessable ID is the same capability that admits a person one click later,
 * so it is what we ask for; outsiders without an ID get nothing. Credentials are minted for a
 * `probe:` identity with a two-minute life. The request counts against its own per-address
 * budget, not the join budget: a person testing repeatedly must not lock everyone behind the same
 * NAT out of joining.
 */
export function registerPreflightHandlers(ctx: SignalingContext, socket: IoSocket): void {
  const { meetings, config, limiters } = ctx;
  socket.on('check-connection', async (payload, ack) => {
    const parsed = connectionCheckSchema.safeParse(payload);
    if (!parsed.success) throw errors.invalidMeetingId();
    if (!(await take(limiters.checks, socket.handshake.address))) {
      throw errors.rateLimited('Too many attempts; wait a minute and try again.');
    }
    if (!(await meetings.find(parsed.data.meetingId))) throw errors.meetingNotFound();
    reply(ack, { ok: true, ...iceServersFor(config.ice, `probe:${socket.id}`, Date.now(), PREFLIGHT_TTL_SECONDS) });
  });
}
