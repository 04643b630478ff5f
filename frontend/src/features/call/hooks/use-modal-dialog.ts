import { useEffect, useRef } from 'react';

/**
 * Keeps a `<dialog>` shown as a modal while `open`: the browser then traps focus, closes it on
 * Escape and puts focus back where it was when it opened.
 */
export function useModalDialog(open: boolean) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return ref;
}
