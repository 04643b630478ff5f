import { type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type Participant } from './support/browser';
import { LIVEKIT_CHROMIUM_ARGS, LivekitProcess } from './support/livekit';
import { readStats, type PeerStats } from './support/media';
import { createMeetingViaUi, joinByLink, joinFromLobby, waitForTiles } from './support/meeting';
import { useSuite } from './support/suite';
import { waitFor } from '../../testkit/wait';

// The mesh holds 2 people: Carol, the third, goes straight to a real livekit-server. Her window
// holds one tile per page, so Alice and Bob are on pages 2 and 3 and their video must not flow.
const livekit = new LivekitProcess();
beforeAll(() => livekit.start());
afterAll(() => livekit.stop());
const suite = useSuite('layout_sfu', () => ({ ...livekit.env, MESH_MAX_PARTICIPANTS: '2', MAX_PARTICIPANTS: '10' }), {
  chromiumArgs: LIVEKIT_CHROMIUM_ARGS,
});

const mediaMode = (page: Page) => page.evaluate(() => (window as unknown as { __meet?: { mediaMode(): string | null } }).__meet?.mediaMode() ?? null);
const byName = async (page: Page) => Object.fromEntries((await readStats(page)).map((s) => [s.displayName, s])) as Record<string, PeerStats>;

/**
 * Waits until, for 2 s in a row, `paused`'s decoded frames stand still while `flowing`'s keep
 * rising, and everyone's audio keeps arriving (off-page people are still heard).
 */
async function waitForVideoOnlyFrom(page: Page, flowing: string[], paused: string[]): Promise<void> {
  let previous: Record<string, PeerStats> | null = null;
  let since = Infinity;
  await waitFor(
    () => byName(page),
    (now) => {
      const before = previous;
      previous = now;
      if (!before) return false;
      const rose = (name: string, key: 'framesDecoded' | 'audioPacketsReceived') => (now[name]?.[key] ?? 0) > (before[name]?.[key] ?? 0);
      const ok =
        flowing.every((name) => rose(name, 'framesDecoded')) &&
        paused.every((name) => !rose(name, 'framesDecoded')) &&
        [...flowing, ...paused].every((name) => rose(name, 'audioPacketsReceived'));
      if (!ok) since = Infinity;
      else if (since === Infinity) since = Date.now();
      return Date.now() - since >= 2_000;
    },
    { timeoutMs: 40_000, intervalMs: 500, message: `video from ${flowing.join(', ') || 'nobody'} only; audio from everyone` },
  );
}

describe('paged grid on the SFU', () => {
  let alice: Participant;
  let bob: Participant;
  let carol: Participant;

  test('when Carol\'s page shows only herself, then the SFU sends her no video from Alice and Bob but she still hears them; the next page brings Alice\'s video alone', async () => {
    alice = await suite.person('Alice');
    bob = await suite.person('Bob');
    const { link } = await createMeetingViaUi(alice.page, suite.backend.url);
    await joinFromLobby(alice.page, 'Alice');
    await joinByLink(bob.page, link, 'Bob');
    await waitForTiles(bob.page, ['Alice', 'Bob (you)']);

    carol = await suite.person('Carol');
    await carol.page.setViewportSize({ width: 360, height: 300 });
    await joinByLink(carol.page, link, 'Carol');
    await waitFor(() => mediaMode(carol.page), (mode) => mode === 'sfu', { message: "Carol's media on the SFU" });
    const pages = carol.page.getByRole('group', { name: 'Pages', exact: true });
    await expect.poll(() => pages.innerText(), { timeout: 20_000 }).toContain('Page 1 of 3');
    await waitForTiles(carol.page, ['Carol (you)']);
    await waitForVideoOnlyFrom(carol.page, [], ['Alice', 'Bob']);

    await pages.getByRole('button', { name: 'Next page', exact: true }).click();
    await waitForTiles(carol.page, ['Alice']);
    await waitForVideoOnlyFrom(carol.page, ['Alice'], ['Bob']);
  });
});
