import { type BrowserContextOptions, type Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { axeViolations } from './support/axe';
import { type Participant } from './support/browser';
import { callControls, createMeetingViaUi, joinByLink, joinFromLobby, sendChat, setToggle, tile } from './support/meeting';
import { useSuite } from './support/suite';

// MAX_PARTICIPANTS=2 so the "meeting is full" screen costs one extra context.
const suite = useSuite('accessibility', { MAX_PARTICIPANTS: '2' });

const UNKNOWN_ID = 'zzzzz-zzzzz-zzzzz';
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };

/** A person whose browser has this screen size and system colour scheme. */
async function personWith(name: string, options: BrowserContextOptions): Promise<Participant> {
  const context = await suite.browser.newContext({ permissions: ['camera', 'microphone'], locale: 'en-US', ...options });
  const page = await context.newPage();
  const person: Participant = { name, context, page, problems: [] };
  page.on('pageerror', (err) => person.problems.push(`pageerror: ${err.message}`));
  suite.people.push(person);
  return person;
}

/** Collects axe violations per screen so one run reports every failing screen at once. */
function auditor(page: Page) {
  const found: Record<string, string[]> = {};
  return {
    async check(screen: string) {
      const violations = await axeViolations(page);
      if (violations.length) found[screen] = violations;
    },
    found,
  };
}

const combos = [
  { label: 'desktop, dark', viewport: DESKTOP, colorScheme: 'dark' as const },
  { label: 'desktop, light', viewport: DESKTOP, colorScheme: 'light' as const },
  { label: 'phone, dark', viewport: PHONE, colorScheme: 'dark' as const, isMobile: true, hasTouch: true },
  { label: 'phone, light', viewport: PHONE, colorScheme: 'light' as const, isMobile: true, hasTouch: true },
];

describe('accessibility: axe finds nothing on any screen', () => {
  test.each(combos)('when every screen is visited ($label), then axe (WCAG 2.2 AA + best practices) reports zero violations', async ({ label, ...options }) => {
    const alice = await personWith(`Alice ${label}`, options);
    const bob = await personWith(`Bob ${label}`, options);
    const carol = await personWith(`Carol ${label}`, options);
    const { page } = alice;
    const axe = auditor(page);
    const theme = options.colorScheme;

    await page.goto(suite.backend.url);
    await page.getByRole('heading', { level: 1, name: 'Meet' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.dataset.theme), 'the theme follows the system').toBe(theme);
    await axe.check('home');

    await page.getByRole('textbox', { name: 'Meeting ID or link' }).fill('not a meeting');
    await page.getByRole('button', { name: 'Join', exact: true }).click();
    await page.getByRole('alert').waitFor();
    await axe.check('home with an error');

    await page.goto(`${suite.backend.url}/${UNKNOWN_ID}`);
    await page.getByRole('heading', { level: 1, name: 'Meeting not found' }).waitFor({ timeout: 15_000 });
    await axe.check('meeting not found');

    await page.goto(`${suite.backend.url}/no/such/page`);
    await page.getByRole('heading', { level: 1, name: 'Page not found' }).waitFor();
    await axe.check('page not found');

    const { link } = await createMeetingViaUi(page, suite.backend.url);
    await page.getByRole('textbox', { name: 'Your name' }).waitFor({ timeout: 20_000 });
    await page.getByRole('meter', { name: 'Microphone level' }).waitFor();
    await axe.check('lobby');

    await joinFromLobby(page, 'Alice');
    await axe.check('meeting, alone');

    await sendChat(page, 'Hello from Alice');
    await page.getByRole('log', { name: 'Chat messages' }).getByText('Hello from Alice').waitFor();
    await axe.check('chat open');

    await page.getByRole('complementary', { name: 'Chat' }).getByRole('button', { name: 'Close chat' }).click();
    const narrow = options.viewport.width < 761;
    if (narrow) {
      await callControls(page).getByRole('button', { name: 'More options' }).click();
      await axe.check('more options open');
      await callControls(page).getByRole('button', { name: 'Participants' }).click();
    } else {
      await setToggle(page, 'Participants', true);
    }
    await page.getByRole('complementary', { name: 'Participants' }).waitFor();
    await axe.check('participants open');
    await page.keyboard.press('Escape');

    await joinByLink(bob.page, link, 'Bob');
    await tile(page, 'Bob').waitFor({ timeout: 20_000 });
    await axe.check('meeting with others');

    if (!narrow) {
      await setToggle(page, 'Share screen', true);
      await page.getByRole('region', { name: 'Screen shared by You' }).waitFor({ timeout: 15_000 });
      await axe.check('sharing the screen');
      await setToggle(page, 'Share screen', false);
    }

    await page.keyboard.press('?');
    await page.getByRole('dialog', { name: 'Keyboard shortcuts' }).waitFor();
    await axe.check('keyboard shortcuts');
    await page.keyboard.press('Escape');

    await carol.page.goto(link);
    await carol.page.getByRole('textbox', { name: 'Your name' }).fill('Carol');
    await carol.page.getByRole('button', { name: 'Join now' }).click();
    await carol.page.getByRole('heading', { level: 1, name: 'This meeting is full' }).waitFor({ timeout: 15_000 });
    const carolAxe = await axeViolations(carol.page);
    if (carolAxe.length) axe.found['meeting full'] = carolAxe;

    await callControls(page).getByRole('button', { name: 'Leave' }).click();
    await page.getByRole('heading', { level: 1, name: 'You left the meeting' }).waitFor();
    await axe.check('left the meeting');

    expect(axe.found).toEqual({});
    await suite.dismiss(alice, bob, carol);
  });
});
