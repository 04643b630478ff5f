import { useEffect, useRef, useState } from 'react';
import type { SessionSnapshot } from '../lib/session-types';

/** The longest the lobby stays up after the join ack while the first peer's media is on its way. */
export const ROOM_HOLD_MS = 400;

/**
 * True while the meeting room should wait: we are in, others are too, and none of their media has
 * arrived yet (at most {@link ROOM_HOLD_MS}). The room's first render costs the joining page about
 * 100 ms of main thread; rendered right at the join ack, it held back the peer's answer, which the
 * page must apply before any frame can flow. Rendered once the answer is in, it overlaps the
 * connection's own set-up (DTLS, first key frame) instead. Latched: once shown, the room stays.
 */
export function useRoomHold({ phase, peers }: Pick<SessionSnapshot, 'phase' | 'peers'>): boolean {
  const inMeeting = phase.name === 'joined' || phase.name === 'reconnecting';
  const mediaIn = peers.length === 0 || peers.some((p) => p.audio !== null || p.video !== null);
  const [timedOut, setTimedOut] = useState(false);
  const shown = useRef(false);
  const hold = inMeeting && !shown.current && !mediaIn && !timedOut;
  useEffect(() => {
    if (!hold) return;
    const timer = setTimeout(() => setTimedOut(true), ROOM_HOLD_MS);
    return () => clearTimeout(timer);
  }, [hold]);
  if (inMeeting && !hold) shown.current = true;
  return hold;
}
