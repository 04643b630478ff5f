import { nanoid } from 'nanoid';
import type { LeaveReason, MediaState, PeerInfo } from '../contract/protocol.js';
import { iceServersFor } from '../ice/ice-servers.js';
import { isDbUnavailableError } from '../lib/db.js';
import { AppError, errors } from '../lib/errors.js';
import { hashSecret, newSecret } from '../meetings/host-key.js';
import type { MeetingDoc } from '../meetings/meeting.model.js';
import { describeZodError } from '../lib/validation.js';
import { reply } from './acks.js';
import { memberRoomOf, roomOf, type IoSocket, type SignalingContext } from './context.js';
import { admission } from './admission.js';
import { memberHandler } from './member-handler.js';
import { distinctName } from './display-names.js';
import { admittedRoomOf, hostRoles, hostsRoomOf } from './roles.js';
import { knock, leaveWaitingRoom, listWaiting } from './waiting-room.js';
import { chatSchema, joinSchema, mediaStateSchema } from './signaling.schemas.js';
import { take } from './socket-limiters.js';

const MEDIA_OFF: MediaState = { audio: false, video: false, screen: false };

/** join-meeting, leave-meeting, media-state, chat-message, refresh-ice-servers, disconnect. */
export function registerMeetingHandlers(ctx: SignalingContext, socket: IoSocket): void {
  const { logger, meetings, presence, attendance, io, chat, config, limiters } = ctx;
  let joining = false;

  /**
   * The meeting as stored, or `'unknown'` when MongoDB is away but people are in it (it evidently
   * exists; host controls cannot be checked until the database is back).
   */
  async function findMeeting(meetingId: string): Promise<MeetingDoc | 'unknown' | null> {
    try {
      return await meetings.findFresh(meetingId);
    } catch (err) {
      if (isDbUnavailableError(err) && (await presence.count(meetingId)) > 0) return 'unknown';
      throw err;
    }
  }

  socket.on('join-meeting', async (payload, ack) => {
    if (typeof ack !== 'function') return; // joining without an ack is a protocol error: drop
    if (socket.data.meetingId || joining) throw errors.alreadyInMeeting();
    const parsed = joinSchema.safeParse(payload);
    if (!parsed.success) {
      if (parsed.error.issues.some((i) => i.path[0] === 'meetingId')) throw errors.invalidMeetingId();
      throw errors.validation(describeZodError(parsed.error));
    }
    joining = true;
    try {
      if (!(await take(limiters.joins, socket.handshake.address))) {
        throw errors.rateLimited('Too many join attempts; wait a minute and try again.');
      }
      const { meetingId } = parsed.data;
      const meeting = await findMeeting(meetingId);
      if (!meeting) throw errors.meetingNotFound();
      const clientKey = parsed.data.clientKey ?? newSecret();
      socket.data.clientKeyHash = hashSecret(clientKey);
      const entry = admission(meeting, socket, meetingId, parsed.data.hostKey);
      if (entry === 'wait') {
        await knock(io, socket, meetingId, parsed.data.displayName);
        throw errors.waitingForHost();
      }
      // Two simultaneous joins with one name can both get it (presence has no name index); rare,
      // and each still has its own tile and id.
      // Our own lingering seats (a rejoin after a crash) do not make our name taken.
      const replaced = new Set(parsed.data.replaces ?? []);
      const others = (await presence.list(meetingId)).filter((p) => !replaced.has(p.id));
      const displayName = distinctName(parsed.data.displayName, others.map((p) => p.displayName));
      const self: PeerInfo = {
        id: socket.id,
        displayName,
        joinedAt: new Date().toISOString(),
        media: parsed.data.media ?? MEDIA_OFF,
        role: entry,
      };
      const seats = await ctx.media.seatLimit(meetingId);
      if (!(await presence.tryAdd(meetingId, self, seats))) throw errors.meetingFull(seats);
      if (!(await ctx.media.grow(meetingId))) {
        // Past the mesh cap and the SFU just failed us: give the seat back rather than overload the mesh.
        await presence.remove(meetingId, socket.id);
        throw new AppError('MEETING_FULL', 409, 'This meeting is full for now (its media server is unreachable).');
      }
      if (socket.disconnected) {
        // Gone while we were checking: undo the seat.
        await presence.remove(meetingId, socket.id);
        return;
      }
      socket.data.meetingId = meetingId;
      socket.data.displayName = displayName;
      socket.data.isHost = entry === 'host';
      socket.data.joinedAt = self.joinedAt;
      socket.data.attendanceId = attendance.open(meetingId, socket.id, displayName, new Date(self.joinedAt));
      try {
        // Room first, then the announcement, then the roster: whoever seats after our listing
        // announces themselves to a room we are already in, so nobody is missed.
        const rooms = [roomOf(meetingId), memberRoomOf(meetingId, socket.id)];
        await socket.join(entry === 'participant' ? rooms : [...rooms, hostsRoomOf(meetingId)]);
        await socket.leave(admittedRoomOf(meetingId));
        await leaveWaitingRoom(io, socket);
        socket.to(roomOf(meetingId)).emit('user-joined', self);
        meetings.touch(meetingId).catch((err: unknown) => logger.debug({ err }, 'could not touch meeting'));
        const roles = await hostRoles(io, meetingId);
        const peers = (await presence.list(meetingId))
          .filter((p) => p.id !== socket.id)
          .map((p) => ({ ...p, role: roles.get(p.id) ?? 'participant' }));
        const history = await chat.list(meetingId);
        // Read after entering the room: a switch decided later reaches us as `media-mode`.
        const mediaMode = await ctx.media.current(meetingId);
        // On the SFU, the first token rides along: the joiner connects a round trip sooner. A
        // failure here is no failed join: the client asks `sfu-token` (and retries) itself.
        const sfuToken =
          mediaMode.mode === 'sfu'
            ? await ctx.media.token({ meetingId, participantId: socket.id, displayName }).catch((err: unknown) => {
                logger.debug({ err, meetingId }, 'no SFU token for the join ack');
                return undefined;
              })
            : undefined;
        logger.info({ meetingId, peerId: socket.id, peers: peers.length }, 'joined meeting');
        ack({
          ok: true,
          selfId: socket.id,
          meetingId,
          displayName,
          peers,
          maxParticipants: seats,
          chat: history,
          clientKey,
          role: entry,
          meeting: meeting === 'unknown' ? { title: null, locked: false } : { title: meeting.title ?? null, locked: meeting.locked ?? false },
          waiting: entry === 'participant' ? [] : await listWaiting(io, meetingId),
          mediaMode,
          ...(sfuToken ? { sfuToken } : {}),
          ...iceServersFor(config.ice, socket.id),
        });
      } catch (err) {
        // Join is all or nothing: a joiner told "failed" must not keep a seat (its retry would
        // meet ALREADY_IN_MEETING) nor linger as a ghost tile for the others.
        await leave('disconnected', 'join-failed').catch((undoErr: unknown) =>
          logger.error({ err: undoErr, meetingId }, 'could not undo a failed join'),
        );
        throw err;
      }
    } finally {
      joining = false;
    }
  });

  /** Gives up the seat and tells the others; `record` is the reason kept in attendance. */
  async function leave(reason: LeaveReason, record: string = reason): Promise<void> {
    const { meetingId, attendanceId } = socket.data;
    if (!meetingId) return;
    socket.data.meetingId = undefined;
    socket.data.attendanceId = undefined;
    socket.data.isHost = undefined;
    await socket.leave(roomOf(meetingId));
    await socket.leave(memberRoomOf(meetingId, socket.id));
    await socket.leave(hostsRoomOf(meetingId));
    ctx.memberLeft(meetingId, socket.id);
    // Whoever takes the seat away announces it and clears the SFU seat: after a host's removal
    // (host.handlers.ts) both are done already.
    if (await presence.remove(meetingId, socket.id)) {
      io.to(roomOf(meetingId)).emit('user-left', { id: socket.id, reason });
      void ctx.media.left(meetingId, socket.id);
    }
    if (attendanceId) attendance.close(attendanceId, record);
    if ((await presence.count(meetingId)) === 0) await chat.clear(meetingId);
    logger.info({ meetingId, peerId: socket.id, reason: record }, 'left meeting');
  }

  socket.on('leave-meeting', async (ack) => {
    if (!socket.data.meetingId) throw errors.notInMeeting('This connection is not in a meeting.');
    await leave('left');
    reply(ack, { ok: true });
  });

  socket.on('disconnect', () => {
    leaveWaitingRoom(io, socket).catch((err: unknown) => logger.warn({ err }, 'could not update the waiting room'));
    leave('disconnected').catch((err: unknown) => logger.error({ err }, 'clean-up after disconnect failed'));
  });

  socket.on(
    'media-state',
    memberHandler(socket, mediaStateSchema, async (media, { meetingId }) => {
      await presence.updateMedia(meetingId, socket.id, media);
      socket.to(roomOf(meetingId)).emit('peer-updated', { id: socket.id, media });
      return {};
    }),
  );

  socket.on(
    'chat-message',
    memberHandler(socket, chatSchema, async ({ text }, { meetingId, displayName }) => {
      const message = { id: nanoid(12), from: socket.id, displayName, text, sentAt: new Date().toISOString() };
      await chat.add(meetingId, message);
      io.to(roomOf(meetingId)).emit('chat-message', message);
      // The broadcast reaches the sender too: the ack only confirms, so no message travels twice.
      return { id: message.id, sentAt: message.sentAt };
    }),
  );

  socket.on('refresh-ice-servers', (ack) => {
    if (!socket.data.meetingId) throw errors.notInMeeting('Only members of a meeting get ICE servers.');
    reply(ack, { ok: true, ...iceServersFor(config.ice, socket.id) });
  });
}
