import { describe, expect, it } from 'vitest';
import { ActiveSpeakers, SpeakingTracker } from './active-speakers';

describe('active speaker', () => {
  it('when a level crosses the threshold, then the person counts as speaking for the hold time only', () => {
    const tracker = new SpeakingTracker(700);
    tracker.sample('bob', 0.01, 0.02, 1000);
    expect(tracker.isSpeaking('bob', 1000)).toBe(false);
    tracker.sample('bob', 0.3, 0.02, 1000);
    expect(tracker.isSpeaking('bob', 1699)).toBe(true);
    expect(tracker.isSpeaking('bob', 1700)).toBe(false);
    tracker.sample('bob', 0.3, 0.02, 2000);
    tracker.forget('bob');
    expect(tracker.isSpeaking('bob', 2000)).toBe(false);
  });

  it('when Bob talks and we are muted, then Bob is the one speaker, and the state only changes when someone starts or stops', async () => {
    let bob = 0.3;
    const speakers = new ActiveSpeakers({ remote: async () => [['bob', bob], ['carol', null]], self: () => null });
    const seen: unknown[] = [];
    speakers.state.subscribe(() => seen.push(speakers.state.getSnapshot()));
    await speakers.poll(1000);
    await speakers.poll(1400);
    expect(seen).toEqual([{ self: false, remote: new Set(['bob']) }]);
    bob = 0;
    await speakers.poll(2200);
    expect(speakers.state.getSnapshot()).toEqual({ self: false, remote: new Set() });
  });

  it('when our microphone level is loud, then we are speaking', async () => {
    const speakers = new ActiveSpeakers({ remote: async () => [], self: () => 0.5 });
    await speakers.poll(1000);
    expect(speakers.state.getSnapshot().self).toBe(true);
  });
});
