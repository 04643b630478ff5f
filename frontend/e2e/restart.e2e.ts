import { describe, expect, test } from 'vitest';
import { waitForMediaFlow, readStats, selfId } from './support/media';
import { createMeetingViaUi, joinByLink, joinFromLobby, tile } from './support/meeting';
import { useSuite } from './support/suite';
import { waitFor } from '../../testkit/wait';

const suite = useSuite('restart');

describe('backend restart', () => {
  test('when the backend restarts mid-meeting, then everyone rejoins by themselves and media flows again without a page reload', async () => {
    const alice = await suite.person('Alice');
    const bob = await suite.person('Bob');
    const { link } = await createMeetingViaUi(alice.page, suite.backend.url);
    await joinFromLobby(alice.page, 'Alice');
    await joinByLink(bob.page, link, 'Bob');
    await waitForMediaFlow(alice.page, ['Bob']);
    await waitForMediaFlow(bob.page, ['Alice']);

    // A marker that only survives if the page is never reloaded.
    for (const p of [alice, bob]) await p.page.evaluate(() => ((window as unknown as { __e2eMarker: string }).__e2eMarker = 'still here'));
    const oldIds = { alice: await selfId(alice.page), bob: await selfId(bob.page) };
    expect(oldIds.alice).toBeTruthy();
    expect(oldIds.bob).toBeTruthy();

    // SIGTERM: the backend tells the clients, closes the sockets and exits 0.
    expect(await suite.backend.stop()).toBe(0);
    for (const p of [alice, bob]) {
      await expect
        .poll(() => tile(p.page, `${p.name} (you)`).getAttribute('data-connection-state'), { timeout: 15_000 })
        .toBe('reconnecting');
    }

    await suite.backend.start(); // same port, same database

    // New sockets mean new participant ids; each side must see the other's new id.
    const newAlice = await waitFor(() => selfId(alice.page), (id) => !!id && id !== oldIds.alice, { timeoutMs: 45_000, message: 'Alice rejoined with a new id' });
    const newBob = await waitFor(() => selfId(bob.page), (id) => !!id && id !== oldIds.bob, { timeoutMs: 45_000, message: 'Bob rejoined with a new id' });
    const aliceStats = await waitForMediaFlow(alice.page, ['Bob'], 45_000);
    const bobStats = await waitForMediaFlow(bob.page, ['Alice'], 45_000);
    expect(aliceStats.map((s) => s.peerId)).toEqual([newBob]);
    expect(bobStats.map((s) => s.peerId)).toEqual([newAlice]);
    for (const p of [alice, bob]) {
      expect(await tile(p.page, `${p.name} (you)`).getAttribute('data-connection-state')).toBe('connected');
      expect(await p.page.evaluate(() => (window as unknown as { __e2eMarker?: string }).__e2eMarker)).toBe('still here');
      expect((await readStats(p.page)).length, `${p.name} has no ghost peers`).toBe(1);
    }
  });
});
