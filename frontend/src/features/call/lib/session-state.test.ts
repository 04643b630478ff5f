import { describe, expect, it } from 'vitest';
import { isInMeeting, nextPhase, type SessionEvent, type SessionPhase } from './session-state';

const run = (events: SessionEvent[], from: SessionPhase = { name: 'idle' }) =>
  events.reduce(nextPhase, from);

describe('session state machine', () => {
  it('when a join succeeds, then the session is joined', () => {
    const phase = run([{ type: 'JOIN_REQUESTED' }, { type: 'JOIN_SUCCEEDED' }]);
    expect(phase).toEqual({ name: 'joined' });
    expect(isInMeeting(phase)).toBe(true);
  });

  it('when the meeting is full, then the session ends in error MEETING_FULL', () => {
    const phase = run([
      { type: 'JOIN_REQUESTED' },
      { type: 'JOIN_FAILED', code: 'MEETING_FULL', message: 'full' },
    ]);
    expect(phase).toMatchObject({ name: 'error', code: 'MEETING_FULL' });
  });

  it('when the socket drops and the rejoin succeeds, then it goes reconnecting then joined', () => {
    const dropped = run([
      { type: 'JOIN_REQUESTED' },
      { type: 'JOIN_SUCCEEDED' },
      { type: 'CONNECTION_DROPPED', at: 42 },
    ]);
    expect(dropped).toEqual({ name: 'reconnecting', since: 42 });
    expect(nextPhase(dropped, { type: 'REJOINED' })).toEqual({ name: 'joined' });
  });

  it('when reconnecting takes too long, then the error is CONNECTION_LOST', () => {
    const phase = nextPhase({ name: 'reconnecting', since: 0 }, { type: 'RECONNECT_TIMED_OUT' });
    expect(phase).toMatchObject({ name: 'error', code: 'CONNECTION_LOST' });
  });

  it('when a late join ack arrives after leaving, then the session stays left', () => {
    const phase = run([{ type: 'JOIN_REQUESTED' }, { type: 'LEFT' }, { type: 'JOIN_SUCCEEDED' }]);
    expect(phase).toEqual({ name: 'left' });
  });

  it('when a drop is reported in the lobby, then nothing changes', () => {
    expect(run([{ type: 'CONNECTION_DROPPED', at: 1 }])).toEqual({ name: 'idle' });
  });

  it('when the user rejoins after leaving, then the session joins again', () => {
    const phase = run([{ type: 'JOIN_REQUESTED' }], { name: 'left' });
    expect(phase).toEqual({ name: 'joining' });
  });
});
