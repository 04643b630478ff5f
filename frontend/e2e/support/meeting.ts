import { type Locator, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { waitFor } from '../../../testkit/wait';

const MEETING_PATH = /^\/[2-9a-z]{5}-[2-9a-z]{5}-[2-9a-z]{5}$/;

/** Home → "New meeting"; resolves with the meeting page's URL (the invite link) and ID. */
export async function createMeetingViaUi(page: Page, baseUrl: string): Promise<{ link: string; meetingId: string }> {
  await page.goto(baseUrl);
  await page.getByRole('button', { name: 'New meeting' }).click();
  await page.waitForURL((url) => MEETING_PATH.test(url.pathname), { timeout: 15_000 });
  const link = page.url();
  return { link, meetingId: new URL(link).pathname.slice(1) };
}

/** Home → types `input` (a link or an ID) into "Meeting ID or link" → Join; lands in the lobby. */
export async function openViaHome(page: Page, baseUrl: string, input: string): Promise<void> {
  await page.goto(baseUrl);
  await page.getByRole('textbox', { name: 'Meeting ID or link' }).fill(input);
  await page.getByRole('button', { name: 'Join', exact: true }).click();
}

/** The call's toolbar; present only once the person is in the meeting. */
export function callControls(page: Page): Locator {
  return page.getByRole('toolbar', { name: 'Call controls' });
}

/** The tile of one participant, found by its accessible name (self: "Alice (you)"). */
export function tile(page: Page, name: string): Locator {
  return page.getByRole('group', { name, exact: true });
}

/** In the lobby: types the name and presses "Join now"; resolves once the call UI is up. */
export async function joinFromLobby(page: Page, name: string): Promise<void> {
  const nameBox = page.getByRole('textbox', { name: 'Your name' });
  await nameBox.waitFor({ timeout: 20_000 });
  await nameBox.fill(name);
  await page.getByRole('button', { name: 'Join now' }).click();
  await callControls(page).waitFor({ timeout: 20_000 });
  await tile(page, `${name} (you)`).waitFor({ timeout: 20_000 });
}

/** Opens `link` directly and joins as `name`. */
export async function joinByLink(page: Page, link: string, name: string): Promise<void> {
  await page.goto(link);
  await joinFromLobby(page, name);
}

/** A toggle button in the call toolbar; `aria-pressed` = on. */
export function toggle(page: Page, name: 'Microphone' | 'Camera' | 'Share screen' | 'Chat' | 'Participants'): Locator {
  return callControls(page).getByRole('button', { name, exact: true });
}

/** Sets a toolbar toggle to `on`, clicking only when needed, and waits for aria-pressed to agree. */
export async function setToggle(page: Page, name: Parameters<typeof toggle>[1], on: boolean): Promise<void> {
  const button = toggle(page, name);
  if ((await button.getAttribute('aria-pressed')) !== String(on)) await button.click();
  await expect.poll(() => button.getAttribute('aria-pressed'), { timeout: 10_000 }).toBe(String(on));
}

/** Sends a chat message from `page` (opening the chat panel if needed). */
export async function sendChat(page: Page, text: string): Promise<void> {
  await setToggle(page, 'Chat', true);
  const chat = page.getByRole('complementary', { name: 'Chat' });
  await chat.getByRole('textbox', { name: 'Message' }).fill(text);
  await chat.getByRole('button', { name: 'Send' }).click();
}

/** The chat log on `page` (opening the panel if needed). */
export async function chatLog(page: Page): Promise<Locator> {
  await setToggle(page, 'Chat', true);
  return page.getByRole('complementary', { name: 'Chat' }).getByRole('log', { name: 'Chat messages' });
}

/** The names of all participant tiles on `page`, self included, sorted. */
export async function tileNames(page: Page): Promise<string[]> {
  const names = await page.locator('main [role="group"][data-peer-id]').evaluateAll((els) => els.map((el) => el.getAttribute('aria-label') ?? ''));
  return names.sort();
}

/** Waits until `page` shows exactly the tiles `expected` (self as "X (you)"). */
export async function waitForTiles(page: Page, expected: string[], timeoutMs = 20_000): Promise<void> {
  const want = [...expected].sort();
  await waitFor(() => tileNames(page), (names) => JSON.stringify(names) === JSON.stringify(want), {
    timeoutMs,
    message: `tiles ${JSON.stringify(want)}`,
  });
}
