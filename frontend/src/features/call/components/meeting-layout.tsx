import { useEffect, useMemo, useRef } from 'react';
import { useCallSession } from '../hooks/session-context';
import { useElementSize } from '../hooks/use-element-size';
import { useMeetingLayout } from '../hooks/use-meeting-layout';
import { viewportsFor } from '../lib/layout/viewports';
import { PageControls } from './page-controls';
import { PresentationView } from './presentation-view';
import { TileSlot, type LayoutTile } from './tile-slot';
import { VideoGrid } from './video-grid';

/**
 * The meeting's tiles as this person sees them: a paged grid, or presentation view when a screen
 * is shared or a tile pinned. Only tiles on screen are mounted, and the session learns which
 * remote participants are on screen, so the SFU sends video for those alone.
 */
export function MeetingLayout({ tiles, participants }: { tiles: LayoutTile[]; participants: readonly string[] }) {
  const session = useCallSession();
  const ref = useRef<HTMLDivElement>(null);
  const size = useElementSize(ref);
  const { layout, pinned, actions } = useMeetingLayout(tiles, size);

  const viewports = useMemo(() => viewportsFor(participants, layout.sizes), [participants, layout.sizes]);
  const measured = size.width > 0 && size.height > 0;
  // Before the first measurement the page size is a guess (everyone): not worth subscribing to.
  useEffect(() => {
    if (measured) session.setViewports(viewports);
  }, [session, viewports, measured]);

  const byKey = new Map(tiles.map((tile) => [tile.key, tile]));
  const shown = layout.shown.flatMap((key) => byKey.get(key) ?? []);
  const stage = layout.stage ? byKey.get(layout.stage) : undefined;
  return (
    <div ref={ref} className="gallery">
      {stage ? (
        <PresentationView stage={stage} strip={shown} side={layout.side} page={layout.page} pages={layout.pages} pinned={pinned} actions={actions} />
      ) : (
        <>
          <VideoGrid count={shown.length}>
            {shown.map((tile) => (
              <TileSlot key={tile.key} tile={tile} pinned={false} onPin={() => actions.pin(tile.key)} onUnpin={actions.unpin} />
            ))}
          </VideoGrid>
          <PageControls page={layout.page} pages={layout.pages} onPage={actions.setPage} />
        </>
      )}
    </div>
  );
}
