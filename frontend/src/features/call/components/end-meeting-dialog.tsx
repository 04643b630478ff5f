import { Trans } from '@lingui/react/macro';
import { useModalDialog } from '../hooks/use-modal-dialog';

/** "End the meeting for everyone?": a modal `<dialog>` (focus trapped, Escape cancels without closing the panel around it). */
export function EndMeetingDialog({ open, onConfirm, onClose }: { open: boolean; onConfirm(): void; onClose(): void }) {
  const ref = useModalDialog(open);
  return (
    <dialog ref={ref} className="dialog" aria-labelledby="end-meeting-title" aria-describedby="end-meeting-body" onClose={onClose} onKeyDown={(e) => e.key === 'Escape' && e.stopPropagation()}>
      <h2 id="end-meeting-title"><Trans>End the meeting for everyone?</Trans></h2>
      <p id="end-meeting-body" className="dialog__note"><Trans>Everyone will be sent out and the meeting can't be joined again.</Trans></p>
      <form method="dialog" className="dialog__actions">
        <button type="submit" className="btn" autoFocus><Trans>Cancel</Trans></button>
        <button type="button" className="btn btn--danger" onClick={onConfirm}><Trans>End meeting</Trans></button>
      </form>
    </dialog>
  );
}
