import { type Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { type Participant } from './support/browser';
import { waitForMediaFlow } from './support/media';
import { chatLog, createMeetingViaUi, joinByLink, joinFromLobby, sendChat, tile } from './support/meeting';
import { useSuite } from './support/suite';

// MAX_PARTICIPANTS=2 (the backend's minimum) makes "meeting full" cost three browser contexts
// instead of seven; the limit check is the same code path whatever the number.
const suite = useSuite('errors', { MAX_PARTICIPANTS: '2' });

const UNKNOWN_ID = 'zzzzz-zzzzz-zzzzz'; // well formed, never created (IDs are random, 75 bits)
const XSS = '<img src=x onerror="window.__xss=1">';

/** Records CSP violations from the first script on (window.__csp). */
async function watchCsp(p: Participant): Promise<void> {
  await p.context.addInitScript(() => {
    const w = window as unknown as { __csp: string[] };
    w.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => w.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
}

const cspViolations = (page: Page) => page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? []);

describe('errors people can hit', () => {
  test('when an unknown but well-formed ID is entered on Home, then "No meeting with that ID." shows inline', async () => {
    const { page } = await suite.person('Visitor');
    await page.goto(suite.backend.url);
    await page.getByRole('textbox', { name: 'Meeting ID or link' }).fill(UNKNOWN_ID);
    await page.getByRole('button', { name: 'Join', exact: true }).click();
    await expect.poll(() => page.getByRole('alert').innerText(), { timeout: 10_000 }).toBe('No meeting with that ID.');
    expect(new URL(page.url()).pathname).toBe('/');
  });

  test('when a malformed ID is entered on Home, then "That doesn\'t look like a meeting ID." shows inline', async () => {
    const { page } = await suite.person('Visitor 2');
    await page.goto(suite.backend.url);
    await page.getByRole('textbox', { name: 'Meeting ID or link' }).fill('not a meeting');
    await page.getByRole('button', { name: 'Join', exact: true }).click();
    await expect.poll(() => page.getByRole('alert').innerText(), { timeout: 10_000 }).toBe("That doesn't look like a meeting ID.");
    expect(new URL(page.url()).pathname).toBe('/');
  });

  test('when someone opens /<unknown id>, then the page says "Meeting not found"', async () => {
    const { page } = await suite.person('Visitor 3');
    await page.goto(`${suite.backend.url}/${UNKNOWN_ID}`);
    await page.getByRole('heading', { level: 1, name: 'Meeting not found' }).waitFor({ timeout: 15_000 });
  });

  test('when a meeting is at its limit, then the next joiner sees "This meeting is full", and gets in once a seat frees', async () => {
    const [alice, bob, carol] = [await suite.person('Alice'), await suite.person('Bob'), await suite.person('Carol')];
    const { link } = await createMeetingViaUi(alice.page, suite.backend.url);
    await joinFromLobby(alice.page, 'Alice');
    await joinByLink(bob.page, link, 'Bob');
    await tile(alice.page, 'Bob').waitFor({ timeout: 15_000 });

    await carol.page.goto(link);
    await carol.page.getByRole('textbox', { name: 'Your name' }).fill('Carol');
    await carol.page.getByRole('button', { name: 'Join now' }).click();
    await carol.page.getByRole('heading', { level: 1, name: 'This meeting is full' }).waitFor({ timeout: 15_000 });
    expect(await tile(alice.page, 'Carol').count()).toBe(0);

    await bob.page.getByRole('toolbar', { name: 'Call controls' }).getByRole('button', { name: 'Leave' }).click();
    await tile(alice.page, 'Bob').waitFor({ state: 'detached', timeout: 10_000 });
    await carol.page.getByRole('button', { name: 'Try again' }).click();
    await tile(carol.page, 'Carol (you)').waitFor({ timeout: 20_000 });
    await waitForMediaFlow(alice.page, ['Carol']);
    await suite.dismiss(alice, bob, carol);
  });

  test('when a display name and a chat message carry markup, then they render as literal text and no script runs, under the CSP', async () => {
    const alice = await suite.person('Alice');
    const mallory = await suite.person(XSS);
    await watchCsp(alice);
    await watchCsp(mallory);
    alice.problems.length = 0;
    mallory.problems.length = 0;

    const { link } = await createMeetingViaUi(alice.page, suite.backend.url);
    await joinFromLobby(alice.page, 'Alice');
    await joinByLink(mallory.page, link, XSS);
    await sendChat(mallory.page, XSS);

    // Alice sees the name on the tile and in the chat, as text.
    const malloryTile = tile(alice.page, XSS);
    await malloryTile.waitFor({ timeout: 15_000 });
    expect(await malloryTile.innerText()).toContain(XSS);
    const log = await chatLog(alice.page);
    const item = log.getByRole('listitem').filter({ hasText: XSS });
    await item.waitFor({ timeout: 10_000 });
    expect((await item.innerText()).split(XSS).length - 1, 'name and text both shown literally').toBe(2);
    await waitForMediaFlow(alice.page, [XSS]);

    for (const p of [alice, mallory]) {
      await chatLog(p.page);
      expect(await p.page.locator('img[src="x"]').count(), `${p.name === XSS ? 'Mallory' : p.name}: no injected <img>`).toBe(0);
      expect(await p.page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss)).toBeUndefined();
      expect(await cspViolations(p.page)).toEqual([]);
      expect(p.problems).toEqual([]);
    }
  });
});
