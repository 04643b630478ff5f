import { Trans, useLingui } from '@lingui/react/macro';
import { PageHeading } from '../../components/page-heading';
import { Preferences } from '../../components/preferences';
import { StartMeeting } from '../../features/meetings/components/start-meeting';

/** `/`: product name and the two ways in. */
export function HomeRoute() {
  const { t } = useLingui();
  return (
    <>
      <Preferences />
      <main className="home">
        <div className="home__card">
          <div className="brand" aria-hidden="true"><span className="brand__mark" /></div>
          <PageHeading title={t`Meet`} className="home__title" />
          <p className="home__lede"><Trans>Video meetings that just work. No account, no install.</Trans></p>
          <StartMeeting />
        </div>
      </main>
    </>
  );
}
