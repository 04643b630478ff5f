import { useLingui } from '@lingui/react/macro';
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';

export interface MoreItem {
  key: string;
  label: string;
  /** A toggle's state (aria-pressed); absent for plain actions. */
  pressed?: boolean;
  /** Shown only on narrow screens, where the toolbar has no room for it. */
  narrowOnly?: boolean;
  hint?: string;
  onSelect(): void;
}

/**
 * "More options": a disclosure (button + list of buttons) rather than an ARIA menu, so Tab works as
 * everywhere else. Escape or choosing an item closes it and puts focus back on the button.
 */
export function MoreMenu({ items }: { items: MoreItem[] }) {
  const { t } = useLingui();
  const [open, setOpen] = useState(false);
  const listId = useId();
  const buttonRef = useRef<HTMLButtonElement>(null);
  const listRef = useRef<HTMLUListElement>(null);

  const rootRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    // Narrow-only items are display:none on wide screens; focus the first one actually shown.
    const buttons = [...(listRef.current?.querySelectorAll<HTMLButtonElement>('button') ?? [])];
    buttons.find((b) => b.offsetParent !== null)?.focus();
    const onPointerDown = (event: PointerEvent) => {
      if (!rootRef.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointerDown);
    return () => document.removeEventListener('pointerdown', onPointerDown);
  }, [open]);

  const close = () => {
    setOpen(false);
    buttonRef.current?.focus();
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape' && open) {
      event.stopPropagation();
      close();
    }
  };

  return (
    <div ref={rootRef} className="more" onKeyDown={onKeyDown}>
      <button ref={buttonRef} type="button" className="ctl" aria-expanded={open} aria-controls={listId} onClick={() => setOpen((o) => !o)}>
        <svg width="22" height="22" viewBox="0 0 24 24" fill="currentColor" aria-hidden="true" focusable="false">
          <circle cx="5" cy="12" r="1.8" /><circle cx="12" cy="12" r="1.8" /><circle cx="19" cy="12" r="1.8" />
        </svg>
        <span className="ctl__label">{t`More options`}</span>
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
                onClick={() => {
                  close();
                  item.onSelect();
                }}
              >
                {item.label}
                {item.hint && <kbd aria-hidden="true">{item.hint}</kbd>}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
