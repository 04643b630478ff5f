import type { ChatMessage } from '@contract/protocol';

/**
 * Messages from others after the one last seen (`seenId`). The chat keeps only its newest
 * messages, so a seen message may have scrolled out: then everything from others counts.
 */
export function unreadSince(chat: ChatMessage[], selfId: string | null, seenId: string | null): ChatMessage[] {
  const at = seenId === null ? -1 : chat.findIndex((m) => m.id === seenId);
  return chat.slice(at + 1).filter((m) => m.from !== selfId);
}
