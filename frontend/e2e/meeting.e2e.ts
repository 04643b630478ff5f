import { type Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { type Participant } from './support/browser';
import { waitForMediaFlow, waitForPlayingVideo, videoFacts } from './support/media';
import {
  callControls,
  chatLog,
  createMeetingViaUi,
  joinFromLobby,
  openViaHome,
  sendChat,
  setToggle,
  tile,
  waitForTiles,
} from './support/meeting';
import { useSuite } from './support/suite';
import { waitFor } from '../../testkit/wait';

// One meeting, three people, walked through in order: each test starts from the state the
// previous one left (cheaper than rebuilding a three-way call per test on a 2-core machine).
const suite = useSuite('meeting');
let alice: Participant;
let bob: Participant;
let carol: Participant;
let link = '';

const everyone = () => [alice, bob, carol];
const others = (me: Participant) => everyone().filter((p) => p !== me);

/** Records every data-connection-state value remote tiles take from now on (window.__e2eStates). */
async function recordConnectionStates(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __e2eStates: string[]; __e2eObserver?: MutationObserver };
    w.__e2eStates = [];
    w.__e2eObserver?.disconnect();
    w.__e2eObserver = new MutationObserver((records) => {
      for (const r of records) {
        const el = r.target as Element;
        if (!el.getAttribute('aria-label')?.endsWith('(you)')) w.__e2eStates.push(el.getAttribute('data-connection-state') ?? '');
      }
    });
    w.__e2eObserver.observe(document.body, { subtree: true, attributes: true, attributeFilter: ['data-connection-state'] });
  });
}

/** Stores in window.__e2eRemovedAt the moment the tile named `name` leaves the DOM. */
async function recordTileRemoval(page: Page, name: string): Promise<void> {
  await page.evaluate((label) => {
    const w = window as unknown as { __e2eRemovedAt?: number };
    delete w.__e2eRemovedAt;
    const present = () => [...document.querySelectorAll('[role="group"][data-peer-id]')].some((el) => el.getAttribute('aria-label') === label);
    const observer = new MutationObserver(() => {
      if (!present()) {
        w.__e2eRemovedAt = Date.now();
        observer.disconnect();
      }
    });
    observer.observe(document.body, { subtree: true, childList: true });
  }, name);
}

/** Stores in window.__e2eClickedAt the moment a button named `name` is clicked (capture phase). */
async function recordClickTime(page: Page, name: string): Promise<void> {
  await page.evaluate((label) => {
    const w = window as unknown as { __e2eClickedAt?: number };
    document.addEventListener(
      'click',
      (e) => {
        const button = (e.target as Element).closest('button');
        if (button?.textContent?.trim() === label || button?.getAttribute('aria-label') === label) w.__e2eClickedAt = Date.now();
      },
      { capture: true },
    );
  }, name);
}

const recordedStates = (page: Page) => page.evaluate(() => (window as unknown as { __e2eStates: string[] }).__e2eStates);

describe('a three-person meeting', () => {
  test('when Alice creates a meeting, Bob joins by pasting the link and Carol by the ID, then each receives the others\' video and audio', async () => {
    alice = await suite.person('Alice');
    bob = await suite.person('Bob');
    carol = await suite.person('Carol');

    const created = await createMeetingViaUi(alice.page, suite.backend.url);
    link = created.link;
    await joinFromLobby(alice.page, 'Alice');

    await openViaHome(bob.page, suite.backend.url, link);
    await bob.page.waitForURL(link);
    await joinFromLobby(bob.page, 'Bob');

    await openViaHome(carol.page, suite.backend.url, created.meetingId);
    await carol.page.waitForURL(link);
    await joinFromLobby(carol.page, 'Carol');

    for (const p of everyone()) {
      const names = others(p).map((o) => o.name);
      await waitForTiles(p.page, [`${p.name} (you)`, ...names]);
      await waitForMediaFlow(p.page, names);
      for (const o of others(p)) await waitForPlayingVideo(tile(p.page, o.name), `${p.name}'s tile of ${o.name}`);
    }
  });

  test('when Bob sends a chat message, then everyone sees it with his name', async () => {
    const text = `hello from Bob ${Date.now()}`;
    await sendChat(bob.page, text);
    for (const p of everyone()) {
      const log = await chatLog(p.page);
      const item = log.getByRole('listitem').filter({ hasText: text });
      await item.waitFor({ timeout: 10_000 });
      expect(await item.innerText()).toContain('Bob');
    }
  });

  test('when Alice mutes her microphone, then the others see the muted mark on her tile, and it goes when she unmutes', async () => {
    const marks = (p: Participant) => tile(p.page, 'Alice').getByRole('img', { name: 'Microphone muted' });
    for (const p of others(alice)) expect(await marks(p).count()).toBe(0);

    await setToggle(alice.page, 'Microphone', false);
    for (const p of others(alice)) await marks(p).waitFor({ timeout: 10_000 });

    await setToggle(alice.page, 'Microphone', true);
    for (const p of others(alice)) await marks(p).waitFor({ state: 'detached', timeout: 10_000 });
  });

  test('when Alice turns her camera off, then the others see no live video on her tile, and video returns when she turns it on', async () => {
    await setToggle(alice.page, 'Camera', false);
    for (const p of others(alice)) {
      await waitFor(
        () => videoFacts(tile(p.page, 'Alice')),
        (videos) => videos.every((v) => !v.visible || v.width === 0),
        { timeoutMs: 10_000, message: `${p.name} sees no live video on Alice's tile` },
      );
    }

    await setToggle(alice.page, 'Camera', true);
    for (const p of others(alice)) await waitForPlayingVideo(tile(p.page, 'Alice'), `${p.name}'s tile of Alice after camera on`);
  });

  test('when Alice shares her screen, then the others receive it as a new video labelled with her name', async () => {
    const screenOf = (p: Participant) => p.page.getByRole('region', { name: 'Screen shared by Alice' });
    for (const p of others(alice)) expect(await screenOf(p).count()).toBe(0);

    await setToggle(alice.page, 'Share screen', true);
    for (const p of others(alice)) {
      await waitForPlayingVideo(screenOf(p), `${p.name}'s view of Alice's screen`);
      await expect.poll(() => screenOf(p).innerText()).toContain('Alice is presenting');
    }
    // The camera keeps flowing next to the screen.
    for (const p of others(alice)) await waitForPlayingVideo(tile(p.page, 'Alice'), `${p.name}'s tile of Alice while she presents`);

    await setToggle(alice.page, 'Share screen', false);
    for (const p of others(alice)) await screenOf(p).waitFor({ state: 'detached', timeout: 10_000 });
  });

  test('when Bob and Carol start sharing their screens at the same moment, then every connection stays connected and media keeps flowing', async () => {
    for (const p of everyone()) await recordConnectionStates(p.page);

    await Promise.all([toggleButton(bob.page).click(), toggleButton(carol.page).click()]);

    for (const p of everyone()) {
      for (const sharer of [bob, carol].filter((s) => s !== p)) {
        await waitForPlayingVideo(p.page.getByRole('region', { name: `Screen shared by ${sharer.name}` }), `${p.name}'s view of ${sharer.name}'s screen`);
      }
      await waitForMediaFlow(p.page, others(p).map((o) => o.name));
    }
    for (const p of everyone()) {
      const states = await recordedStates(p.page);
      expect(states.filter((s) => s !== 'connected'), `${p.name}'s remote tiles left 'connected'`).toEqual([]);
    }

    await setToggle(bob.page, 'Share screen', false);
    await setToggle(carol.page, 'Share screen', false);
  });

  test('when Carol leaves, then her tile disappears for the others within 2 seconds', async () => {
    for (const p of others(carol)) {
      await tile(p.page, 'Carol').waitFor({ timeout: 5_000 });
      await recordTileRemoval(p.page, 'Carol');
    }
    await recordClickTime(carol.page, 'Leave');

    await callControls(carol.page).getByRole('button', { name: 'Leave' }).click();
    await Promise.all(others(carol).map((p) => tile(p.page, 'Carol').waitFor({ state: 'detached', timeout: 15_000 })));

    // Both instants are taken inside the browsers (same machine clock), so Playwright's own
    // polling latency on a busy machine does not count against the app.
    const clickedAt = await carol.page.evaluate(() => (window as unknown as { __e2eClickedAt: number }).__e2eClickedAt);
    expect(clickedAt, 'the Leave click was recorded').toBeTypeOf('number');
    for (const p of others(carol)) {
      const removedAt = await p.page.evaluate(() => (window as unknown as { __e2eRemovedAt: number }).__e2eRemovedAt);
      expect(removedAt - clickedAt, `${p.name} still showed Carol's tile ${removedAt - clickedAt} ms after she clicked Leave`).toBeLessThan(2_000);
    }
    await carol.page.getByRole('heading', { name: 'You left the meeting' }).waitFor({ timeout: 5_000 });
  });

  test('when Carol presses Rejoin, then she is back in the call and media flows both ways', async () => {
    await carol.page.getByRole('button', { name: 'Rejoin' }).click();
    await callControls(carol.page).waitFor({ timeout: 20_000 });

    for (const p of everyone()) {
      const names = others(p).map((o) => o.name);
      await waitForTiles(p.page, [`${p.name} (you)`, ...names]);
      await waitForMediaFlow(p.page, names);
    }
  });
});

function toggleButton(page: Page) {
  return callControls(page).getByRole('button', { name: 'Share screen', exact: true });
}
