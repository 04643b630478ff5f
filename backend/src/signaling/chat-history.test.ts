import { describe, expect, it } from 'vitest';
import type { ChatMessage } from '../contract/protocol.js';
import { ChatHistory, messageBytes } from './chat-history.js';

const msg = (i: number, text = 'x'.repeat(1000)): ChatMessage => ({ id: `m${i}`, from: 'peer', displayName: 'P', text, sentAt: new Date(0).toISOString() });

describe('ChatHistory', () => {
  it('when a meeting passes its per-meeting count, then its oldest messages go', async () => {
    const chat = new ChatHistory(3);
    for (let i = 0; i < 5; i++) await chat.add('a', msg(i));
    expect((await chat.list('a')).map((m) => m.id)).toEqual(['m2', 'm3', 'm4']);
    expect(chat.bytes).toBe(3 * messageBytes(msg(0)));
  });

  it('when many busy meetings pass the global byte cap, then the least recently written meetings lose their history first and memory stays bounded', async () => {
    const per = messageBytes(msg(0));
    const chat = new ChatHistory(100, per * 25); // room for 25 messages in all
    for (let m = 0; m < 10; m++) for (let i = 0; i < 5; i++) await chat.add(`meeting-${m}`, msg(i));
    expect(chat.bytes).toBeLessThanOrEqual(per * 25);
    expect(await chat.list('meeting-0')).toEqual([]);
    expect(await chat.list('meeting-9')).toHaveLength(5);
    // Writing to an old meeting makes it recent: the next eviction takes another one.
    await chat.add('meeting-5', msg(99));
    await chat.add('meeting-new', msg(100));
    expect((await chat.list('meeting-5')).at(-1)?.id).toBe('m99');
  });

  it('when the last person leaves, then clearing gives the bytes back', async () => {
    const chat = new ChatHistory();
    await chat.add('a', msg(1));
    await chat.clear('a');
    expect(chat.bytes).toBe(0);
  });
});
