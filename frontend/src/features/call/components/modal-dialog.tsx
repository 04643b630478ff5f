import { Trans } from '@lingui/react/macro';
import { useId, type ReactNode } from 'react';
import { useModalDialog } from '../hooks/use-modal-dialog';

/**
 * A modal `<dialog>` with a heading and a Close button: the browser traps focus, closes it on
 * Escape and puts focus back where it was when it opened (the button that opened it).
 */
export function ModalDialog({ open, title, onClose, children, className = '' }: { open: boolean; title: string; onClose(): void; children: ReactNode; className?: string }) {
  const ref = useModalDialog(open);
  const titleId = useId();
  return (
    <dialog ref={ref} className={`dialog ${className}`} aria-labelledby={titleId} onClose={onClose}>
      <h2 id={titleId}>{title}</h2>
      {open && children}
      <form method="dialog">
        <button type="submit" className="btn btn--primary"><Trans>Close</Trans></button>
      </form>
    </dialog>
  );
}
