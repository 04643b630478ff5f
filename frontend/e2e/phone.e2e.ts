import { type BrowserContextOptions, type Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { type Participant } from './support/browser';
import { callControls, joinFromLobby, tile } from './support/meeting';
import { useSuite } from './support/suite';

const suite = useSuite('phone');

async function personWith(name: string, options: BrowserContextOptions): Promise<Participant> {
  const context = await suite.browser.newContext({ permissions: ['camera', 'microphone'], locale: 'en-US', ...options });
  const page = await context.newPage();
  const person: Participant = { name, context, page, problems: [] };
  suite.people.push(person);
  return person;
}

const PORTRAIT = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
const LANDSCAPE = { viewport: { width: 844, height: 390 }, isMobile: true, hasTouch: true };

/** True when the whole element lies inside the viewport (no scrolling needed to see it). */
async function withinViewport(page: Page, name: string, role: 'button' | 'textbox'): Promise<boolean> {
  const box = await page.getByRole(role, { name, exact: true }).first().boundingBox();
  const size = page.viewportSize();
  return !!box && !!size && box.y >= 0 && box.y + box.height <= size.height && box.x >= 0 && box.x + box.width <= size.width;
}

async function newMeeting(page: Page): Promise<void> {
  await page.goto(suite.backend.url);
  await page.getByRole('button', { name: 'New meeting' }).click();
  await page.getByRole('textbox', { name: 'Your name' }).waitFor({ timeout: 20_000 });
}

describe('phones', () => {
  test('when the lobby opens on a phone in portrait, then the name box and Join now are on screen without scrolling, above the device pickers', async () => {
    const { page } = await personWith('Portrait', PORTRAIT);
    await newMeeting(page);
    await page.getByRole('combobox', { name: 'Camera source' }).waitFor();
    expect(await withinViewport(page, 'Your name', 'textbox')).toBe(true);
    expect(await withinViewport(page, 'Join now', 'button')).toBe(true);
    const join = await page.getByRole('button', { name: 'Join now' }).boundingBox();
    const picker = await page.getByRole('combobox', { name: 'Camera source' }).boundingBox();
    expect(join!.y).toBeLessThan(picker!.y);
  });

  test('when alone in a meeting on a phone, then the self-view is shown whole (contain), and every toolbar control shows its label on screen', async () => {
    const { page } = await personWith('Alone', PORTRAIT);
    await newMeeting(page);
    await joinFromLobby(page, 'Alone');
    const fit = await tile(page, 'Alone (you)').locator('video').evaluate((v) => getComputedStyle(v).objectFit);
    expect(fit).toBe('contain');
    for (const name of ['Microphone', 'Camera', 'Chat', 'More options', 'Leave']) {
      const button = callControls(page).getByRole('button', { name, exact: true });
      const label = await button.locator('.ctl__label').evaluate((el) => ({ text: el.textContent, width: el.getBoundingClientRect().width }));
      expect(label.text, `${name} shows its label`).toBe(name);
      expect(label.width).toBeGreaterThan(10);
      expect(await withinViewport(page, name, 'button'), `${name} on screen`).toBe(true);
    }
    // Participants and the invite live in "More options" on a phone.
    await callControls(page).getByRole('button', { name: 'More options' }).click();
    await callControls(page).getByRole('button', { name: 'Copy invite link' }).waitFor();
    await page.keyboard.press('Escape');
    expect(await callControls(page).getByRole('button', { name: 'Copy invite link' }).count()).toBe(0);
  });

  test('when a phone is held in landscape, then the toolbar and the self tile both fit on screen', async () => {
    const { page } = await personWith('Landscape', LANDSCAPE);
    await newMeeting(page);
    await joinFromLobby(page, 'Landscape');
    for (const name of ['Microphone', 'Camera', 'Chat', 'Leave']) expect(await withinViewport(page, name, 'button'), name).toBe(true);
    const box = await tile(page, 'Landscape (you)').boundingBox();
    expect(box!.height).toBeGreaterThan(150);
  });

  test('when the browser cannot capture the screen (no getDisplayMedia), then no Share screen control is offered', async () => {
    const person = await personWith('NoShare', PORTRAIT);
    await person.context.addInitScript(() => {
      Object.defineProperty(MediaDevices.prototype, 'getDisplayMedia', { value: undefined, configurable: true });
    });
    await newMeeting(person.page);
    await joinFromLobby(person.page, 'NoShare');
    await callControls(person.page).getByRole('button', { name: 'More options' }).click();
    await callControls(person.page).getByRole('button', { name: 'Keyboard shortcuts' }).waitFor();
    expect(await person.page.getByRole('button', { name: 'Share screen' }).count()).toBe(0);
  });

  test('when a desktop window is zoomed to 200 % (1280x800 -> 640x400 CSS px), then every control is still reachable without horizontal scrolling', async () => {
    const { page } = await personWith('Zoomed', { viewport: { width: 640, height: 400 } });
    await newMeeting(page);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await joinFromLobby(page, 'Zoomed');
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    for (const name of ['Microphone', 'Camera', 'Chat', 'More options', 'Leave']) expect(await withinViewport(page, name, 'button'), name).toBe(true);
    await callControls(page).getByRole('button', { name: 'Chat' }).click();
    expect(await withinViewport(page, 'Message', 'textbox')).toBe(true);
  });
});
