import { describe, expect, it } from 'vitest';
import { isInMeeting, nextPhase, type SessionEvent, type SessionPhase } from './session-state';

const run = (events: SessionEvent[], from: SessionPhase = { name: 'idle' }) => events.reduce(nextPhase, from);

describe('session state machine: waiting room and host decisions', () => {
  it('when the meeting is locked, then joining waits, is not yet in the meeting, and an admitted join gets in', () => {
    const waiting = run([{ type: 'JOIN_REQUESTED' }, { type: 'WAITING' }]);
    expect(waiting).toEqual({ name: 'waiting' });
    expect(isInMeeting(waiting)).toBe(false);
    expect(nextPhase(waiting, { type: 'JOIN_SUCCEEDED' })).toEqual({ name: 'joined' });
  });

  it('when the meeting locked while our connection was down, then the rejoin waits too', () => {
    expect(nextPhase({ name: 'reconnecting', since: 1 }, { type: 'WAITING' })).toEqual({ name: 'waiting' });
  });

  it('when a host denies, removes or ends, then the session ends with that code wherever it was', () => {
    for (const from of [{ name: 'waiting' }, { name: 'joined' }, { name: 'reconnecting', since: 1 }] as SessionPhase[]) {
      expect(nextPhase(from, { type: 'SENT_OUT', code: 'REMOVED_BY_HOST' })).toMatchObject({ name: 'error', code: 'REMOVED_BY_HOST' });
    }
  });

  it('when a late host decision arrives after leaving or in the lobby, then nothing changes', () => {
    for (const from of [{ name: 'idle' }, { name: 'left' }] as SessionPhase[]) {
      expect(nextPhase(from, { type: 'SENT_OUT', code: 'MEETING_ENDED' })).toBe(from);
    }
    expect(nextPhase({ name: 'joined' }, { type: 'WAITING' })).toEqual({ name: 'joined' });
  });
});
