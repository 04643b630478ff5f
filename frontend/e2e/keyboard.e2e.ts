import { type Locator, type Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { callControls, tile } from './support/meeting';
import { useSuite } from './support/suite';

const suite = useSuite('keyboard');

const isFocused = (target: Locator) => target.evaluate((el) => el === document.activeElement);

/** Presses Tab (or Shift+Tab) until `target` has focus; fails if it is not reached in `max` presses. */
async function tabTo(page: Page, target: Locator, what: string, { max = 40, back = false } = {}): Promise<void> {
  for (let i = 0; i < max; i += 1) {
    if (await isFocused(target)) return;
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
  }
  throw new Error(`${what} not reached with ${max} presses of ${back ? 'Shift+Tab' : 'Tab'}`);
}

const heading = (page: Page, name: string) => page.getByRole('heading', { level: 1, name });

describe('keyboard only', () => {
  test('when someone uses only the keyboard, then they can create, join, mute, chat, close the chat with Escape and leave, with focus following each screen', async () => {
    const { page } = await suite.person('Keys');
    await page.goto(suite.backend.url);
    await heading(page, 'Meet').waitFor();
    expect(await isFocused(heading(page, 'Meet')), 'home: focus starts on the heading').toBe(true);
    expect(await page.title()).toBe('Meet');

    const create = page.getByRole('button', { name: 'New meeting' });
    await tabTo(page, create, 'New meeting');
    await page.keyboard.press('Enter');

    const lobbyHeading = heading(page, 'Ready to join?');
    await lobbyHeading.waitFor({ timeout: 20_000 });
    await expect.poll(() => isFocused(lobbyHeading), { timeout: 5_000 }).toBe(true);
    expect(await page.title()).toBe('Ready to join? · Meet');
    const name = page.getByRole('textbox', { name: 'Your name' });
    await tabTo(page, name, 'Your name');
    await page.keyboard.type('Keys');
    await tabTo(page, page.getByRole('button', { name: 'Join now' }), 'Join now');
    await page.keyboard.press('Enter');

    await tile(page, 'Keys (you)').waitFor({ timeout: 20_000 });
    // An untitled meeting is headed by its ID (the room header).
    const meetingId = new URL(page.url()).pathname.slice(1);
    const roomHeading = heading(page, meetingId);
    await expect.poll(() => isFocused(roomHeading), { timeout: 5_000 }).toBe(true);
    expect(await page.title()).toBe(`${meetingId} · Meet`);

    const mic = callControls(page).getByRole('button', { name: 'Microphone' });
    await tabTo(page, mic, 'Microphone');
    await page.keyboard.press('Space');
    await expect.poll(() => mic.getAttribute('aria-pressed')).toBe('false');
    await page.keyboard.press('m');
    await expect.poll(() => mic.getAttribute('aria-pressed'), { timeout: 5_000 }).toBe('true');

    const chatButton = callControls(page).getByRole('button', { name: 'Chat' });
    await tabTo(page, chatButton, 'Chat');
    await page.keyboard.press('Enter');
    const chat = page.getByRole('complementary', { name: 'Chat' });
    const message = chat.getByRole('textbox', { name: 'Message' });
    await expect.poll(() => isFocused(message), { timeout: 5_000 }).toBe(true);
    await page.keyboard.type('typed, never clicked');
    await page.keyboard.press('Enter');
    await chat.getByRole('log', { name: 'Chat messages' }).getByText('typed, never clicked').waitFor({ timeout: 10_000 });

    await page.keyboard.press('Escape');
    await chat.waitFor({ state: 'detached', timeout: 5_000 });
    expect(await isFocused(chatButton), 'focus returns to the Chat button').toBe(true);
    expect(await chatButton.getAttribute('aria-pressed')).toBe('false');

    await page.keyboard.press('?');
    const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await help.waitFor();
    expect(await help.innerText()).toContain('Ctrl+D');
    await page.keyboard.press('Escape');
    await help.waitFor({ state: 'hidden' });
    expect(await isFocused(chatButton), 'focus returns after the shortcut help').toBe(true);

    await tabTo(page, callControls(page).getByRole('button', { name: 'Leave' }), 'Leave');
    await page.keyboard.press('Enter');
    const left = heading(page, 'You left the meeting');
    await left.waitFor({ timeout: 10_000 });
    await expect.poll(() => isFocused(left), { timeout: 5_000 }).toBe(true);
    expect(await page.title()).toBe('You left the meeting · Meet');
  });

  test('when the Participants panel is closed with its close button, then focus returns to the Participants button', async () => {
    const { page } = await suite.person('Closer');
    await page.goto(suite.backend.url);
    await page.getByRole('button', { name: 'New meeting' }).click();
    await page.getByRole('textbox', { name: 'Your name' }).fill('Closer');
    await page.getByRole('button', { name: 'Join now' }).click();
    const people = callControls(page).getByRole('button', { name: 'Participants' });
    await people.click();
    const panel = page.getByRole('complementary', { name: 'Participants' });
    await expect.poll(() => isFocused(panel.getByRole('heading', { name: 'Participants' })), { timeout: 5_000 }).toBe(true);
    await panel.getByRole('button', { name: 'Close participants' }).click();
    await panel.waitFor({ state: 'detached' });
    expect(await isFocused(people)).toBe(true);
  });
});
