import type { WaitingPerson } from '../contract/protocol.js';
import { errors } from '../lib/errors.js';
import type { IoServer, IoSocket } from './context.js';
import { admittedRoomOf, hostsRoomOf, waitingRoomOf } from './roles.js';

/** Room size cap: a flood of knocks costs bounded memory and a bounded list for the hosts. */
export const MAX_WAITING = 50;

/** Everyone waiting to enter `meetingId`, oldest first, across instances. */
export async function listWaiting(io: IoServer, meetingId: string, except?: string): Promise<WaitingPerson[]> {
  const sockets = await io.in(waitingRoomOf(meetingId)).fetchSockets();
  return sockets
    .filter((s) => s.id !== except)
    .map((s) => ({ id: s.id, displayName: s.data.displayName ?? '', since: s.data.waitingSince ?? '' }))
    .sort((a, b) => a.since.localeCompare(b.since));
}

/**
 * Sends the current waiting list to the meeting's hosts and co-hosts. `except`: someone just
 * decided on, whose room change may not have reached their instance yet.
 */
export async function announceWaiting(io: IoServer, meetingId: string, except?: string): Promise<void> {
  io.to(hostsRoomOf(meetingId)).emit('waiting-room', { waiting: await listWaiting(io, meetingId, except) });
}

/** Puts a would-be joiner in the waiting room (a second knock keeps its place). */
export async function knock(io: IoServer, socket: IoSocket, meetingId: string, displayName: string): Promise<void> {
  if (socket.data.waitingFor && socket.data.waitingFor !== meetingId) await leaveWaitingRoom(io, socket);
  if (!socket.rooms.has(waitingRoomOf(meetingId))) {
    if ((await listWaiting(io, meetingId)).length >= MAX_WAITING) {
      throw errors.rateLimited('Too many people are waiting to enter this meeting; try again later.');
    }
    socket.data.waitingSince = new Date().toISOString();
  }
  socket.data.waitingFor = meetingId;
  socket.data.displayName = displayName;
  await socket.join(waitingRoomOf(meetingId));
  await announceWaiting(io, meetingId);
}

/** Leaves the waiting room (joined, gave up or disconnected) and updates the hosts' list. */
export async function leaveWaitingRoom(io: IoServer, socket: IoSocket): Promise<void> {
  const meetingId = socket.data.waitingFor;
  if (!meetingId) return;
  socket.data.waitingFor = undefined;
  socket.data.waitingSince = undefined;
  await socket.leave(waitingRoomOf(meetingId));
  await announceWaiting(io, meetingId);
}

/**
 * A host's decision on one waiting person, wherever their socket lives. Admitted: they may join
 * past the lock (and a past removal); denied: this attempt is over. Returns their client-key hash.
 */
export async function decide(io: IoServer, meetingId: string, id: string, admitted: boolean): Promise<string | undefined> {
  const [target] = await io.in(id).fetchSockets();
  if (!target || !target.rooms.has(waitingRoomOf(meetingId))) throw errors.peerNotFound();
  if (admitted) target.join(admittedRoomOf(meetingId));
  target.leave(waitingRoomOf(meetingId));
  target.emit('admission', { meetingId, admitted });
  await announceWaiting(io, meetingId, id);
  return target.data.clientKeyHash;
}
