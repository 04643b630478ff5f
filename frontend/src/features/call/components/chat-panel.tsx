import { LIMITS } from '@contract/limits';
import { Trans, useLingui } from '@lingui/react/macro';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { ChatMessage } from '@contract/protocol';
import { SidePanel } from './side-panel';

/** The "Chat" side panel: a log of messages (name, time, text) and a composer, focused on open. */
export function ChatPanel({ messages, selfId, onSend, onClose }: { messages: ChatMessage[]; selfId: string | null; onSend(text: string): Promise<void>; onClose(): void }) {
  const { t, i18n } = useLingui();
  const [text, setText] = useState('');
  const [failed, setFailed] = useState(false);
  const logRef = useRef<HTMLDivElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const inputId = useId();

  useEffect(() => {
    inputRef.current?.focus();
  }, []);

  useEffect(() => {
    const log = logRef.current;
    if (log) log.scrollTop = log.scrollHeight;
  }, [messages.length]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const value = text.trim();
    if (!value) return;
    setText('');
    setFailed(false);
    try {
      await onSend(value);
    } catch {
      setText(value);
      setFailed(true);
    }
  };

  return (
    <SidePanel title={t`Chat`} closeLabel={t`Close chat`} onClose={onClose}>
      {/* The log wraps the list (a role on the <ol> itself would strip its list semantics). */}
      <div className="chat" role="log" aria-label={t`Chat messages`} ref={logRef} tabIndex={0}>
        {messages.length === 0 ? (
          <p className="chat__empty"><Trans>No messages yet.</Trans></p>
        ) : (
          <ol className="chat__list">
            {messages.map((m) => (
              <li key={m.id} className={`chat__msg${m.from === selfId ? ' chat__msg--self' : ''}`}>
                <div className="chat__meta">
                  <span className="chat__name">{m.displayName}</span>
                  <time dateTime={m.sentAt}>{i18n.date(new Date(m.sentAt), { hour: '2-digit', minute: '2-digit' })}</time>
                </div>
                <p className="chat__text" dir="auto">{m.text}</p>
              </li>
            ))}
          </ol>
        )}
      </div>
      <form className="chat__form" onSubmit={(e) => void submit(e)}>
        <label htmlFor={inputId} className="sr-only"><Trans>Message</Trans></label>
        <input ref={inputRef} id={inputId} className="input" dir="auto" value={text} onChange={(e) => setText(e.target.value)} maxLength={LIMITS.chatMessage} autoComplete="off" placeholder={t`Send a message`} />
        <button type="submit" className="btn btn--primary" disabled={!text.trim()}><Trans>Send</Trans></button>
      </form>
      {failed && <p role="alert" className="form-error"><Trans>Message not sent. Try again.</Trans></p>}
    </SidePanel>
  );
}
