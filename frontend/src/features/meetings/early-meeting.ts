import type { MeetingDto } from '@contract/protocol';
import { isMeetingId } from '@contract/meeting-id';
import { getMeeting } from './api';

/** Older than this, the early answer is not used: the lobby asks again. */
const MAX_AGE_MS = 5_000;

let early: { meetingId: string; at: number; meeting: Promise<MeetingDto> } | null = null;

/**
 * Started by the entry script on a meeting's URL, before the route chunk loads: the lobby's
 * first `GET /api/meetings/:id` then travels alongside that chunk instead of after it, so the
 * lobby can paint as soon as its code is in (Lighthouse counts every request before the paint).
 */
export function fetchMeetingEarly(pathname: string): void {
  const meetingId = pathname.slice(1);
  // Only a canonical ID: any other path is redirected or not found by the route itself.
  if (!isMeetingId(meetingId)) return;
  const meeting = getMeeting(meetingId);
  // Nobody may be waiting for it yet: an error is read by whoever takes it.
  meeting.catch(() => undefined);
  early = { meetingId, at: Date.now(), meeting };
}

/** The early answer for `meetingId` while it is fresh (a StrictMode remount may take it twice), else a new GET. */
export function firstMeeting(meetingId: string): Promise<MeetingDto> {
  if (early?.meetingId === meetingId && Date.now() - early.at < MAX_AGE_MS) return early.meeting;
  early = null;
  return getMeeting(meetingId);
}
