import { msg } from '@lingui/core/macro';
import { useLingui } from '@lingui/react/macro';
import type { ReactNode } from 'react';
import type { MediaConnectionState } from '../lib/media-transport';
import { MicOffIcon } from '../../../components/icons';
import { VideoView } from './video-view';

export interface TileProps {
  peerId: string;
  label: string;
  name: string;
  connectionState: MediaConnectionState;
  speaking: boolean;
  audioOn: boolean;
  video: MediaStreamTrack | null;
  mirrored?: boolean;
  /** `contain` shows the whole picture (a lone self-view on a phone must not be cropped). */
  fit?: 'cover' | 'contain';
  /** Drawn over the tile (a raised hand, reactions). */
  overlay?: ReactNode;
  /** The connection-quality indicator (remote tiles). */
  quality?: ReactNode;
}

const STATE_TEXT = {
  new: msg`Connecting…`,
  connecting: msg`Connecting…`,
  reconnecting: msg`Reconnecting…`,
  failed: msg`Connection failed`,
} as const satisfies Partial<Record<MediaConnectionState, unknown>>;

/** One participant: video or initials, name, muted mark, speaking ring, connection state. */
export function Tile({ peerId, label, name, connectionState, speaking, audioOn, video, mirrored, fit, overlay, quality }: TileProps) {
  const { t, i18n } = useLingui();
  const state = STATE_TEXT[connectionState as keyof typeof STATE_TEXT];
  return (
    <div
      role="group"
      aria-label={label}
      className={`tile${speaking ? ' tile--speaking' : ''}${connectionState === 'failed' ? ' tile--failed' : ''}`}
      data-peer-id={peerId}
      data-connection-state={connectionState}
      data-speaking={speaking ? 'true' : 'false'}
    >
      {video ? (
        <VideoView track={video} mirrored={mirrored} fit={fit} />
      ) : (
        <div className="tile__avatar" aria-hidden="true">
          <span>{initials(name)}</span>
        </div>
      )}
      {state && <div className="tile__state">{i18n._(state)}</div>}
      <div className="tile__footer">
        {!audioOn && (
          <span role="img" aria-label={t`Microphone muted`} className="tile__muted">
            <MicOffIcon />
          </span>
        )}
        <span className="tile__name">{label}</span>
      </div>
      {overlay}
      {quality && <div className="tile__quality">{quality}</div>}
    </div>
  );
}

/** A shared screen; a region (not a group) so participant tiles stay one group per person. */
export function ScreenTile({ ownerName, track }: { ownerName: string; track: MediaStreamTrack }) {
  const { t } = useLingui();
  return (
    <section className="tile tile--screen" aria-label={t`Screen shared by ${ownerName}`}>
      <VideoView track={track} fit="contain" />
      <div className="tile__footer">
        <span className="tile__name">{t`${ownerName} is presenting`}</span>
      </div>
    </section>
  );
}

function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  return ((parts[0]?.[0] ?? '?') + (parts.length > 1 ? (parts.at(-1)?.[0] ?? '') : '')).toUpperCase();
}
