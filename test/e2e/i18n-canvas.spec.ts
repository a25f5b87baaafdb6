import { expect, requirePrerequisites, test } from './support/fixtures.ts';
import { Actor } from './support/Actor.ts';

requirePrerequisites();

/**
 * The canvas's own words (controls, keyboard help, card fields, announcements) in French and in
 * Arabic: a map made in English, opened by someone whose browser speaks another language.
 */
for (const { locale, dir, fitWhole, shortcuts, follow, titleField, joined } of [
  {
    locale: 'fr-FR',
    dir: 'ltr',
    fitWhole: 'Afficher toute la carte',
    shortcuts: 'Raccourcis clavier',
    follow: 'Suivre un lien vers la fiche à laquelle il mène',
    titleField: 'Titre de la fiche',
    joined: 'Maker a rejoint la carte',
  },
  {
    locale: 'ar',
    dir: 'rtl',
    fitWhole: 'عرض الخريطة كاملة',
    shortcuts: 'اختصارات لوحة المفاتيح',
    follow: 'اتباع رابط إلى البطاقة التي يؤدي إليها',
    titleField: 'عنوان البطاقة',
    joined: 'انضم Maker',
  },
]) {
  test(`the canvas speaks ${locale}`, async ({ actor, browser, server }) => {
    const maker = await actor('Maker');
    const mapId = await maker.createMap('Water');
    await maker.openMap(mapId);
    const card = await maker.addCard('Outcome', 'Families drink safe water');

    const context = await browser.newContext({ baseURL: server.url, locale });
    const reader = new Actor('Lea', context, await context.newPage(), server.url);
    await reader.signUp();
    await maker.addMember(mapId, reader, 'editor');
    await reader.openMap(mapId);
    const { page } = reader;
    await expect(page.locator('html')).toHaveAttribute('dir', dir);

    await expect(page.getByRole('button', { name: fitWhole, exact: true })).toBeVisible();
    await reader.card(card).focus();
    await page.keyboard.press('?');
    const help = page.getByRole('dialog', { name: shortcuts });
    await expect(help).toBeVisible();
    await expect(help.getByRole('cell', { name: follow })).toBeVisible();
    await page.keyboard.press('Escape');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('textbox', { name: titleField, exact: true })).toBeFocused();
    await page.keyboard.press('Escape');

    // Someone arriving is announced in the reader's language.
    await maker.reload();
    await expect(page.getByTestId('announcements')).toContainText(joined);

    for (const english of ['Fit the whole map', 'Keyboard shortcuts', 'Card title', 'Minimap']) {
      await expect(page.getByRole('button', { name: english, exact: true })).toHaveCount(0);
    }
    await expect(page.getByText('Double-click to write', { exact: true })).toHaveCount(0);
    await context.close();
  });
}
