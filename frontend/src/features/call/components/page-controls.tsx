import { useLingui } from '@lingui/react/macro';
import { ChevronEndIcon, ChevronStartIcon } from '../../../components/icons';

/**
 * Previous / "Page 2 of 5" / next, for the grid or the strip. At either end the button stays
 * focusable (aria-disabled, not disabled) so keyboard focus is not dropped on the last press.
 */
export function PageControls({ page, pages, onPage }: { page: number; pages: number; onPage(page: number): void }) {
  const { t } = useLingui();
  if (pages <= 1) return null;
  const first = page <= 0;
  const last = page >= pages - 1;
  return (
    <div className="pager" role="group" aria-label={t`Pages`}>
      <button type="button" className="icon-btn" aria-label={t`Previous page`} aria-disabled={first} onClick={() => !first && onPage(page - 1)}>
        <ChevronStartIcon />
      </button>
      <span className="pager__label" aria-live="polite">{t`Page ${page + 1} of ${pages}`}</span>
      <button type="button" className="icon-btn" aria-label={t`Next page`} aria-disabled={last} onClick={() => !last && onPage(page + 1)}>
        <ChevronEndIcon />
      </button>
    </div>
  );
}
