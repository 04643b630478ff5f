import { type Locator, type Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { axeViolations } from './support/axe';
import { type Participant } from './support/browser';
import { waitForPlayingVideo } from './support/media';
import { createMeetingViaUi, joinByLink, joinFromLobby, setToggle, waitForTiles } from './support/meeting';
import { useSuite } from './support/suite';

// One meeting, two people, walked through in order: each test starts where the previous one ended.
const suite = useSuite('layout');
let alice: Participant;
let bob: Participant;

const stage = (page: Page) => page.getByRole('region', { name: 'Stage', exact: true });
const strip = (page: Page) => page.getByRole('region', { name: 'Filmstrip', exact: true });
const screenOf = (scope: Page | Locator, name: string) => scope.getByRole('region', { name: `Screen shared by ${name}`, exact: true });
const button = (page: Page, name: string) => page.getByRole('button', { name, exact: true });

/** The two boxes' positions: where the strip sits relative to the stage. */
async function stripPlacement(page: Page): Promise<'end' | 'start' | 'below'> {
  const s = (await stage(page).boundingBox())!;
  const f = (await strip(page).boundingBox())!;
  if (f.y >= s.y + s.height - 1) return 'below';
  return f.x >= s.x + s.width - 1 ? 'end' : 'start';
}

describe('layout: presentation view, pin, fullscreen, pages', () => {
  test('when Alice shares her screen, then for Bob the screen takes the stage and Alice\'s camera moves to the strip beside it', async () => {
    alice = await suite.person('Alice');
    bob = await suite.person('Bob');
    const { link } = await createMeetingViaUi(alice.page, suite.backend.url);
    await joinFromLobby(alice.page, 'Alice');
    await joinByLink(bob.page, link, 'Bob');
    await waitForTiles(bob.page, ['Alice', 'Bob (you)']);
    expect(await stage(bob.page).count()).toBe(0);

    await setToggle(alice.page, 'Share screen', true);
    await waitForPlayingVideo(screenOf(stage(bob.page), 'Alice'), "Bob's stage showing Alice's screen");
    await strip(bob.page).getByRole('group', { name: 'Alice', exact: true }).waitFor();
    expect(await stage(bob.page).getByRole('group').count()).toBe(0);
    // A wide window: the strip is at the side (inline end).
    expect(await stripPlacement(bob.page)).toBe('end');
    // The presenter sees the same arrangement (her own screen is named "Screen shared by You").
    await screenOf(stage(alice.page), 'You').waitFor();
  });

  test('when Bob pins Alice\'s camera, then it is on Bob\'s stage and not on Alice\'s; unpinning gives the stage back to the screen', async () => {
    await button(bob.page, 'Pin Alice').click();
    await stage(bob.page).getByRole('group', { name: 'Alice', exact: true }).waitFor();
    await waitForPlayingVideo(stage(bob.page).getByRole('group', { name: 'Alice', exact: true }), "Alice's camera on Bob's stage");
    // The screen moved to Bob's strip; Alice's own view did not change (pins are personal).
    await screenOf(strip(bob.page), 'Alice').waitFor();
    expect(await screenOf(stage(alice.page), 'You').count()).toBe(1);
    expect(await stage(alice.page).getByRole('group').count()).toBe(0);

    await button(bob.page, 'Unpin Alice').click();
    await screenOf(stage(bob.page), 'Alice').waitFor();
    expect(await stage(bob.page).getByRole('group').count()).toBe(0);
  });

  test('when the stage is up, then a named fullscreen button puts the stage in fullscreen and takes it out again', async () => {
    const enter = button(bob.page, 'Full screen');
    await enter.waitFor();
    await enter.click();
    await expect.poll(() => bob.page.evaluate(() => document.fullscreenElement?.getAttribute('aria-label') ?? null)).toBe('Stage');
    await button(bob.page, 'Exit full screen').click();
    await expect.poll(() => bob.page.evaluate(() => document.fullscreenElement === null)).toBe(true);
    await enter.waitFor();
  });

  test('when presentation view is audited, then axe finds no violations on a desktop, a phone in portrait and in landscape', async () => {
    expect(await axeViolations(bob.page), 'desktop').toEqual([]);
    await bob.page.setViewportSize({ width: 390, height: 844 });
    await expect.poll(() => stripPlacement(bob.page)).toBe('below');
    expect(await axeViolations(bob.page), 'phone portrait').toEqual([]);
    await bob.page.setViewportSize({ width: 844, height: 390 });
    await expect.poll(() => stripPlacement(bob.page)).toBe('end');
    expect(await axeViolations(bob.page), 'phone landscape').toEqual([]);
    await bob.page.setViewportSize({ width: 1000, height: 700 });
  });

  test('when the page is right-to-left, then the strip sits on the left of the stage', async () => {
    await bob.page.evaluate(() => (document.documentElement.dir = 'rtl'));
    await expect.poll(() => stripPlacement(bob.page)).toBe('start');
    await bob.page.evaluate(() => (document.documentElement.dir = 'ltr'));
  });

  test('when Bob goes back to the grid, then the screen becomes a grid tile; a pin after the share ended is undone by unpinning, back to the grid', async () => {
    await button(bob.page, 'Back to grid').click();
    await stage(bob.page).waitFor({ state: 'detached' });
    await screenOf(bob.page, 'Alice').waitFor();
    await waitForTiles(bob.page, ['Alice', 'Bob (you)']);

    await setToggle(alice.page, 'Share screen', false);
    await screenOf(bob.page, 'Alice').waitFor({ state: 'detached' });
    await button(bob.page, 'Pin Alice').click();
    await stage(bob.page).getByRole('group', { name: 'Alice', exact: true }).waitFor();
    await strip(bob.page).getByRole('group', { name: 'Bob (you)', exact: true }).waitFor();
    await button(bob.page, 'Unpin Alice').click();
    await stage(bob.page).waitFor({ state: 'detached' });
    await waitForTiles(bob.page, ['Alice', 'Bob (you)']);
  });

  test('when the window holds one tile only, then the grid pages: "Page 1 of 2", the next page by keyboard shows the other person, and off-page tiles are not mounted', async () => {
    await bob.page.setViewportSize({ width: 360, height: 300 });
    const pages = bob.page.getByRole('group', { name: 'Pages', exact: true });
    await expect.poll(() => pages.innerText()).toContain('Page 1 of 2');
    // Our own tile stays on page 1; Alice is on page 2 and not rendered.
    await waitForTiles(bob.page, ['Bob (you)']);
    await pages.getByRole('button', { name: 'Next page', exact: true }).focus();
    await bob.page.keyboard.press('Enter');
    await expect.poll(() => pages.innerText()).toContain('Page 2 of 2');
    await waitForTiles(bob.page, ['Alice']);
    // At the end the button stays focusable and says it is unavailable.
    expect(await pages.getByRole('button', { name: 'Next page', exact: true }).getAttribute('aria-disabled')).toBe('true');
    await bob.page.keyboard.press('Shift+Tab');
    await bob.page.keyboard.press('Enter');
    await expect.poll(() => pages.innerText()).toContain('Page 1 of 2');
    expect(await axeViolations(bob.page), 'paged grid').toEqual([]);
    await bob.page.setViewportSize({ width: 1000, height: 700 });
    await pages.waitFor({ state: 'detached' });
    await waitForTiles(bob.page, ['Alice', 'Bob (you)']);
  });
});
