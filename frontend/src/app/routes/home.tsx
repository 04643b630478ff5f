import { StartMeeting } from '../../features/meetings/components/start-meeting';

/** `/`: product name and the two ways in. */
export function HomeRoute() {
  return (
    <main className="home">
      <div className="home__card">
        <div className="brand" aria-hidden="true"><span className="brand__mark" /></div>
        <h1 className="home__title">Meet</h1>
        <p className="home__lede">Video meetings that just work. No account, no install.</p>
        <StartMeeting />
      </div>
    </main>
  );
}
