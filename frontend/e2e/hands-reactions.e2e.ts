import { type Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { axeViolations } from './support/axe';
import { callControls, createMeetingViaUi, joinByLink, joinFromLobby, setToggle, tile, waitForTiles } from './support/meeting';
import { useSuite } from './support/suite';

const suite = useSuite('hands-reactions');

const raiseHand = (page: Page) => callControls(page).getByRole('button', { name: 'Raise hand', exact: true });
const raisedHands = (page: Page) => page.getByRole('complementary', { name: 'Participants' }).getByRole('list', { name: 'Raised hands' });
const handOn = (page: Page, name: string) => tile(page, name).getByRole('img', { name: 'Hand raised' });
const announcements = (page: Page) => page.getByRole('status', { name: 'Hands and reactions' });

describe('raise hand and reactions', () => {
  test('when Ben then Cat raise their hands, then the host sees the queue in that order and the hands on their tiles, can lower one, and sees Ben’s reaction on his tile', async () => {
    const [ann, ben, cat] = [await suite.person('Ann'), await suite.person('Ben'), await suite.person('Cat')];
    // Ann creates the meeting, so this browser holds the host key: she joins as the host.
    const { link } = await createMeetingViaUi(ann.page, suite.backend.url);
    await joinFromLobby(ann.page, 'Ann');
    await joinByLink(ben.page, link, 'Ben');
    await joinByLink(cat.page, link, 'Cat');
    await waitForTiles(ann.page, ['Ann (you)', 'Ben', 'Cat']);
    // Chromium's fake microphone beeps, and three seconds of "speech" lower a raised hand by design.
    for (const p of [ben, cat]) await setToggle(p.page, 'Microphone', false);

    // Ben with the toolbar button, Cat with the H shortcut.
    await raiseHand(ben.page).click();
    await expect.poll(() => raiseHand(ben.page).getAttribute('aria-pressed'), { timeout: 10_000 }).toBe('true');
    await handOn(ann.page, 'Ben').waitFor({ timeout: 10_000 });
    await cat.page.locator('body').click({ position: { x: 5, y: 5 } });
    await cat.page.keyboard.press('h');
    await expect.poll(() => raiseHand(cat.page).getAttribute('aria-pressed'), { timeout: 10_000 }).toBe('true');

    await handOn(ann.page, 'Cat').waitFor({ timeout: 10_000 });
    await handOn(ann.page, 'Ben').waitFor();
    expect(await handOn(ann.page, 'Ann (you)').count()).toBe(0);
    await expect.poll(() => announcements(ann.page).textContent(), { timeout: 10_000 }).toBe('Cat raised their hand');

    // The host's queue: first raised first, each with a button to lower it.
    await setToggle(ann.page, 'Participants', true);
    const queue = raisedHands(ann.page);
    await expect.poll(() => queue.getByRole('button').evaluateAll((els) => els.map((el) => el.textContent)), { timeout: 10_000 }).toEqual([
      'Lower Ben’s hand',
      'Lower Cat’s hand',
    ]);
    await expect.poll(() => queue.getByRole('listitem').allTextContents()).toEqual(['BenLower Ben’s hand', 'CatLower Cat’s hand']);

    // A participant sees the same queue but may lower only their own hand.
    await setToggle(cat.page, 'Participants', true);
    await expect.poll(() => raisedHands(cat.page).getByRole('button').allTextContents(), { timeout: 10_000 }).toEqual(['Lower your hand']);

    // The host lowers Ben's hand: it goes for everyone, and Ben hears who did it.
    await queue.getByRole('button', { name: 'Lower Ben’s hand' }).click();
    await expect.poll(() => queue.getByRole('listitem').count(), { timeout: 10_000 }).toBe(1);
    await expect.poll(() => handOn(ann.page, 'Ben').count(), { timeout: 10_000 }).toBe(0);
    await expect.poll(() => raiseHand(ben.page).getAttribute('aria-pressed'), { timeout: 10_000 }).toBe('false');
    await expect.poll(() => announcements(ben.page).textContent(), { timeout: 10_000 }).toBe('Ann lowered your hand');
    await handOn(cat.page, 'Cat (you)').waitFor();

    // Ben reacts from the keyboard: Reactions, then the first choice has focus; → moves to the next.
    await ann.page.emulateMedia({ reducedMotion: 'reduce' });
    const reactionsButton = callControls(ben.page).getByRole('button', { name: 'Reactions' });
    await reactionsButton.focus();
    await ben.page.keyboard.press('Enter');
    const picker = ben.page.getByRole('group', { name: 'Send a reaction' });
    await expect.poll(() => picker.getByRole('button', { name: 'Thumbs up' }).evaluate((el) => el === document.activeElement)).toBe(true);
    await ben.page.keyboard.press('ArrowRight');
    await ben.page.keyboard.press('Enter');
    const clap = tile(ann.page, 'Ben').getByRole('img', { name: 'Clapping' });
    await clap.waitFor({ timeout: 10_000 });
    await expect.poll(() => announcements(ann.page).textContent(), { timeout: 10_000 }).toBe('Ben reacted: Clapping');
    // Under reduced motion the reaction stands still.
    expect(await clap.evaluate((el) => getComputedStyle(el).animationName)).toBe('none');
    await ben.page.keyboard.press('Escape');
    await expect.poll(() => reactionsButton.evaluate((el) => el === document.activeElement)).toBe(true);

    // Accessibility with the queue open and a reaction showing. A reaction shows for 4 s and axe
    // may take longer on a loaded machine, so Ben keeps reacting (within the rate limit) meanwhile.
    await reactionsButton.click();
    await ben.page.evaluate(() => {
      const heart = document.querySelector<HTMLButtonElement>('[role="group"] button[aria-label="Heart"]');
      const w = window as unknown as { __e2eHearts?: ReturnType<typeof setInterval> };
      heart?.click();
      w.__e2eHearts = setInterval(() => heart?.click(), 1_500);
    });
    const heart = tile(ann.page, 'Ben').getByRole('img', { name: 'Heart' });
    await heart.first().waitFor({ timeout: 10_000 });
    const violations = await axeViolations(ann.page);
    expect(await heart.count(), 'a reaction is shown as axe finishes').toBeGreaterThan(0);
    await ben.page.evaluate(() => clearInterval((window as unknown as { __e2eHearts?: ReturnType<typeof setInterval> }).__e2eHearts));
    await raisedHands(ann.page).waitFor();
    expect(violations).toEqual([]);
    expect(await axeViolations(ben.page)).toEqual([]);
  });
});
