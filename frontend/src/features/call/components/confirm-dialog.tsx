import { Trans } from '@lingui/react/macro';
import { useId } from 'react';
import { useModalDialog } from '../hooks/use-modal-dialog';

export interface ConfirmText {
  title: string;
  body: string;
  /** The dangerous button's label ("End meeting", "Remove"). */
  confirmLabel: string;
}

/**
 * "Are you sure?" before something that can't be undone: a modal `<dialog>` (focus trapped, Cancel
 * focused first, Escape cancels without also closing the side panel around it).
 */
export function ConfirmDialog({ open, text, onConfirm, onClose }: { open: boolean; text: ConfirmText | null; onConfirm(): void; onClose(): void }) {
  const ref = useModalDialog(open);
  const titleId = useId();
  const bodyId = useId();
  return (
    <dialog ref={ref} className="dialog" aria-labelledby={titleId} aria-describedby={bodyId} onClose={onClose} onKeyDown={(e) => e.key === 'Escape' && e.stopPropagation()}>
      <h2 id={titleId}>{text?.title}</h2>
      <p id={bodyId} className="dialog__note">{text?.body}</p>
      <form method="dialog" className="dialog__actions">
        <button type="submit" className="btn" autoFocus><Trans>Cancel</Trans></button>
        <button type="button" className="btn btn--danger" onClick={onConfirm}>{text?.confirmLabel}</button>
      </form>
    </dialog>
  );
}
