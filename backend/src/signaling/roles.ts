import type { Role } from '../contract/protocol.js';
import type { IoServer } from './context.js';

// Roles and the waiting room live in Socket.io rooms: with the Redis adapter, a room joined or
// left from any instance (`socketsJoin`, `RemoteSocket.join`) is seen by the socket's own
// instance, so a grant made on one instance holds on every other without shared state of our own.

/** Hosts and co-hosts of a meeting (they get the waiting-room list). */
export const hostsRoomOf = (meetingId: string) => `h:${meetingId}`;
/** People knocking at a locked meeting. */
export const waitingRoomOf = (meetingId: string) => `w:${meetingId}`;
/** People a host admitted, until their join goes through. */
export const admittedRoomOf = (meetingId: string) => `a:${meetingId}`;

/** What a socket (local or remote) may do in `meetingId`. */
export function roleOf(socket: { data: { isHost?: boolean }; rooms: Set<string> }, meetingId: string): Role {
  if (socket.data.isHost) return 'host';
  return socket.rooms.has(hostsRoomOf(meetingId)) ? 'cohost' : 'participant';
}

/** Current roles of a meeting's hosts and co-hosts, by participant id; absent means participant. */
export async function hostRoles(io: IoServer, meetingId: string): Promise<Map<string, Role>> {
  const sockets = await io.in(hostsRoomOf(meetingId)).fetchSockets();
  return new Map(sockets.map((s) => [s.id, roleOf(s, meetingId)]));
}
