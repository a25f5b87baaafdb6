import { PASSWORD } from './support/Actor.ts';
import { expect, requirePrerequisites, test } from './support/fixtures.ts';
import type { Page } from '@playwright/test';

requirePrerequisites();

/** English words of the sign-in page, the map list and the account page that must not show. */
const ENGLISH = ['Sign in to Loopmap', 'Welcome back. Your maps are waiting.', 'Your maps', 'Import a map', 'New map'];

async function expectNoEnglish(page: Page): Promise<void> {
  for (const text of ENGLISH) await expect(page.getByText(text, { exact: true })).toHaveCount(0);
}

test('a French browser sees the sign-in page in French, and a signed-out visitor can choose Arabic', async ({
  browser,
  server,
}) => {
  const context = await browser.newContext({ baseURL: server.url, locale: 'fr-FR' });
  const page = await context.newPage();
  await page.goto('/signin');

  await expect(page.getByRole('heading', { name: 'Connectez-vous à Loopmap' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
  await expect(page.locator('html')).toHaveAttribute('dir', 'ltr');
  await expect(page).toHaveTitle('Connectez-vous à Loopmap · Loopmap');
  const form = page.getByRole('form', { name: 'Connexion' });
  await expect(form.getByLabel('Adresse e-mail')).toBeVisible();
  await expect(form.getByRole('button', { name: 'Afficher le mot de passe' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Créer un compte' })).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Langue' })).toHaveValue('fr');
  await expectNoEnglish(page);

  // The server's refusal (invalid_credentials) in French, by its code.
  await form.getByLabel('Adresse e-mail').fill('nobody@example.org');
  await form.getByLabel('Mot de passe', { exact: true }).fill(PASSWORD);
  await form.getByRole('button', { name: 'Se connecter' }).click();
  await expect(form.getByRole('alert')).toHaveText('L’adresse e-mail ou le mot de passe est incorrect.');

  // Signed out, the choice is this device's: Arabic, right to left, and still after a reload.
  await page.getByRole('combobox', { name: 'Langue' }).selectOption('ar');
  await expect(page.getByRole('heading', { name: 'سجّل الدخول إلى Loopmap' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await page.reload();
  await expect(page.getByRole('heading', { name: 'سجّل الدخول إلى Loopmap' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'ar');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await context.close();
});

test('an account that chooses Arabic sees Arabic, right to left, after a reload and in another browser', async ({
  actor,
  browser,
  server,
}) => {
  const amina = await actor('Amina');
  await amina.createMap('Youth pathway');
  const { page } = amina;
  await page.goto('/account');
  await expect(page.getByRole('heading', { name: 'Language' })).toBeVisible();

  // Chosen on the account page: the interface switches at once, without a reload.
  await page.evaluate(() => Object.assign(window, { samePage: true }));
  await page.getByRole('combobox', { name: 'Language' }).selectOption('ar');
  await expect(page.getByRole('heading', { name: 'اللغة' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.locator('html')).toHaveAttribute('lang', 'ar');
  await expect(page.getByRole('combobox', { name: 'اللغة' })).toHaveValue('ar');
  expect(await page.evaluate(() => (window as { samePage?: boolean }).samePage)).toBe(true);
  // Saved to the account.
  await expect
    .poll(
      async () =>
        ((await (await amina.api('GET', '/api/auth/me')).json()) as { user: { language: string } }).user.language,
    )
    .toBe('ar');

  const expectArabicList = async (listPage: Page): Promise<void> => {
    await expect(listPage.getByRole('heading', { name: 'الخرائط', level: 1 })).toBeVisible();
    await expect(listPage.getByRole('heading', { name: /خرائطك/ })).toBeVisible();
    await expect(listPage.getByRole('button', { name: 'استيراد خريطة' })).toBeVisible();
    await expect(listPage.getByRole('link', { name: 'فتح Youth pathway' })).toBeVisible();
    await expect(listPage.locator('html')).toHaveAttribute('dir', 'rtl');
    await expectNoEnglish(listPage);
  };
  await page.goto('/');
  await expectArabicList(page);
  await page.reload();
  await expectArabicList(page);

  // Another browser, in French and with nothing stored: French until the account is known, then
  // the account's Arabic wins over the browser's language.
  const other = await browser.newContext({ baseURL: server.url, locale: 'fr-FR' });
  const otherPage = await other.newPage();
  await otherPage.goto('/signin');
  const form = otherPage.getByRole('form', { name: 'Connexion' });
  await form.getByLabel('Adresse e-mail').fill(amina.email);
  await form.getByLabel('Mot de passe', { exact: true }).fill(PASSWORD);
  await form.getByRole('button', { name: 'Se connecter' }).click();
  await expectArabicList(otherPage);
  await otherPage.reload();
  await expectArabicList(otherPage);
  await other.close();
});
