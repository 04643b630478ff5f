import type { z } from 'zod';
import { errors } from '../lib/errors.js';
import { HostControlsStore } from '../meetings/host-controls.store.js';
import { roomOf, type IoSocket, type SignalingContext } from './context.js';
import { memberHandler, type Member } from './member-handler.js';
import { hostsRoomOf, roleOf, waitingRoomOf } from './roles.js';
import { noPayload, setCoHostSchema, setLockedSchema, setTitleSchema, targetSchema } from './host.schemas.js';
import { decide, listWaiting } from './waiting-room.js';

/**
 * The host powers: lock, admit/deny, remove, mute, end, rename, co-hosts. Every one is checked
 * here, on the server, against the sender's current role: anyone else gets FORBIDDEN and nothing
 * happens. Targets must be in the sender's own meeting (or its waiting room): PEER_NOT_FOUND.
 */
export function registerHostHandlers(ctx: SignalingContext, socket: IoSocket, store = new HostControlsStore()): void {
  const { io, presence, logger } = ctx;

  function hostOnly<S extends z.ZodType>(
    schema: S,
    fn: (data: z.output<S>, member: Member) => Promise<void>,
    who: 'host' | 'any-host' = 'any-host',
  ) {
    return memberHandler(socket, schema, async (data, member) => {
      const role = roleOf(socket, member.meetingId);
      if (role === 'participant' || (who === 'host' && role !== 'host')) {
        throw errors.forbidden(who === 'host' ? 'Only the host can do that.' : undefined);
      }
      await fn(data, member);
      return {};
    });
  }

  /** The target's socket, wherever it lives, if it is a member of `meetingId`. */
  async function memberSocket(meetingId: string, id: string) {
    const [target] = await io.in(id).fetchSockets();
    if (!target || target.data.meetingId !== meetingId || !(await presence.has(meetingId, id))) throw errors.peerNotFound();
    return target;
  }

  socket.on(
    'set-locked',
    hostOnly(setLockedSchema, async ({ locked }, { meetingId }) => {
      const state = await store.setLocked(meetingId, locked);
      io.to(roomOf(meetingId)).emit('meeting-updated', state);
      if (!locked) {
        // Unlocking lets everyone waiting in.
        for (const person of await listWaiting(io, meetingId)) {
          const keyHash = await decide(io, meetingId, person.id, true).catch(() => undefined);
          if (keyHash) await store.forgive(meetingId, keyHash);
        }
      }
      logger.info({ meetingId, locked, by: socket.id }, 'meeting lock changed');
    }),
  );

  socket.on(
    'set-title',
    hostOnly(setTitleSchema, async ({ title }, { meetingId }) => {
      io.to(roomOf(meetingId)).emit('meeting-updated', await store.setTitle(meetingId, title));
    }),
  );

  socket.on(
    'admit',
    hostOnly(targetSchema, async ({ id }, { meetingId }) => {
      const keyHash = await decide(io, meetingId, id, true);
      if (keyHash) await store.forgive(meetingId, keyHash);
    }),
  );

  socket.on(
    'deny',
    hostOnly(targetSchema, async ({ id }, { meetingId }) => {
      await decide(io, meetingId, id, false);
    }),
  );

  socket.on(
    'remove-participant',
    hostOnly(targetSchema, async ({ id }, { meetingId, displayName }) => {
      if (id === socket.id) throw errors.validation('Use leave-meeting to leave.');
      const target = await memberSocket(meetingId, id);
      if (roleOf(target, meetingId) === 'host') throw errors.forbidden('The host cannot be removed.');
      if (target.data.clientKeyHash) await store.markRemoved(meetingId, target.data.clientKeyHash);
      // Taking the seat here makes this the one `user-left` (see leave in meeting.handlers.ts).
      if (await presence.remove(meetingId, id)) {
        io.to(roomOf(meetingId)).emit('user-left', { id, reason: 'removed' });
        // On the SFU their token stays valid until it expires: take them out of the LiveKit room.
        await ctx.media.left(meetingId, id);
      }
      target.emit('removed', { meetingId, by: displayName });
      target.disconnect(true);
      logger.info({ meetingId, removed: id, by: socket.id }, 'participant removed');
    }),
  );

  socket.on(
    'mute-participant',
    hostOnly(targetSchema, async ({ id }, { meetingId, displayName }) => {
      (await memberSocket(meetingId, id)).emit('muted-by-host', { by: displayName });
    }),
  );

  socket.on(
    'mute-all',
    hostOnly(noPayload, async (_none, { meetingId, displayName }) => {
      socket.to(roomOf(meetingId)).emit('muted-by-host', { by: displayName });
    }),
  );

  socket.on(
    'end-meeting',
    hostOnly(noPayload, async (_none, { meetingId, displayName }) => {
      if (!(await store.end(meetingId))) throw errors.meetingEnded();
      const everyone = io.in([roomOf(meetingId), waitingRoomOf(meetingId)]);
      everyone.emit('meeting-ended', { meetingId, by: displayName });
      // On the SFU, the last one out deletes the LiveKit room (MeetingMedia.left).
      everyone.except(socket.id).disconnectSockets(true);
      // The sender goes last, once its ack (sent when this returns) is on the wire.
      setImmediate(() => socket.disconnect(true));
      logger.info({ meetingId, by: socket.id }, 'meeting ended for all');
    }),
  );

  socket.on(
    'set-co-host',
    hostOnly(
      setCoHostSchema,
      async ({ id, coHost }, { meetingId }) => {
        if (id === socket.id) throw errors.validation('The host is already the host.');
        const target = await memberSocket(meetingId, id);
        if (roleOf(target, meetingId) === 'host') throw errors.validation('The host is already the host.');
        if (target.data.clientKeyHash) await store.setCoHost(meetingId, target.data.clientKeyHash, coHost);
        if (coHost) target.join(hostsRoomOf(meetingId));
        else target.leave(hostsRoomOf(meetingId));
        io.to(roomOf(meetingId)).emit('role-changed', { id, role: coHost ? 'cohost' : 'participant' });
        if (coHost) target.emit('waiting-room', { waiting: await listWaiting(io, meetingId) });
      },
      'host',
    ),
  );
}
