import { Trans, useLingui } from '@lingui/react/macro';
import { useEffect } from 'react';
import { ModalDialog } from './modal-dialog';

/**
 * "Keyboard shortcuts" (`?`): a {@link ModalDialog}.
 */
export function ShortcutHelp({ open, onClose }: { open: boolean; onClose(): void }) {
  const { t } = useLingui();
  const rows: [string, string][] = [
    [t`M or Ctrl+D`, t`Turn the microphone on or off`],
    [t`V or Ctrl+E`, t`Turn the camera on or off`],
    [t`H`, t`Raise or lower your hand`],
    ['?', t`Show this list`],
    [t`Esc`, t`Close a panel or this list`],
  ];
  return (
    <ModalDialog open={open} title={t`Keyboard shortcuts`} onClose={onClose}>
      <dl className="shortcuts">
        {rows.map(([keys, what]) => (
          <div key={what} className="shortcuts__row">
            <dt><kbd>{keys}</kbd></dt>
            <dd>{what}</dd>
          </div>
        ))}
      </dl>
      <p className="dialog__note"><Trans>Shortcuts work when you are not typing in a text box.</Trans></p>
    </ModalDialog>
  );
}

/** Opens the help on `?` (not while typing). */
export function useHelpShortcut(onOpen: () => void): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== '?' || event.ctrlKey || event.metaKey || event.altKey) return;
      const target = event.target as HTMLElement | null;
      if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) return;
      event.preventDefault();
      onOpen();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onOpen]);
}
