import type { Browser } from '@playwright/test';
import { expect, requirePrerequisites, test } from './support/fixtures.ts';
import { Actor } from './support/Actor.ts';
import type { LoopmapServer } from './support/LoopmapServer.ts';

requirePrerequisites();
test.use({ actionTimeout: 30_000 });

/**
 * The Export menu in the browser's language (issue 13): a French browser gets the menu in French
 * and its documents in French; an Arabic one gets it right to left, and may still ask for a
 * document in another language. No English words of the menu show.
 */

const TITLE = 'Jeunes et emploi';
const ENGLISH = [
  'The live map, as it is now',
  'Pictures',
  'Include the open comments as an appendix',
  'Word report',
  'Download Word report',
];

/** An actor whose browser speaks `locale`, signed up, with a map made from the worked example. */
async function speaker(browser: Browser, server: LoopmapServer, name: string, locale: string) {
  const context = await browser.newContext({ baseURL: server.url, locale });
  const person = new Actor(name, context, await context.newPage(), server.url);
  await person.signUp();
  const created = await person.api('POST', '/api/maps', { title: TITLE, template: 'learning-community' });
  expect(created.status()).toBe(201);
  const mapId = ((await created.json()) as { map: { id: string } }).map.id;
  await person.openMap(mapId);
  return person;
}

test('the Export menu and its documents in French', async ({ browser, server }) => {
  test.setTimeout(120_000);
  const claire = await speaker(browser, server, 'Claire', 'fr-FR');
  const { page } = claire;
  try {
    await page.getByRole('banner').getByRole('button', { name: 'Exporter', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: `Exporter « ${TITLE} »` });
    await expect(dialog).toBeVisible();
    await expect(dialog).toContainText('La carte en direct, telle qu’elle est maintenant');
    for (const group of ['Images', 'Documents', 'Données']) {
      await expect(dialog.getByRole('group', { name: group })).toBeVisible();
    }
    await expect(dialog.getByRole('combobox', { name: 'Langue du fichier' })).toHaveValue('fr');
    await dialog.getByRole('radio', { name: 'Rapport Word', exact: true }).check();
    await expect(dialog.getByRole('checkbox', { name: 'Inclure les commentaires ouverts en annexe' })).toBeVisible();
    // The preview is the document's own outline: French headings.
    const outline = dialog.getByTestId('export-document-preview');
    await expect(outline.getByRole('heading', { name: 'Cadre logique' })).toBeVisible();
    await expect(dialog.getByRole('button', { name: 'Télécharger Rapport Word' })).toBeEnabled();
    for (const english of ENGLISH) await expect(dialog.getByText(english, { exact: true })).toHaveCount(0);
  } finally {
    await claire.context.close();
  }
});

test('the Export menu right to left in Arabic, with a document in another language on request', async ({
  browser,
  server,
}) => {
  test.setTimeout(120_000);
  const amal = await speaker(browser, server, 'Amal', 'ar');
  const { page } = amal;
  try {
    await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
    await page.getByRole('banner').getByRole('button', { name: 'تصدير', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: `تصدير «${TITLE}»` });
    await expect(dialog).toBeVisible();
    await dialog.getByRole('radio', { name: 'Markdown', exact: true }).check();
    const language = dialog.getByRole('combobox', { name: 'لغة الملف' });
    await expect(language).toHaveValue('ar');
    const preview = dialog.getByTestId('export-text-preview');
    await expect(preview).toContainText('## الإطار المنطقي');
    // The same document in Spanish, from the menu.
    await language.selectOption('es');
    await expect(preview).toContainText('## Marco lógico');
    await expect(dialog.getByRole('button', { name: 'تنزيل Markdown' })).toBeEnabled();
    for (const english of ENGLISH) await expect(dialog.getByText(english, { exact: true })).toHaveCount(0);
  } finally {
    await amal.context.close();
  }
});
