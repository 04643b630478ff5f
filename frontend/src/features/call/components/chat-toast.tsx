import type { ChatMessage } from '@contract/protocol';
import { useEffect, useState } from 'react';

const SHOW_MS = 5_000;

/**
 * A short card with the newest unread message while the chat is closed; a click opens the chat.
 * Hidden from assistive tech: the Activity live region already reads the message out, and the
 * Chat button's description carries the unread count.
 */
export function ChatToast({ message, onOpen }: { message: ChatMessage | undefined; onOpen(): void }) {
  const [shown, setShown] = useState<string | null>(null);
  const id = message?.id ?? null;
  useEffect(() => {
    if (!id) return;
    setShown(id);
    const timer = setTimeout(() => setShown(null), SHOW_MS);
    return () => clearTimeout(timer);
  }, [id]);
  if (!message || shown !== message.id) return null;
  return (
    <div className="chat-toast" aria-hidden="true" onClick={onOpen}>
      <span className="chat-toast__name">{message.displayName}</span>
      <span className="chat-toast__text" dir="auto">{message.text}</span>
    </div>
  );
}
