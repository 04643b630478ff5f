import { useLingui } from '@lingui/react/macro';
import { useEffect, useRef, useState } from 'react';
import { useCallSession } from '../hooks/session-context';
import { useHands, useReactions } from '../hooks/use-hands';
import { useObservable } from '../hooks/use-observable';
import { REACTION_NAMES } from './reaction-names';

/**
 * A visually hidden polite live region ("Hands and reactions"): hands going up and down (ours
 * too, since it may lower by itself or by a host) and others' reactions.
 */
export function HandsAnnouncer() {
  const { t, i18n } = useLingui();
  const session = useCallSession();
  const { peers } = useObservable(session.state);
  const { last, selfId } = useHands();
  const reactions = useReactions();
  const [text, setText] = useState('');
  const seenReaction = useRef(0);
  const nameOf = (id: string) => peers.find((p) => p.id === id)?.displayName ?? t`Guest`;
  // Names are read when something happens; a rename later must not re-announce.
  const nameRef = useRef(nameOf);
  nameRef.current = nameOf;

  useEffect(() => {
    if (!last) return;
    const own = last.id === selfId;
    const name = own ? '' : nameRef.current(last.id);
    const by = last.loweredBy ?? '';
    if (last.raised) setText(own ? t`Your hand is raised` : t`${name} raised their hand`);
    else if (by) setText(own ? t`${by} lowered your hand` : t`${by} lowered ${name}’s hand`);
    else setText(own ? t`Your hand is lowered` : t`${name} lowered their hand`);
  }, [last, selfId, t]);

  useEffect(() => {
    const fresh = reactions.filter((r) => r.key > seenReaction.current && r.id !== selfId);
    seenReaction.current = Math.max(seenReaction.current, ...reactions.map((r) => r.key));
    const latest = fresh.at(-1);
    if (!latest) return;
    const name = nameRef.current(latest.id);
    const reaction = i18n._(REACTION_NAMES[latest.emoji]);
    setText(t`${name} reacted: ${reaction}`);
  }, [reactions, selfId, t, i18n]);

  return (
    <div className="sr-only" role="status" aria-label={t`Hands and reactions`}>
      {text}
    </div>
  );
}
