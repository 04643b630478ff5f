import { describe, expect, it } from 'vitest';
import { pickPipTrack, type PipCandidate } from './pip-source';

const track = (id: string) => ({ id }) as MediaStreamTrack;
const person = (id: string, patch: Partial<PipCandidate> = {}): PipCandidate => ({ id, speaking: false, video: track(`${id}-cam`), screen: null, ...patch });

describe('pickPipTrack', () => {
  it('when Bob speaks, then the window shows his camera', () => {
    expect(pickPipTrack([person('alice'), person('bob', { speaking: true })], null)).toEqual({ id: 'bob', track: track('bob-cam') });
  });

  it('when nobody speaks now, then it stays on whoever spoke last', () => {
    expect(pickPipTrack([person('alice'), person('bob')], 'bob')?.id).toBe('bob');
  });

  it('when the speaker has no camera, then a shared screen is shown, else the first camera', () => {
    const bob = person('bob', { speaking: true, video: null });
    expect(pickPipTrack([person('alice'), bob, person('carol', { screen: track('carol-screen') })], 'bob')?.track).toEqual(track('carol-screen'));
    expect(pickPipTrack([bob, person('alice')], 'bob')?.id).toBe('alice');
  });

  it('when nobody sends video, then there is nothing to show', () => {
    expect(pickPipTrack([person('bob', { video: null })], null)).toBeNull();
  });
});
