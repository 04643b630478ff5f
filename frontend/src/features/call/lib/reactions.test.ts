import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { REACTION_SHOW_MS, Reactions } from './reactions';
import { FakeSignaling } from './testing/fake-signaling';
import type { ReactionEmoji } from '@contract/protocol';

function setup() {
  const reactions = new Reactions();
  const signaling = new FakeSignaling(() => new Error('unused') as never);
  reactions.attach(signaling);
  const from = (id: string, emoji: string) => signaling.fire('reaction', { id, emoji: emoji as ReactionEmoji, sentAt: new Date().toISOString() });
  return { reactions, signaling, from, shown: () => reactions.state.getSnapshot().map((r) => `${r.id}:${r.emoji}`) };
}

describe('Reactions', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('when a reaction arrives, then it shows over its sender for a few seconds, then goes', () => {
    const { from, shown } = setup();
    from('ben', '👍');
    expect(shown()).toEqual(['ben:👍']);
    vi.advanceTimersByTime(REACTION_SHOW_MS - 1);
    expect(shown()).toEqual(['ben:👍']);
    vi.advanceTimersByTime(1);
    expect(shown()).toEqual([]);
  });

  it('when someone sends a burst, then their tile shows only the latest three', () => {
    const { from, shown } = setup();
    for (const emoji of ['👍', '👏', '😂', '❤️', '🎉']) from('ben', emoji);
    from('cat', '😮');
    expect(shown()).toEqual(['ben:😂', 'ben:❤️', 'ben:🎉', 'cat:😮']);
    vi.advanceTimersByTime(REACTION_SHOW_MS);
    expect(shown()).toEqual([]);
  });

  it('when an emoji outside the set arrives, then it is not shown', () => {
    const { from, shown } = setup();
    from('ben', '💩');
    expect(shown()).toEqual([]);
  });

  it('when we send one, then it goes to the server; once we left, nothing more shows', async () => {
    const { reactions, signaling, from, shown } = setup();
    await reactions.send('🎉');
    expect(signaling.reactionsSent).toEqual(['🎉']);
    from('ben', '👍');
    reactions.reset();
    expect(shown()).toEqual([]);
    from('ben', '👍');
    expect(shown()).toEqual([]);
  });
});
