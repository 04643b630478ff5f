import { writeFileSync } from 'node:fs';
import path from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { FIREFOX_PREFS, firefoxPath } from '../../../testkit/firefox';
import { waitFor } from '../../../testkit/wait';
import type { PeerStats } from './media';
import { snapshotVideoInPage, tileSelector, type VideoSnapshot } from './video-snapshot';

// Firefox is driven by puppeteer-core over WebDriver BiDi (Playwright drives only its own patched
// Firefox builds, not Debian's firefox-esr). The helpers mirror meeting.ts / media.ts for Chromium;
// elements are found by role and accessible name through Puppeteer's `::-p-aria` selector.

/** One person in Firefox: a browser of their own and its page. */
export interface FirefoxParticipant {
  name: string;
  browser: Browser;
  page: Page;
  /** Uncaught page errors and console errors seen so far. */
  problems: string[];
}

/** Firefox must offer loopback ICE candidates to reach a LiveKit on 127.0.0.1 (like LIVEKIT_CHROMIUM_ARGS). */
export const LIVEKIT_FIREFOX_PREFS = { 'media.peerconnection.ice.loopback': true };

/** Headless firefox-esr with a fake camera and microphone and no prompts (testkit/firefox.ts). */
export async function launchFirefox(name: string, extraPrefs: Record<string, unknown> = {}): Promise<FirefoxParticipant> {
  const browser = await puppeteer.launch({
    browser: 'firefox',
    protocol: 'webDriverBiDi',
    executablePath: firefoxPath(),
    headless: true,
    extraPrefsFirefox: { ...FIREFOX_PREFS, ...extraPrefs },
  });
  const page = (await browser.pages())[0] ?? (await browser.newPage());
  await page.setViewport({ width: 1000, height: 700 });
  const problems: string[] = [];
  page.on('pageerror', (err) => problems.push(`pageerror: ${err instanceof Error ? err.message : String(err)}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console.error: ${msg.text()}`);
  });
  return { name, browser, page, problems };
}

/** Closes the participant's Firefox; tolerant of one already closed. */
export async function closeFirefox(p: FirefoxParticipant | undefined): Promise<void> {
  await p?.browser.close().catch(() => undefined);
}

/** `::-p-aria` selector for an element of `role` named `name` (exactly). */
export const byRole = (role: string, name: string): string => `::-p-aria([name=${JSON.stringify(name)}][role="${role}"])`;

/** Opens `link`, types the name in the lobby and presses "Join now"; resolves once in the call. */
export async function joinByLinkInFirefox(p: FirefoxParticipant, link: string, name: string): Promise<void> {
  await p.page.goto(link);
  await p.page.locator(byRole('textbox', 'Your name')).setTimeout(20_000).fill(name);
  await p.page.locator(byRole('button', 'Join now')).click();
  await p.page.locator(byRole('toolbar', 'Call controls')).setTimeout(20_000).wait();
  await p.page.locator(tileSelector(`${name} (you)`)).setTimeout(20_000).wait();
}

/** The names of all participant tiles, self included, sorted. */
export function tileNamesInFirefox(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('main [role="group"][data-peer-id]')].map((el) => el.getAttribute('aria-label') ?? '').sort(),
  );
}

export async function waitForTilesInFirefox(page: Page, expected: string[], timeoutMs = 20_000): Promise<void> {
  const want = JSON.stringify([...expected].sort());
  await waitFor(() => tileNamesInFirefox(page), (names) => JSON.stringify(names) === want, { timeoutMs, message: `Firefox tiles ${want}` });
}

type ToggleName = 'Microphone' | 'Camera' | 'Share screen' | 'Chat' | 'Participants';

/** aria-pressed of a call-toolbar toggle. */
function pressed(page: Page, name: ToggleName): Promise<string | null> {
  return page.evaluate((label) => {
    const toolbar = document.querySelector('[role="toolbar"][aria-label="Call controls"]');
    const button = [...(toolbar?.querySelectorAll('button') ?? [])].find((b) => (b.getAttribute('aria-label') ?? b.textContent?.trim()) === label);
    return button?.getAttribute('aria-pressed') ?? null;
  }, name);
}

/** Sets a toolbar toggle to `on`, clicking only when needed, and waits for aria-pressed to agree. */
export async function setToggleInFirefox(page: Page, name: ToggleName, on: boolean): Promise<void> {
  if ((await pressed(page, name)) !== String(on)) {
    await page.locator(`[role="toolbar"][aria-label="Call controls"] ${byRole('button', name)}`).click();
  }
  await waitFor(() => pressed(page, name), (value) => value === String(on), { timeoutMs: 10_000, message: `Firefox toggle ${name} pressed=${on}` });
}

/** Sends a chat message (opening the chat panel if needed). */
export async function sendChatInFirefox(page: Page, text: string): Promise<void> {
  await setToggleInFirefox(page, 'Chat', true);
  await page.locator(byRole('textbox', 'Message')).fill(text);
  await page.locator(byRole('button', 'Send')).click();
}

/** The text of every chat message shown (opening the chat panel if needed). */
export async function chatTextsInFirefox(page: Page): Promise<string[]> {
  await setToggleInFirefox(page, 'Chat', true);
  return page.evaluate(() =>
    [...document.querySelectorAll('[role="log"][aria-label="Chat messages"] li')].map((li) => (li as HTMLElement).innerText),
  );
}

/** Whether `label`'s tile shows the "Microphone muted" mark. */
export function mutedMarkInFirefox(page: Page, label: string): Promise<boolean> {
  return page.evaluate(
    (selector) => !!document.querySelector(selector)?.querySelector('[role="img"][aria-label="Microphone muted"]'),
    tileSelector(label),
  );
}

/** The test hook's per-peer stats (`window.__meet.stats()`); throws while it is not installed. */
export function readStatsInFirefox(page: Page): Promise<PeerStats[]> {
  return page.evaluate(() => {
    const hook = (window as unknown as { __meet?: { stats(): Promise<PeerStats[]> } }).__meet;
    if (!hook) throw new Error('window.__meet is not installed');
    return hook.stats();
  });
}

/** A fingerprint of what the video inside `selector` shows now (video-snapshot.ts). */
export function snapshotInFirefox(page: Page, selector: string): Promise<VideoSnapshot | null> {
  return page.evaluate(snapshotVideoInPage, selector);
}

/** The session's media mode from the test hook: 'mesh', 'sfu', 'switching' or null. */
export function mediaModeInFirefox(page: Page): Promise<string | null> {
  return page.evaluate(() => (window as unknown as { __meet?: { mediaMode(): string | null } }).__meet?.mediaMode() ?? null);
}

/** Writes the participant's console problems and a screenshot into `dir` under `base`. */
export async function saveFirefoxFailure(p: FirefoxParticipant | undefined, dir: string, base: string): Promise<void> {
  if (!p) return;
  writeFileSync(path.join(dir, `${base}-firefox.log`), p.problems.join('\n'));
  await p.page.screenshot({ path: path.join(dir, `${base}-firefox.png`) as `${string}.png` }).catch(() => undefined);
}
