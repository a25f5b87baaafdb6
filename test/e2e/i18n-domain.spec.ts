import type { Browser } from '@playwright/test';
import { expect, requirePrerequisites, test } from './support/fixtures.ts';
import { Actor } from './support/Actor.ts';
import type { LoopmapServer } from './support/LoopmapServer.ts';

requirePrerequisites();
test.use({ actionTimeout: 30_000 });

/**
 * The modelling vocabulary in the browser's language (issue 13): a map made from a template by a
 * French browser has French cards, and the canvas and inspector name kinds, fields and choices in
 * French; an Arabic browser gets its partnership map in Arabic, right to left. The map is made
 * the way the page makes it, by the browser's own request (its Accept-Language).
 */

/** An actor whose browser speaks `locale`, signed up, with a map its browser made from `template`. */
async function speaker(browser: Browser, server: LoopmapServer, name: string, locale: string, template: string) {
  const context = await browser.newContext({ baseURL: server.url, locale });
  const person = new Actor(name, context, await context.newPage(), server.url);
  await person.signUp();
  await person.page.goto('/');
  const mapId = await person.page.evaluate(async (start) => {
    const response = await fetch('/api/maps', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'Carte', template: start }),
    });
    return ((await response.json()) as { map: { id: string } }).map.id;
  }, template);
  await person.openMap(mapId);
  return person;
}

test('a logic model made by a French browser: French cards, kinds, fields and choices', async ({ browser, server }) => {
  const claire = await speaker(browser, server, 'Claire', 'fr-FR', 'logic-model');
  const { page } = claire;
  try {
    await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
    await expect(claire.cardByLabel('Effet à long terme')).toBeVisible();
    await expect(claire.cardByLabel('Le changement à long terme auquel nous contribuons')).toBeVisible();
    await expect(page.locator('.kind-tag', { hasText: 'Théorie du changement' })).toBeVisible();

    await claire.cardByLabel('Effet à long terme').locator('.card__label').click();
    const inspector = page.getByRole('complementary', { name: 'Inspecteur : Effet' });
    await expect(inspector).toBeVisible();
    const term = inspector.getByRole('combobox', { name: 'Échéance' });
    await expect(term).toHaveValue('long');
    await expect(term.getByRole('option', { name: 'Long terme' })).toHaveCount(1);
    await expect(
      inspector.getByRole('combobox', { name: 'Niveau' }).getByRole('option', { name: 'Institutionnel' }),
    ).toHaveCount(1);
    await expect(inspector.getByRole('radio', { name: 'Vert' })).toBeVisible();

    for (const english of [
      'Long-term outcome',
      'The long-term change we contribute to',
      'Theory of change',
      'Long term',
    ]) {
      await expect(page.getByText(english, { exact: true })).toHaveCount(0);
    }
  } finally {
    await claire.context.close();
  }
});

test('a partnership map made by an Arabic browser: Arabic actors and roles, right to left', async ({
  browser,
  server,
}) => {
  const salma = await speaker(browser, server, 'Salma', 'ar-EG', 'partnership');
  const { page } = salma;
  try {
    await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
    await expect(salma.cardByLabel('أمانة الشبكة')).toBeVisible();
    await expect(salma.cardByLabel('مؤسسة مانحة')).toBeVisible();
    await expect(page.locator('.kind-tag', { hasText: 'خريطة الشراكات' })).toBeVisible();

    await salma.cardByLabel('أمانة الشبكة').locator('.card__label').click();
    const inspector = page.getByRole('complementary', { name: 'لوحة فحص: جهة فاعلة' });
    await expect(inspector).toBeVisible();
    const role = inspector.getByRole('combobox', { name: 'الدور في الشبكة' });
    await expect(role).toHaveValue('organizer');
    await expect(role.getByRole('option', { name: 'منظِّم' })).toHaveCount(1);
    await expect(
      inspector.getByRole('combobox', { name: 'الجهة الفاعلة' }).getByRole('option', { name: 'منظمة' }),
    ).toHaveCount(1);

    for (const english of ['Network secretariat', 'Foundation', 'Partnership map', 'Organizer']) {
      await expect(page.getByText(english, { exact: true })).toHaveCount(0);
    }
  } finally {
    await salma.context.close();
  }
});
