import { Trans, useLingui } from '@lingui/react/macro';
import { useCallSession } from '../hooks/session-context';
import { useObservable } from '../hooks/use-observable';
import { ModalDialog } from './modal-dialog';
import { qualityText } from './quality-indicator';

/** The numbers behind one tile's indicator, updated with every reading (about every 2 s). */
export function QualityDetails({ peer, onClose }: { peer: { id: string; name: string } | null; onClose(): void }) {
  const session = useCallSession();
  const { peers } = useObservable(session.quality.state);
  const { t, i18n } = useLingui();
  const quality = peer ? peers.get(peer.id) : undefined;
  const number = (value: number | null, digits = 0) =>
    value === null ? t`Not measured` : new Intl.NumberFormat(i18n.locale, { maximumFractionDigits: digits }).format(value);
  const sample = quality?.sample;
  const who = peer?.name ?? '';
  const rtt = number(sample?.roundTripMs ?? null);
  const loss = number(sample?.lossPercent ?? null, 1);
  const jitter = number(sample?.jitterMs ?? null);
  const fps = number(sample?.framesPerSecond ?? null);
  const rows: [string, string][] = sample
    ? [
        [t`Quality`, qualityText(i18n, quality.level)],
        [t`Round trip`, sample.roundTripMs === null ? t`Not measured` : t`${rtt} ms`],
        [t`Packet loss`, sample.lossPercent === null ? t`Not measured` : t`${loss} %`],
        [t`Jitter`, sample.jitterMs === null ? t`Not measured` : t`${jitter} ms`],
        [t`Frame rate`, sample.framesPerSecond === null ? t`No video` : t`${fps} frames per second`],
        [t`Route`, quality.route === 'relay' ? t`Through a relay server` : quality.route === 'direct' ? t`Direct` : t`Not known yet`],
      ]
    : [];
  return (
    <ModalDialog open={!!peer} title={peer ? t`Connection with ${who}` : ''} onClose={onClose}>
      {rows.length > 0 ? (
        <dl className="shortcuts quality-details">
          {rows.map(([label, value]) => (
            <div key={label} className="shortcuts__row">
              <dt>{label}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
      ) : (
        <p className="dialog__note"><Trans>Measuring… the first numbers arrive within a few seconds.</Trans></p>
      )}
      <p className="dialog__note"><Trans>Good, fair or poor comes from packet loss, round trip, jitter and frame rate, whichever is worst.</Trans></p>
    </ModalDialog>
  );
}
