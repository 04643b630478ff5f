import { useLingui } from '@lingui/react/macro';
import type { KeyboardEvent, ReactNode, RefObject } from 'react';

/**
 * A side panel: a named `complementary` region with its heading, a close button and Escape to close.
 * The owner moves focus in when it opens and back to its toolbar button when it closes.
 */
export function SidePanel({ title, closeLabel, onClose, children, headingRef }: { title: string; closeLabel: string; onClose(): void; children: ReactNode; headingRef?: RefObject<HTMLHeadingElement | null> }) {
  const { t } = useLingui();
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Escape') return;
    event.stopPropagation();
    onClose();
  };
  return (
    <aside className="panel" aria-label={title} onKeyDown={onKeyDown}>
      <div className="panel__head">
        <h2 className="panel__title" ref={headingRef} tabIndex={-1}>{title}</h2>
        <button type="button" className="icon-btn" onClick={onClose} aria-label={closeLabel} title={t`Close (Esc)`}>
          <svg width="20" height="20" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" aria-hidden="true" focusable="false">
            <path d="M6 6l12 12M18 6 6 18" />
          </svg>
        </button>
      </div>
      {children}
    </aside>
  );
}
