import { useLingui } from '@lingui/react/macro';
import { useRef } from 'react';
import { ExitFullscreenIcon, FullscreenIcon, GridIcon } from '../../../components/icons';
import type { LayoutActions } from '../hooks/use-meeting-layout';
import { useFullscreen } from '../hooks/use-fullscreen';
import type { TileKey } from '../lib/layout/stage';
import { PageControls } from './page-controls';
import { TileSlot, type LayoutTile } from './tile-slot';

interface PresentationViewProps {
  stage: LayoutTile;
  strip: LayoutTile[];
  /** Strip at the side (wide screens) or at the bottom (phones in portrait). */
  side: boolean;
  page: number;
  pages: number;
  pinned: TileKey | null;
  actions: LayoutActions;
}

/** One tile on the stage (a shared screen or a pinned tile), everyone else in a paged strip. */
export function PresentationView({ stage, strip, side, page, pages, pinned, actions }: PresentationViewProps) {
  const { t } = useLingui();
  const stageRef = useRef<HTMLDivElement>(null);
  const fullscreen = useFullscreen(stageRef);
  const slot = (tile: LayoutTile) => (
    <TileSlot key={tile.key} tile={tile} pinned={pinned === tile.key} onPin={() => actions.pin(tile.key)} onUnpin={actions.unpin} />
  );
  return (
    <div className={`presentation presentation--${side ? 'side' : 'bottom'}`}>
      <div ref={stageRef} role="region" aria-label={t`Stage`} className="presentation__stage">
        {slot(stage)}
        <div className="stage-bar">
          <button type="button" className="stage-btn" onClick={actions.backToGrid}>
            <GridIcon />
            <span>{t`Back to grid`}</span>
          </button>
          {fullscreen.supported && (
            <button type="button" className="stage-btn" aria-label={fullscreen.active ? t`Exit full screen` : t`Full screen`} title={fullscreen.active ? t`Exit full screen` : t`Full screen`} onClick={fullscreen.toggle}>
              {fullscreen.active ? <ExitFullscreenIcon /> : <FullscreenIcon />}
            </button>
          )}
        </div>
      </div>
      {strip.length > 0 && (
        <div role="region" aria-label={t`Filmstrip`} className="presentation__strip">
          <div className="strip">{strip.map(slot)}</div>
          <PageControls page={page} pages={pages} onPage={actions.setPage} />
        </div>
      )}
    </div>
  );
}
