import { useLingui } from '@lingui/react/macro';
import { useEffect, useRef, useState } from 'react';
import type { ChatMessage } from '@contract/protocol';
import type { PeerView } from '../lib/session-types';

/** How long someone must keep talking before "X is speaking" is read out (no chatter on every cough). */
const SPEAKER_SETTLE_MS = 1_500;

/**
 * A visually hidden polite live region ("Activity") for screen-reader users: who is speaking now,
 * and incoming chat messages while the chat panel is closed (an open panel's log speaks for itself).
 */
export function ActivityAnnouncer({ peers, chat, selfId, chatOpen }: { peers: PeerView[]; chat: ChatMessage[]; selfId: string | null; chatOpen: boolean }) {
  const { t } = useLingui();
  const [text, setText] = useState('');
  const lastSpeaker = useRef<string | null>(null);
  const seenChat = useRef(chat.length);

  const speaker = peers.find((p) => p.speaking) ?? null;
  const speakerId = speaker?.id ?? null;
  const speakerName = speaker?.displayName ?? '';
  useEffect(() => {
    if (!speakerId || speakerId === lastSpeaker.current) return;
    const timer = setTimeout(() => {
      lastSpeaker.current = speakerId;
      setText(t`${speakerName} is speaking`);
    }, SPEAKER_SETTLE_MS);
    return () => clearTimeout(timer);
  }, [speakerId, speakerName, t]);

  useEffect(() => {
    const fresh = chat.slice(seenChat.current).filter((m) => m.from !== selfId);
    seenChat.current = chat.length;
    const latest = fresh.at(-1);
    if (!latest || chatOpen) return;
    const name = latest.displayName;
    const body = latest.text;
    setText(t`Message from ${name}: ${body}`);
  }, [chat, selfId, chatOpen, t]);

  return (
    <div className="sr-only" role="status" aria-label={t`Activity`}>
      {text}
    </div>
  );
}
