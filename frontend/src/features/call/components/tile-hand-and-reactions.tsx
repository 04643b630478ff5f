import { useLingui } from '@lingui/react/macro';
import { useHands, useReactions } from '../hooks/use-hands';
import { REACTION_NAMES } from './reaction-names';
import './hands-reactions.css';

/** Over one participant's tile: a hand while theirs is up, and their reactions floating by. */
export function TileHandAndReactions({ participantId }: { participantId: string | null }) {
  const { t, i18n } = useLingui();
  const { queue } = useHands();
  const reactions = useReactions().filter((r) => r.id === participantId);
  const place = queue.findIndex((h) => h.id === participantId);
  const position = i18n.number(place + 1);
  return (
    <>
      {place >= 0 && (
        <span role="img" aria-label={t`Hand raised`} title={t`Hand raised, number ${position} in the queue`} className="tile__hand">
          ✋
        </span>
      )}
      {reactions.length > 0 && (
        <div className="tile__reactions">
          {reactions.map((r) => (
            <span key={r.key} role="img" aria-label={i18n._(REACTION_NAMES[r.emoji])} className="tile__reaction">
              {r.emoji}
            </span>
          ))}
        </div>
      )}
    </>
  );
}
