import { describe, expect, test } from 'vitest';
import { type Participant } from './support/browser';
import { createMeetingViaUi, joinByLink, sendChat } from './support/meeting';
import { useSuite } from './support/suite';

const suite = useSuite('announcements');

describe('live announcements (German UI)', () => {
  test('when Bob talks and sends a message while Anna has the chat closed, then Anna hears both through a polite live region, worded and timed for her language', async () => {
    const bob = await suite.person('Bob');
    const context = await suite.browser.newContext({ permissions: ['camera', 'microphone'], locale: 'de-DE', viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const anna: Participant = { name: 'Anna', context, page, problems: [] };
    suite.people.push(anna);

    const { link } = await createMeetingViaUi(bob.page, suite.backend.url);
    await page.goto(link);
    await page.getByRole('textbox', { name: 'Dein Name' }).fill('Anna');
    await page.getByRole('button', { name: 'Jetzt beitreten' }).click();
    await page.getByRole('toolbar', { name: 'Anrufsteuerung' }).waitFor({ timeout: 20_000 });
    await joinByLink(bob.page, link, 'Bob');
    await page.getByRole('group', { name: 'Bob', exact: true }).waitFor({ timeout: 20_000 });

    const activity = page.getByRole('status', { name: 'Aktivität' });
    // Chromium's fake microphone beeps, so Bob is detected as speaking.
    await expect.poll(() => activity.textContent(), { timeout: 30_000 }).toBe('Bob spricht');

    await sendChat(bob.page, 'hallo Anna');
    await expect.poll(() => activity.textContent(), { timeout: 10_000 }).toBe('Nachricht von Bob: hallo Anna');

    // Times follow the language: 24-hour clock in German.
    await page.getByRole('toolbar', { name: 'Anrufsteuerung' }).getByRole('button', { name: 'Chat' }).click();
    const time = page.getByRole('log', { name: 'Chatnachrichten' }).locator('time').first();
    expect(await time.textContent()).toMatch(/^\d{2}:\d{2}$/);
  });
});
