import type { ChatMessage } from '@contract/protocol';
import { describe, expect, it } from 'vitest';
import { unreadSince } from './chat-unread';

const message = (id: string, from: string): ChatMessage => ({ id, from, displayName: from, text: id, sentAt: '2030-01-01T00:00:00.000Z' });
const chat = [message('1', 'bob'), message('2', 'me'), message('3', 'bob'), message('4', 'carol')];

describe('unread chat', () => {
  it('when messages arrive after the last one seen, then those from others are unread and ours are not', () => {
    expect(unreadSince(chat, 'me', '1').map((m) => m.id)).toEqual(['3', '4']);
  });

  it('when the last message is the one seen, then nothing is unread', () => {
    expect(unreadSince(chat, 'me', '4')).toEqual([]);
  });

  it('when the seen message has scrolled out of the kept history, then every message from others counts', () => {
    expect(unreadSince(chat, 'me', 'gone').map((m) => m.id)).toEqual(['1', '3', '4']);
  });
});
