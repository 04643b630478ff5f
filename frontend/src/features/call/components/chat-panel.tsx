import { LIMITS } from '@contract/limits';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { ChatMessage } from '@contract/protocol';

const timeFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });

/** The "Chat" side panel: a log of messages (name, time, text) and a composer. */
export function ChatPanel({ messages, selfId, onSend }: { messages: ChatMessage[]; selfId: string | null; onSend(text: string): Promise<void> }) {
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const logRef = useRef<HTMLOListElement>(null);
  const inputId = useId();

  useEffect(() => {
    const log = logRef.current;
    if (log) log.scrollTop = log.scrollHeight;
  }, [messages.length]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const value = text.trim();
    if (!value) return;
    setText('');
    setError(null);
    try {
      await onSend(value);
    } catch {
      setText(value);
      setError('Message not sent. Try again.');
    }
  };

  return (
    <aside className="panel" aria-label="Chat">
      <h2 className="panel__title">Chat</h2>
      <ol className="chat" role="log" aria-label="Chat messages" ref={logRef}>
        {messages.length === 0 && <li className="chat__empty">No messages yet.</li>}
        {messages.map((m) => (
          <li key={m.id} className={`chat__msg${m.from === selfId ? ' chat__msg--self' : ''}`}>
            <div className="chat__meta">
              <span className="chat__name">{m.displayName}</span>
              <time dateTime={m.sentAt}>{timeFormat.format(new Date(m.sentAt))}</time>
            </div>
            <p className="chat__text">{m.text}</p>
          </li>
        ))}
      </ol>
      <form className="chat__form" onSubmit={(e) => void submit(e)}>
        <label htmlFor={inputId} className="sr-only">Message</label>
        <input id={inputId} className="input" value={text} onChange={(e) => setText(e.target.value)} maxLength={LIMITS.chatMessage} autoComplete="off" placeholder="Send a message" />
        <button type="submit" className="btn btn--primary" disabled={!text.trim()}>Send</button>
      </form>
      {error && <p role="alert" className="form-error">{error}</p>}
    </aside>
  );
}
