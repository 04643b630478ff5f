import type { Role } from '../contract/protocol.js';
import { errors } from '../lib/errors.js';
import { secretMatches } from '../meetings/host-key.js';
import type { MeetingDoc } from '../meetings/meeting.model.js';
import type { IoSocket } from './context.js';
import { admittedRoomOf } from './roles.js';

/**
 * Who may walk into `meeting`, and as what: the host key holder as host; a co-host's browser as
 * co-host; anyone else as a participant, unless the meeting is locked or their browser was
 * removed, in which case they wait for a host (a host's admission lets them through once).
 * `'unknown'`: MongoDB is away; nobody is held back, and host keys wait until it returns.
 */
export function admission(
  meeting: MeetingDoc | 'unknown',
  socket: IoSocket,
  meetingId: string,
  hostKey: string | undefined,
): Role | 'wait' {
  const known = meeting === 'unknown' ? undefined : meeting;
  if (known?.endedAt) throw errors.meetingEnded();
  if (hostKey !== undefined) {
    if (!known) throw errors.dbUnavailable();
    if (!secretMatches(hostKey, known?.hostKeyHash)) throw errors.forbidden('That host key does not belong to this meeting.');
    return 'host';
  }
  const keyHash = socket.data.clientKeyHash ?? '';
  if (known?.coHosts?.includes(keyHash)) return 'cohost';
  if (socket.rooms.has(admittedRoomOf(meetingId))) return 'participant';
  if (known?.locked || known?.removed?.includes(keyHash)) return 'wait';
  return 'participant';
}
