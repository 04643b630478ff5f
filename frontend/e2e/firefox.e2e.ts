import axe from 'axe-core';
import { afterAll, afterEach, describe, expect, test } from 'vitest';
import { AXE_TAGS } from './support/axe';
import { type Participant } from './support/browser';
import {
  byRole,
  chatTextsInFirefox,
  closeFirefox,
  type FirefoxParticipant,
  joinByLinkInFirefox,
  launchFirefox,
  mutedMarkInFirefox,
  readStatsInFirefox,
  saveFirefoxFailure,
  sendChatInFirefox,
  setToggleInFirefox,
  snapshotInFirefox,
  waitForTilesInFirefox,
} from './support/firefox';
import { waitForMediaFlow, waitForMediaFlowIn } from './support/media';
import { chatLog, createMeetingViaUi, joinFromLobby, sendChat, setToggle, tile, waitForTiles } from './support/meeting';
import { resultsDir } from './support/paths';
import { useSuite } from './support/suite';
import { screenSelector, snapshotVideoInPage, tileSelector, waitForChangingVideo } from './support/video-snapshot';
import { waitFor } from '../../testkit/wait';

// One mesh meeting between Alice in Chromium (Playwright) and Fiona in Firefox (Puppeteer over
// WebDriver BiDi), walked through in order like meeting.e2e.ts. Video counts as live when canvas
// snapshots of the <video> change over time (headless Firefox presents no frames to
// requestVideoFrameCallback), audio when the receiver's packet count keeps rising.
const suite = useSuite('firefox');
let alice: Participant;
let fiona: FirefoxParticipant | undefined;
afterAll(() => closeFirefox(fiona));

afterEach(async (ctx) => {
  if (ctx.task.result?.state === 'fail') await saveFirefoxFailure(fiona, resultsDir(), ctx.task.name.replace(/[^\w-]+/g, '_').slice(0, 80));
});

const ff = () => fiona!;
const chromiumSnapshot = (selector: string) => () => alice.page.evaluate(snapshotVideoInPage, selector);
const firefoxSnapshot = (selector: string) => () => snapshotInFirefox(ff().page, selector);

describe('a meeting between Chromium and Firefox (mesh)', () => {
  test('when Alice (Chromium) creates a meeting and Fiona (Firefox) joins by the link, then each receives the other\'s live video and audio', async () => {
    alice = await suite.person('Alice');
    fiona = await launchFirefox('Fiona');
    const { link } = await createMeetingViaUi(alice.page, suite.backend.url);
    await joinFromLobby(alice.page, 'Alice');

    const joinedAt = Date.now();
    await joinByLinkInFirefox(ff(), link, 'Fiona');
    await waitForTiles(alice.page, ['Alice (you)', 'Fiona']);
    await waitForTilesInFirefox(ff().page, ['Fiona (you)', 'Alice']);

    await Promise.all([
      waitForChangingVideo(chromiumSnapshot(tileSelector('Fiona')), "Alice's tile of Fiona"),
      waitForChangingVideo(firefoxSnapshot(tileSelector('Alice')), "Fiona's tile of Alice"),
    ]);
    console.log(`[firefox.e2e] from Fiona's Join now to live video both ways: ${Date.now() - joinedAt} ms`);
    await waitForMediaFlow(alice.page, ['Fiona']);
    await waitForMediaFlowIn(() => readStatsInFirefox(ff().page), ['Alice']);
  });

  test('when Fiona sends a chat message, then Alice sees it with her name, and Alice\'s reply reaches Fiona', async () => {
    const fromFiona = `hello from Firefox ${Date.now()}`;
    await sendChatInFirefox(ff().page, fromFiona);
    const item = (await chatLog(alice.page)).getByRole('listitem').filter({ hasText: fromFiona });
    await item.waitFor({ timeout: 10_000 });
    expect(await item.innerText()).toContain('Fiona');

    const fromAlice = `hello from Chromium ${Date.now()}`;
    await sendChat(alice.page, fromAlice);
    const texts = await waitFor(() => chatTextsInFirefox(ff().page), (all) => all.some((t) => t.includes(fromAlice)), {
      timeoutMs: 10_000,
      message: `Fiona sees "${fromAlice}"`,
    });
    expect(texts.find((t) => t.includes(fromAlice))).toContain('Alice');
  });

  test('when either one mutes, then the other sees the muted mark, and it goes on unmute', async () => {
    const aliceMark = tile(alice.page, 'Fiona').getByRole('img', { name: 'Microphone muted' });
    const fionaSeesAliceMuted = () => mutedMarkInFirefox(ff().page, 'Alice');
    expect(await aliceMark.count()).toBe(0);
    expect(await fionaSeesAliceMuted()).toBe(false);

    await setToggleInFirefox(ff().page, 'Microphone', false);
    await aliceMark.waitFor({ timeout: 10_000 });
    await setToggle(alice.page, 'Microphone', false);
    await waitFor(fionaSeesAliceMuted, (muted) => muted, { timeoutMs: 10_000, message: 'Fiona sees Alice muted' });

    await setToggleInFirefox(ff().page, 'Microphone', true);
    await aliceMark.waitFor({ state: 'detached', timeout: 10_000 });
    await setToggle(alice.page, 'Microphone', true);
    await waitFor(fionaSeesAliceMuted, (muted) => !muted, { timeoutMs: 10_000, message: 'Fiona sees Alice unmuted' });
  });

  test('when Fiona turns her camera off and on, then Alice sees no video and then live video again', async () => {
    await setToggleInFirefox(ff().page, 'Camera', false);
    await waitFor(chromiumSnapshot(tileSelector('Fiona')), (snap) => snap === null, { timeoutMs: 10_000, message: "no video on Alice's tile of Fiona" });
    await setToggleInFirefox(ff().page, 'Camera', true);
    await waitForChangingVideo(chromiumSnapshot(tileSelector('Fiona')), "Alice's tile of Fiona after her camera is back");
  });

  test('when Alice shares her screen, then Fiona receives it live, labelled with Alice\'s name, and it goes when Alice stops', async () => {
    await setToggle(alice.page, 'Share screen', true);
    await waitForChangingVideo(firefoxSnapshot(screenSelector('Alice')), "Fiona's view of Alice's screen");
    // The camera keeps flowing next to the screen.
    await waitForChangingVideo(firefoxSnapshot(tileSelector('Alice')), "Fiona's tile of Alice while she presents");

    await setToggle(alice.page, 'Share screen', false);
    await waitFor(() => ff().page.$(screenSelector('Alice')), (el) => el === null, { timeoutMs: 10_000, message: "Alice's screen gone from Fiona's page" });
  });

  test('when Fiona presses Share screen in headless Firefox, which has no screen to capture, then she is told so and the call goes on', async () => {
    const toast = () => ff().page.evaluate(() => document.querySelector('[role="status"][aria-label="Announcements"]')?.textContent ?? '');
    await ff().page.locator(`[role="toolbar"][aria-label="Call controls"] ${byRole('button', 'Share screen')}`).click();
    await waitFor(toast, (text) => text.includes('Screen sharing: not found'), { timeoutMs: 10_000, message: "Fiona's announcement that screen sharing failed" });
    expect(await alice.page.getByRole('region', { name: 'Screen shared by Fiona' }).count()).toBe(0);
    await waitForChangingVideo(chromiumSnapshot(tileSelector('Fiona')), "Alice's tile of Fiona after the failed share");
  });

  test('when axe runs in Firefox on the meeting screen with chat open, then it finds no violations', async () => {
    await setToggleInFirefox(ff().page, 'Chat', true);
    // As support/axe.ts does: mid-fade text has a lower contrast than it will have.
    await ff().page.evaluate(() => Promise.all(document.getAnimations().map((a) => a.finished.catch(() => undefined))).then(() => undefined));
    await ff().page.evaluate(axe.source);
    const violations = await ff().page.evaluate(async (tags) => {
      const result = await (window as unknown as { axe: typeof axe }).axe.run(document, { runOnly: { type: 'tag', values: tags } });
      return result.violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')} (${(n.failureSummary ?? v.help).replace(/\s+/g, ' ').slice(0, 240)})`));
    }, AXE_TAGS);
    expect(violations).toEqual([]);
    expect(await ff().page.$(byRole('complementary', 'Chat'))).not.toBeNull();
  });

  test('when the whole meeting above ran in Firefox, then the app threw no uncaught error there', () => {
    expect(ff().problems.filter((p) => p.startsWith('pageerror'))).toEqual([]);
  });
});
