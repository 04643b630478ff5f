import type { I18n } from '@lingui/core';
import { msg } from '@lingui/core/macro';
import { useLingui } from '@lingui/react/macro';
import type { QualityLevel } from '../lib/media-transport';

export const QUALITY_TEXT = { good: msg`Good`, fair: msg`Fair`, poor: msg`Poor` } as const;

export const qualityText = (i18n: I18n, level: QualityLevel): string => i18n._(QUALITY_TEXT[level]);

/**
 * Three signal bars on a tile, filled by quality, named for assistive tech
 * ("Connection quality: Poor"); pressing it opens the details with the numbers.
 */
export function QualityIndicator({ level, onDetails }: { level: QualityLevel; onDetails(): void }) {
  const { t, i18n } = useLingui();
  const text = qualityText(i18n, level);
  const filled = level === 'good' ? 3 : level === 'fair' ? 2 : 1;
  return (
    <button type="button" className={`quality quality--${level}`} data-quality={level} onClick={onDetails} title={t`Connection quality: ${text}`} aria-label={t`Connection quality: ${text}`}>
      <svg width="16" height="14" viewBox="0 0 16 14" aria-hidden="true" focusable="false">
        {[0, 1, 2].map((i) => (
          <rect key={i} x={1 + i * 5} y={9 - i * 4} width="4" height={5 + i * 4} rx="1" className={i < filled ? 'quality__bar--on' : 'quality__bar'} />
        ))}
      </svg>
    </button>
  );
}
