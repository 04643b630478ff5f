import { describe, expect, test } from 'vitest';
import { axeViolations } from './support/axe';
import { type Participant } from './support/browser';
import { useSuite } from './support/suite';

const suite = useSuite('languages');

async function personSpeaking(name: string, locale: string): Promise<Participant> {
  const context = await suite.browser.newContext({ permissions: ['camera', 'microphone'], locale, viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const person: Participant = { name, context, page, problems: [] };
  suite.people.push(person);
  return person;
}

const htmlAttrs = (p: Participant) => p.page.evaluate(() => ({ lang: document.documentElement.lang, dir: document.documentElement.dir }));

describe('languages', () => {
  test('when the browser prefers French, then the UI starts in French', async () => {
    const visitor = await personSpeaking('Visiteur', 'fr-FR');
    await visitor.page.goto(suite.backend.url);
    await visitor.page.getByRole('button', { name: 'Nouvelle réunion' }).waitFor({ timeout: 10_000 });
    expect(await htmlAttrs(visitor)).toEqual({ lang: 'fr', dir: 'ltr' });
    await suite.dismiss(visitor);
  });

  test('when the language picker switches to German and then Arabic, then the UI follows, Arabic sets dir="rtl" and the choice is remembered', async () => {
    const visitor = await personSpeaking('Visitor', 'en-US');
    const { page } = visitor;
    await page.goto(suite.backend.url);
    await page.getByRole('button', { name: 'New meeting' }).waitFor();

    await page.getByRole('combobox', { name: 'Language' }).selectOption('de');
    await page.getByRole('button', { name: 'Neue Besprechung' }).waitFor({ timeout: 10_000 });
    expect(await page.getByRole('textbox', { name: 'Besprechungs-ID oder Link' }).count()).toBe(1);
    expect(await htmlAttrs(visitor)).toEqual({ lang: 'de', dir: 'ltr' });

    await page.getByRole('combobox', { name: 'Sprache' }).selectOption('ar');
    await page.getByRole('button', { name: 'اجتماع جديد' }).waitFor({ timeout: 10_000 });
    expect(await htmlAttrs(visitor)).toEqual({ lang: 'ar', dir: 'rtl' });
    // Mirrored: the preferences sit in the top-left corner in a right-to-left layout.
    const box = await page.getByRole('combobox', { name: 'اللغة' }).boundingBox();
    expect(box && box.x < 640).toBe(true);
    expect(await axeViolations(page)).toEqual([]);

    await page.reload();
    await page.getByRole('button', { name: 'اجتماع جديد' }).waitFor({ timeout: 10_000 });
    expect(await htmlAttrs(visitor)).toEqual({ lang: 'ar', dir: 'rtl' });

    // The lobby too, with its count worded by Arabic plural rules and the page title translated.
    await page.getByRole('button', { name: 'اجتماع جديد' }).click();
    await page.getByRole('textbox', { name: 'اسمك' }).waitFor({ timeout: 20_000 });
    await page.getByRole('heading', { level: 1, name: 'هل أنت مستعد للانضمام؟' }).waitFor();
    expect(await page.title()).toBe('هل أنت مستعد للانضمام؟ · Meet');
    expect(await page.getByText('لا أحد غيرك هنا بعد').count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);
    await suite.dismiss(visitor);
  });

  test('when the theme picker chooses Light on a dark system, then the page turns light and stays light after a reload', async () => {
    const context = await suite.browser.newContext({ colorScheme: 'dark', locale: 'en-US' });
    const page = await context.newPage();
    suite.people.push({ name: 'Theme', context, page, problems: [] });
    await page.goto(suite.backend.url);
    const theme = () => page.evaluate(() => document.documentElement.dataset.theme);
    await page.getByRole('button', { name: 'New meeting' }).waitFor();
    expect(await theme()).toBe('dark');
    await page.getByRole('combobox', { name: 'Theme' }).selectOption('light');
    expect(await theme()).toBe('light');
    const background = await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
    expect(background).not.toBe('rgb(15, 18, 22)');
    await page.reload();
    await page.getByRole('button', { name: 'New meeting' }).waitFor();
    expect(await theme()).toBe('light');
  });

  test('when a meeting is created in Spanish, then the lobby speaks Spanish', async () => {
    const visitor = await personSpeaking('Visitante', 'es-ES');
    await visitor.page.goto(suite.backend.url);
    await visitor.page.getByRole('button', { name: 'Nueva reunión' }).click();
    await visitor.page.getByRole('button', { name: 'Unirse ahora' }).waitFor({ timeout: 20_000 });
    expect(await visitor.page.getByRole('combobox', { name: 'Fuente de cámara' }).count()).toBe(1);
    await suite.dismiss(visitor);
  });
});
