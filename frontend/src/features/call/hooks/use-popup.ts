import { useCallback, useEffect, useRef, useState } from 'react';

/**
 * A popup (menu, disclosure or picker) anchored to a button: on opening, focus moves to the item
 * `firstItem` picks in the list; a pointer-down outside closes it without moving focus (the user
 * is pointing elsewhere); `close()` puts focus back on the button, as after Escape or a choice.
 */
export function usePopup<L extends HTMLElement>(firstItem: (list: L) => HTMLElement | null | undefined) {
  const [open, setOpen] = useState(false);
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const listRef = useRef<L>(null);
  const pick = useRef(firstItem);
  pick.current = firstItem;

  useEffect(() => {
    if (!open) return;
    if (listRef.current) pick.current(listRef.current)?.focus();
    const onPointerDown = (event: PointerEvent) => {
      if (!rootRef.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointerDown);
    return () => document.removeEventListener('pointerdown', onPointerDown);
  }, [open]);

  const close = useCallback(() => {
    setOpen(false);
    buttonRef.current?.focus();
  }, []);
  return { open, setOpen, close, rootRef, buttonRef, listRef };
}
