import { useLingui } from '@lingui/react/macro';
import { useId, type KeyboardEvent } from 'react';
import { useMediaQuery } from '../hooks/use-media-query';
import { usePopup } from '../hooks/use-popup';
import { CountBadge, type Badge } from './count-badge';

/** Where narrow-only items are in this menu rather than on the toolbar: styles.css's breakpoint. */
const NARROW = '(max-width: 760px)';

export interface MoreItem {
  key: string;
  label: string;
  /** A toggle's state (aria-pressed); absent for plain actions. */
  pressed?: boolean;
  /** Shown only on narrow screens, where the toolbar has no room for it. */
  narrowOnly?: boolean;
  hint?: string;
  /** A count on the item (e.g. people waiting); a narrow-only item's also shows on the More button. */
  badge?: Badge;
  onSelect(): void;
}

/**
 * "More options": a disclosure (button + list of buttons) rather than an ARIA menu, so Tab works as
 * everywhere else. Escape or choosing an item closes it and puts focus back on the button.
 */
export function MoreMenu({ items }: { items: MoreItem[] }) {
  const { t } = useLingui();
  const listId = useId();
  const badgeId = useId();
  const narrow = useMediaQuery(NARROW);
  // On a narrow screen the toolbar's own badges (Participants: people waiting) move in here with their items.
  const badge = items.find((item) => item.badge && (narrow || !item.narrowOnly))?.badge;
  // Narrow-only items are display:none on wide screens; focus the first one actually shown.
  const { open, setOpen, close, rootRef, buttonRef, listRef } = usePopup<HTMLUListElement>((list) =>
    [...list.querySelectorAll<HTMLButtonElement>('button')].find((b) => b.offsetParent !== null),
  );
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape' && open) {
      event.stopPropagation();
      close();
    }
  };

  return (
    <div ref={rootRef} className="more" onKeyDown={onKeyDown}>
      <button ref={buttonRef} type="button" className="ctl" aria-expanded={open} aria-controls={listId} aria-describedby={badge ? badgeId : undefined} onClick={() => setOpen((o) => !o)}>
        <svg width="22" height="22" viewBox="0 0 24 24" fill="currentColor" aria-hidden="true" focusable="false">
          <circle cx="5" cy="12" r="1.8" /><circle cx="12" cy="12" r="1.8" /><circle cx="19" cy="12" r="1.8" />
        </svg>
        <span className="ctl__label">{t`More options`}</span>
        {badge && <CountBadge id={badgeId} badge={badge} />}
      </button>
      {open && (
        <ul id={listId} ref={listRef} className="more__list">
          {items.map((item) => (
            <li key={item.key} className={item.narrowOnly ? 'more__item--narrow' : undefined}>
              <button
                type="button"
                className="more__btn"
                aria-pressed={item.pressed}
                aria-keyshortcuts={item.hint}
                aria-describedby={item.badge ? `${listId}-${item.key}` : undefined}
                onClick={() => {
                  close();
                  item.onSelect();
                }}
              >
                {item.label}
                {item.hint && <kbd aria-hidden="true">{item.hint}</kbd>}
                {item.badge && <CountBadge id={`${listId}-${item.key}`} badge={item.badge} />}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
