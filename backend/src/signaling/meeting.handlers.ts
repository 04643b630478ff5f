import { nanoid } from 'nanoid';
import { iceServersFor } from '../ice/ice-servers.js';
import { isDbUnavailableError } from '../lib/db.js';
import type { LeaveReason, MediaState, PeerInfo } from '../contract/protocol.js';
import { chatSchema, describeIssues, joinSchema, mediaStateSchema } from './signaling.schemas.js';
import { ackError, failureAck, memberRoomOf, reply, roomOf, type IoSocket, type SignalingContext } from './signaling.server.js';

const MEDIA_OFF: MediaState = { audio: false, video: false, screen: false };

/** join-meeting, leave-meeting, media-state, chat-message, refresh-ice-servers, disconnect. */
export function registerMeetingHandlers(ctx: SignalingContext, socket: IoSocket): void {
  const { logger, meetings, presence, attendance, io, chat, config } = ctx;
  let joining = false;

  /** Does the meeting exist? While MongoDB is away, a meeting with people in it evidently does. */
  async function meetingExists(meetingId: string): Promise<boolean> {
    try {
      return (await meetings.find(meetingId)) !== null;
    } catch (err) {
      if (isDbUnavailableError(err) && (await presence.count(meetingId)) > 0) return true;
      throw err;
    }
  }

  socket.on('join-meeting', async (payload, ack) => {
    if (typeof ack !== 'function') return; // joining without an ack is a protocol error: drop
    if (socket.data.meetingId || joining) {
      ack(ackError('ALREADY_IN_MEETING', 'This connection is already in a meeting; leave it first.'));
      return;
    }
    const parsed = joinSchema.safeParse(payload);
    if (!parsed.success) {
      const invalidId = parsed.error.issues.some((i) => i.path[0] === 'meetingId');
      ack(ackError(invalidId ? 'INVALID_MEETING_ID' : 'VALIDATION_FAILED', describeIssues(parsed.error)));
      return;
    }
    joining = true;
    try {
      if (!(await ctx.joinLimiter.consume(socket.handshake.address).then(() => true, () => false))) {
        ack(ackError('RATE_LIMITED', 'Too many join attempts; wait a minute and try again.'));
        return;
      }
      const { meetingId, displayName } = parsed.data;
      if (!(await meetingExists(meetingId))) {
        ack(ackError('MEETING_NOT_FOUND', 'No meeting with that ID.'));
        return;
      }
      const self: PeerInfo = {
        id: socket.id,
        displayName,
        joinedAt: new Date().toISOString(),
        media: parsed.data.media ?? MEDIA_OFF,
      };
      if (!(await presence.tryAdd(meetingId, self, config.meetings.maxParticipants))) {
        ack(ackError('MEETING_FULL', `This meeting is full (${config.meetings.maxParticipants} people at most).`));
        return;
      }
      if (socket.disconnected) {
        // Gone while we were checking: undo the seat.
        await presence.remove(meetingId, socket.id);
        return;
      }
      socket.data.meetingId = meetingId;
      socket.data.displayName = displayName;
      socket.data.joinedAt = self.joinedAt;
      socket.data.attendanceId = attendance.open(meetingId, socket.id, displayName, new Date(self.joinedAt));
      await socket.join([roomOf(meetingId), memberRoomOf(meetingId, socket.id)]);
      socket.to(roomOf(meetingId)).emit('user-joined', self);
      meetings.touch(meetingId).catch((err: unknown) => logger.debug({ err }, 'could not touch meeting'));
      const peers = (await presence.list(meetingId)).filter((p) => p.id !== socket.id);
      logger.info({ meetingId, peerId: socket.id, peers: peers.length }, 'joined meeting');
      ack({
        ok: true,
        selfId: socket.id,
        meetingId,
        peers,
        maxParticipants: config.meetings.maxParticipants,
        chat: await chat.list(meetingId),
        ...iceServersFor(config.ice, socket.id),
      });
    } catch (err) {
      ack(failureAck(err, logger));
    } finally {
      joining = false;
    }
  });

  async function leave(reason: LeaveReason): Promise<void> {
    const { meetingId, attendanceId } = socket.data;
    if (!meetingId) return;
    socket.data.meetingId = undefined;
    socket.data.attendanceId = undefined;
    await socket.leave(roomOf(meetingId));
    await socket.leave(memberRoomOf(meetingId, socket.id));
    await presence.remove(meetingId, socket.id);
    ctx.memberLeft(meetingId, socket.id);
    io.to(roomOf(meetingId)).emit('user-left', { id: socket.id, reason });
    if (attendanceId) attendance.close(attendanceId, reason);
    if ((await presence.count(meetingId)) === 0) await chat.clear(meetingId);
    logger.info({ meetingId, peerId: socket.id, reason }, 'left meeting');
  }

  socket.on('leave-meeting', async (ack) => {
    if (!socket.data.meetingId) {
      reply(ack, ackError('NOT_IN_MEETING', 'This connection is not in a meeting.'));
      return;
    }
    try {
      await leave('left');
      reply(ack, { ok: true });
    } catch (err) {
      reply(ack, failureAck(err, logger));
    }
  });

  socket.on('disconnect', () => {
    leave('disconnected').catch((err: unknown) => logger.error({ err }, 'clean-up after disconnect failed'));
  });

  socket.on('media-state', async (payload, ack) => {
    const meetingId = socket.data.meetingId;
    if (!meetingId) return reply(ack, ackError('NOT_IN_MEETING', 'Join a meeting first.'));
    const parsed = mediaStateSchema.safeParse(payload);
    if (!parsed.success) return reply(ack, ackError('VALIDATION_FAILED', describeIssues(parsed.error)));
    try {
      await presence.updateMedia(meetingId, socket.id, parsed.data);
      socket.to(roomOf(meetingId)).emit('peer-updated', { id: socket.id, media: parsed.data });
      reply(ack, { ok: true });
    } catch (err) {
      reply(ack, failureAck(err, logger));
    }
  });

  socket.on('chat-message', async (payload, ack) => {
    const { meetingId, displayName } = socket.data;
    if (!meetingId || !displayName) return reply(ack, ackError('NOT_IN_MEETING', 'Join a meeting first.'));
    const parsed = chatSchema.safeParse(payload);
    if (!parsed.success) return reply(ack, ackError('VALIDATION_FAILED', describeIssues(parsed.error)));
    const message = { id: nanoid(12), from: socket.id, displayName, text: parsed.data.text, sentAt: new Date().toISOString() };
    try {
      await chat.add(meetingId, message);
    } catch (err) {
      return reply(ack, failureAck(err, logger));
    }
    io.to(roomOf(meetingId)).emit('chat-message', message);
    reply(ack, { ok: true, message });
  });

  socket.on('refresh-ice-servers', (ack) => {
    if (!socket.data.meetingId) return reply(ack, ackError('NOT_IN_MEETING', 'Only members of a meeting get ICE servers.'));
    reply(ack, { ok: true, ...iceServersFor(config.ice, socket.id) });
  });
}
