import type { ChatMessage } from '@contract/protocol';
import { useEffect, useState } from 'react';
import { unreadSince } from '../lib/chat-unread';

/**
 * Messages from others that arrived while the chat panel was closed. What was there when we came
 * in (the history) counts as read; opening the panel reads everything.
 */
export function useUnreadChat(chat: ChatMessage[], selfId: string | null, open: boolean): ChatMessage[] {
  const lastId = chat.at(-1)?.id ?? null;
  const [seenId, setSeenId] = useState(lastId);
  useEffect(() => {
    if (open) setSeenId(lastId);
  }, [open, lastId]);
  return open ? [] : unreadSince(chat, selfId, seenId);
}
