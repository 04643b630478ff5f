import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { type Browser, type BrowserContext, type Page, chromium } from 'playwright-core';
import { afterEach, type TestContext } from 'vitest';
import { CHROMIUM_ARGS, chromiumPath } from '../../../testkit/chromium';
import { resultsDir } from './paths';

/** Headless Chromium with fake camera, microphone and screen, and no permission prompts. */
export function launchBrowser(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath(), args: [...CHROMIUM_ARGS, ...extraArgs] });
}

/** One person in a meeting: their own browser context (storage, devices) and page. */
export interface Participant {
  name: string;
  context: BrowserContext;
  page: Page;
  /** Uncaught page errors and console errors seen so far (CSP violations are console errors). */
  problems: string[];
}

/** Console messages that are the network, not the app: failed resource loads the test caused on purpose. */
const EXPECTED_CONSOLE = [/Failed to load resource: the server responded with a status of 404/];

export async function newParticipant(browser: Browser, name: string): Promise<Participant> {
  // English UI whatever the machine's language (the app follows the browser's language).
  const context = await browser.newContext({ permissions: ['camera', 'microphone'], viewport: { width: 1000, height: 700 }, locale: 'en-US' });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    const text = msg.text();
    if (EXPECTED_CONSOLE.some((re) => re.test(text))) return;
    problems.push(`console.error: ${text}`);
  });
  return { name, context, page, problems };
}

/** Closes participants' contexts; tolerant of ones already closed. */
export async function closeAll(participants: Participant[]): Promise<void> {
  await Promise.all(participants.map((p) => p.context.close().catch(() => undefined)));
  participants.length = 0;
}

/**
 * Registers an afterEach that screenshots every open page of a failed test into
 * test-results/e2e/ (git-ignored), named after the test, next to `extraLogs` (backend output,
 * console errors).
 */
export function screenshotOnFailure(pages: () => Page[], extraLogs: () => Record<string, string> = () => ({})): void {
  afterEach(async (ctx: TestContext) => {
    if (ctx.task.result?.state !== 'fail') return;
    const base = ctx.task.name.replace(/[^\w-]+/g, '_').slice(0, 80);
    for (const [name, text] of Object.entries(extraLogs())) writeFileSync(path.join(resultsDir(), `${base}-${name}.log`), text);
    await Promise.all(
      pages().map((page, i) =>
        page.isClosed()
          ? undefined
          : page.screenshot({ path: path.join(resultsDir(), `${base}-${i}.png`), fullPage: true }).catch(() => undefined),
      ),
    );
  });
}
