import { plural } from '@lingui/core/macro';
import { useLingui } from '@lingui/react/macro';
import { useEffect, useState } from 'react';
import { PageHeading } from '../../../components/page-heading';
import { elapsedParts } from './elapsed';

/**
 * Above the grid: the meeting's title (or its ID), how long the call has been going and how many
 * are in it, in the person's locale. The title is the page's `<h1>`.
 */
export function RoomHeader({ title, since, count }: { title: string; since: number; count: number }) {
  const { t, i18n } = useLingui();
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1_000);
    return () => clearInterval(timer);
  }, []);
  const { hours, minutes, seconds } = elapsedParts(now - since);
  const two = (n: number) => i18n.number(n, { minimumIntegerDigits: 2 });
  const clock = hours > 0 ? `${i18n.number(hours)}:${two(minutes)}:${two(seconds)}` : `${i18n.number(minutes)}:${two(seconds)}`;
  return (
    <header className="room-header">
      <PageHeading id="room-title" className="room-header__title" title={title} />
      <p className="room-header__facts">
        <span>
          <span className="sr-only">{t`Elapsed time`} </span>
          <time dateTime={`PT${hours}H${minutes}M${seconds}S`}>{clock}</time>
        </span>
        <span aria-hidden="true"> · </span>
        <span>{plural(count, { one: '# participant', other: '# participants' })}</span>
      </p>
    </header>
  );
}
