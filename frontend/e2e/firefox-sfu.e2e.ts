import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { type Participant } from './support/browser';
import {
  closeFirefox,
  type FirefoxParticipant,
  joinByLinkInFirefox,
  launchFirefox,
  LIVEKIT_FIREFOX_PREFS,
  mediaModeInFirefox,
  mutedMarkInFirefox,
  saveFirefoxFailure,
  setToggleInFirefox,
  snapshotInFirefox,
  waitForTilesInFirefox,
} from './support/firefox';
import { LIVEKIT_CHROMIUM_ARGS, LivekitProcess } from './support/livekit';
import { createMeetingViaUi, joinByLink, setToggle, tile, waitForTiles } from './support/meeting';
import { resultsDir } from './support/paths';
import { useSuite } from './support/suite';
import { screenSelector, snapshotVideoInPage, tileSelector, waitForChangingVideo } from './support/video-snapshot';
import { waitFor } from '../../testkit/wait';

// Firefox on the SFU: with a mesh of one, Fiona (Firefox) joining Alice (Chromium) moves the
// meeting to a real livekit-server, so everything below goes through LiveKit's client in Firefox.
const livekit = new LivekitProcess();
beforeAll(() => livekit.start());
afterAll(() => livekit.stop());
const suite = useSuite('firefox_sfu', () => ({ ...livekit.env, MESH_MAX_PARTICIPANTS: '1', MAX_PARTICIPANTS: '10' }), {
  chromiumArgs: LIVEKIT_CHROMIUM_ARGS,
});
let alice: Participant;
let fiona: FirefoxParticipant | undefined;
afterAll(() => closeFirefox(fiona));
afterEach(async (ctx) => {
  if (ctx.task.result?.state === 'fail') await saveFirefoxFailure(fiona, resultsDir(), ctx.task.name.replace(/[^\w-]+/g, '_').slice(0, 80));
});

const ff = () => fiona!;
const chromiumMode = () => alice.page.evaluate(() => (window as unknown as { __meet?: { mediaMode(): string | null } }).__meet?.mediaMode() ?? null);

describe('Firefox on the SFU (MESH_MAX_PARTICIPANTS=1, real livekit-server)', () => {
  test('when Fiona (Firefox) joins Alice (Chromium), then both move to the SFU and each receives the other\'s live video', async () => {
    alice = await suite.person('Alice');
    fiona = await launchFirefox('Fiona', LIVEKIT_FIREFOX_PREFS);
    const { link } = await createMeetingViaUi(alice.page, suite.backend.url);
    await joinByLink(alice.page, link, 'Alice');
    await joinByLinkInFirefox(ff(), link, 'Fiona');

    await waitFor(chromiumMode, (mode) => mode === 'sfu', { timeoutMs: 30_000, message: 'Alice on the SFU' });
    await waitFor(() => mediaModeInFirefox(ff().page), (mode) => mode === 'sfu', { timeoutMs: 30_000, message: 'Fiona on the SFU' });
    await waitForTiles(alice.page, ['Alice (you)', 'Fiona'], 30_000);
    await waitForTilesInFirefox(ff().page, ['Fiona (you)', 'Alice'], 30_000);
    await Promise.all([
      waitForChangingVideo(() => alice.page.evaluate(snapshotVideoInPage, tileSelector('Fiona')), "Alice's tile of Fiona", 30_000),
      waitForChangingVideo(() => snapshotInFirefox(ff().page, tileSelector('Alice')), "Fiona's tile of Alice", 30_000),
    ]);
  });

  test('when either one mutes on the SFU, then the other sees the muted mark', async () => {
    await setToggleInFirefox(ff().page, 'Microphone', false);
    await tile(alice.page, 'Fiona').getByRole('img', { name: 'Microphone muted' }).waitFor({ timeout: 15_000 });
    await setToggle(alice.page, 'Microphone', false);
    await waitFor(() => mutedMarkInFirefox(ff().page, 'Alice'), (muted) => muted, { timeoutMs: 15_000, message: 'Fiona sees Alice muted' });

    await setToggleInFirefox(ff().page, 'Microphone', true);
    await tile(alice.page, 'Fiona').getByRole('img', { name: 'Microphone muted' }).waitFor({ state: 'detached', timeout: 15_000 });
    await setToggle(alice.page, 'Microphone', true);
    await waitFor(() => mutedMarkInFirefox(ff().page, 'Alice'), (muted) => !muted, { timeoutMs: 15_000, message: 'Fiona sees Alice unmuted' });
  });

  test('when Alice shares her screen on the SFU, then Fiona receives it live, and it goes when Alice stops', async () => {
    await setToggle(alice.page, 'Share screen', true);
    await waitForChangingVideo(() => snapshotInFirefox(ff().page, screenSelector('Alice')), "Fiona's view of Alice's screen", 30_000);
    await setToggle(alice.page, 'Share screen', false);
    await waitFor(() => ff().page.$(screenSelector('Alice')), (el) => el === null, { timeoutMs: 20_000, message: "Alice's screen gone from Fiona's page" });
    expect(await mediaModeInFirefox(ff().page)).toBe('sfu');
  });
});
