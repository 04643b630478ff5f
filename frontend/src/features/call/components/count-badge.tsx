export interface Badge {
  count: number;
  /** The count in words ("2 people waiting to join"): the control's description. */
  text: string;
}

/**
 * A count on a control. Its words are the control's description (`aria-describedby={id}`), not its
 * name, so the control keeps one stable name ("Chat") while screen readers still hear the count.
 */
export function CountBadge({ id, badge }: { id: string; badge: Badge }) {
  return (
    <>
      <span className="ctl__badge" aria-hidden="true">{badge.count > 99 ? '99+' : badge.count}</span>
      {/* `hidden`: out of the name computed from content, still read as the description. */}
      <span id={id} hidden>{badge.text}</span>
    </>
  );
}
