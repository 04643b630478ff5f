import { useLingui } from '@lingui/react/macro';
import { useId } from 'react';
import { useCallSession } from '../hooks/session-context';
import { useHands } from '../hooks/use-hands';
import { useObservable } from '../hooks/use-observable';
import './hands-reactions.css';

/**
 * "Raised hands": the queue, first raised first, at the top of the participants panel. Everyone
 * may lower their own hand here; hosts and co-hosts anyone's. Nothing when no hand is up.
 */
export function HandQueue() {
  const { t } = useLingui();
  const session = useCallSession();
  const { peers, displayName } = useObservable(session.state);
  const { queue, selfId, canLowerOthers } = useHands();
  const headingId = useId();
  if (queue.length === 0) return null;
  const selfName = displayName || t`You`;
  const nameOf = (id: string) => (id === selfId ? t`${selfName} (you)` : (peers.find((p) => p.id === id)?.displayName ?? t`Guest`));
  return (
    <section className="hand-queue">
      <h3 id={headingId} className="hand-queue__title">
        <span aria-hidden="true">✋ </span>
        {t`Raised hands`}
      </h3>
      <ol className="hand-queue__list" aria-labelledby={headingId}>
        {queue.map(({ id }) => {
          const name = nameOf(id);
          const own = id === selfId;
          return (
            <li key={id} className="hand-queue__item">
              <span className="hand-queue__name">{name}</span>
              {(own || canLowerOthers) && (
                <button type="button" className="btn hand-queue__lower" onClick={() => void session.hands.lower(id).catch(() => undefined)}>
                  {own ? t`Lower your hand` : t`Lower ${name}’s hand`}
                </button>
              )}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
