import { useLingui } from '@lingui/react/macro';
import { useId, useState, type KeyboardEvent } from 'react';
import { usePopup } from '../hooks/use-popup';
import { ConfirmDialog, type ConfirmText } from './confirm-dialog';

export interface PersonAction {
  key: string;
  label: string;
  danger?: boolean;
  /** Asked first, in a dialog, for what can't be undone. */
  confirm?: ConfirmText;
  onSelect(): void;
}

/**
 * "Actions for <name>": an ARIA menu button (arrow keys, Home/End, Escape back to the button, Tab
 * closes). Used for the host's per-person actions in the participants panel.
 */
export function PersonMenu({ name, actions }: { name: string; actions: PersonAction[] }) {
  const { t } = useLingui();
  const menuId = useId();
  const [pending, setPending] = useState<PersonAction | null>(null);
  const { open, setOpen, close, rootRef, buttonRef, listRef: menuRef } = usePopup<HTMLUListElement>((menu) => menu.querySelector<HTMLButtonElement>('[role="menuitem"]'));
  const items = () => [...(menuRef.current?.querySelectorAll<HTMLButtonElement>('[role="menuitem"]') ?? [])];
  const onMenuKey = (event: KeyboardEvent) => {
    const list = items();
    const at = list.indexOf(document.activeElement as HTMLButtonElement);
    const focus = (i: number) => list[(i + list.length) % list.length]?.focus();
    switch (event.key) {
      case 'ArrowDown': focus(at + 1); break;
      case 'ArrowUp': focus(at - 1); break;
      case 'Home': focus(0); break;
      case 'End': focus(list.length - 1); break;
      case 'Escape': close(); break;
      case 'Tab': setOpen(false); return;
      default: return;
    }
    event.preventDefault();
    // Escape must not also close the side panel around us.
    event.stopPropagation();
  };
  const onButtonKey = (event: KeyboardEvent) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      setOpen(true);
    }
  };

  if (actions.length === 0) return null;
  return (
    <div ref={rootRef} className="person-menu">
      <button
        ref={buttonRef}
        type="button"
        className="icon-btn"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        aria-label={t`Actions for ${name}`}
        onClick={() => setOpen((o) => !o)}
        onKeyDown={onButtonKey}
      >
        <svg width="20" height="20" viewBox="0 0 24 24" fill="currentColor" aria-hidden="true" focusable="false">
          <circle cx="12" cy="5" r="1.8" /><circle cx="12" cy="12" r="1.8" /><circle cx="12" cy="19" r="1.8" />
        </svg>
      </button>
      {open && (
        <ul id={menuId} ref={menuRef} role="menu" aria-label={t`Actions for ${name}`} className="person-menu__list" onKeyDown={onMenuKey}>
          {actions.map((action) => (
            <li key={action.key} role="none">
              <button
                type="button"
                role="menuitem"
                tabIndex={-1}
                className={`person-menu__item${action.danger ? ' person-menu__item--danger' : ''}`}
                onClick={() => {
                  close();
                  if (action.confirm) setPending(action);
                  else action.onSelect();
                }}
              >
                {action.label}
              </button>
            </li>
          ))}
        </ul>
      )}
      <ConfirmDialog
        open={pending !== null}
        text={pending?.confirm ?? null}
        onClose={() => setPending(null)}
        onConfirm={() => {
          pending?.onSelect();
          setPending(null);
        }}
      />
    </div>
  );
}
