import { describe, test } from 'vitest';
import { type Participant } from './support/browser';
import { waitForMediaFlow } from './support/media';
import { createMeetingViaUi, joinByLink, joinFromLobby, waitForTiles } from './support/meeting';
import { useSuite } from './support/suite';

const suite = useSuite('mesh4');

describe('a four-person mesh', () => {
  test('when four people join one meeting, then all twelve directed media flows are live', async () => {
    const names = ['Alice', 'Bob', 'Carol', 'Dave'];
    const people: Participant[] = [];
    for (const name of names) people.push(await suite.person(name));
    const [host, ...guests] = people as [Participant, ...Participant[]];

    const { link } = await createMeetingViaUi(host.page, suite.backend.url);
    await joinFromLobby(host.page, host.name);
    for (const guest of guests) await joinByLink(guest.page, link, guest.name);

    // Each page checks its three inbound peers: 4 × 3 = 12 directed flows.
    await Promise.all(
      people.map(async (p) => {
        const others = names.filter((n) => n !== p.name);
        await waitForTiles(p.page, [`${p.name} (you)`, ...others], 60_000);
        await waitForMediaFlow(p.page, others, 90_000);
      }),
    );
  }, 240_000);
});
