import { useLingui } from '@lingui/react/macro';
import { PinIcon, UnpinIcon } from '../../../components/icons';

/** Pins a tile to this person's stage, or unpins it; named after whose tile it is ("Pin Ana"). */
export function PinButton({ kind, name, pinned, onToggle }: { kind: 'cam' | 'screen'; name: string; pinned: boolean; onToggle(): void }) {
  const { t } = useLingui();
  const label = pinned
    ? kind === 'screen' ? t`Unpin the screen shared by ${name}` : t`Unpin ${name}`
    : kind === 'screen' ? t`Pin the screen shared by ${name}` : t`Pin ${name}`;
  return (
    <button type="button" className="tile-btn" aria-label={label} title={label} onClick={onToggle}>
      {pinned ? <UnpinIcon /> : <PinIcon />}
    </button>
  );
}
