import { expect, requirePrerequisites, test } from './support/fixtures.ts';

requirePrerequisites();

test('sign up, then create, open, rename and delete maps from the list', async ({ actor }) => {
  const alice = await actor('Alice', { signedOut: true });
  const { page } = alice;
  // Signed out, the app asks her to sign in; she has no account yet and creates one.
  await page.goto('/');
  await expect(page).toHaveURL(/\/signin$/);
  await page.getByRole('link', { name: 'Create an account' }).click();
  await alice.signUpInUi();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByText('No maps yet.')).toBeVisible();

  await page.getByLabel('Map title').fill('Arts programme partnership');
  await page.getByRole('radio', { name: /^Blank partnership map/ }).check();
  await page.getByRole('button', { name: 'Create map' }).click();
  await expect(page).toHaveURL(/\/maps\//);
  await alice.expectSaved();
  await expect(page.getByRole('button', { name: /Map title/ })).toHaveText(/Arts programme partnership/);
  // A partnership map offers actors first.
  await expect(page.getByRole('toolbar', { name: 'Add a card' }).getByRole('button').first()).toHaveAccessibleName(
    'Add Actor',
  );

  // Rename from the map header: the list shows the new title.
  await page.getByRole('button', { name: /Map title/ }).click();
  await page.getByRole('textbox', { name: 'Map title' }).fill('Arts partnership 2026');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('button', { name: /Map title/ })).toHaveText(/Arts partnership 2026/);
  await page.getByRole('link', { name: 'Back to all maps' }).click();

  const items = page.getByTestId('map-item');
  await expect(items).toHaveCount(1);
  await expect(items.first()).toContainText('Arts partnership 2026');
  await expect(items.first()).toContainText('Partnership map');

  // Rename in place in the list.
  await page.getByRole('button', { name: 'Rename Arts partnership 2026' }).click();
  await page.getByRole('textbox', { name: 'New title' }).fill('Arts network');
  await page.keyboard.press('Enter');
  await expect(items.first()).toContainText('Arts network');
  await page.reload();
  await expect(items.first()).toContainText('Arts network');

  // Delete asks first; cancel keeps it, confirm removes it.
  await page.getByRole('button', { name: 'Delete Arts network' }).click();
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(items).toHaveCount(1);
  await page.getByRole('button', { name: 'Delete Arts network' }).click();
  await page.getByRole('button', { name: 'Delete map' }).click();
  await expect(items).toHaveCount(0);
  await page.reload();
  await expect(page.getByText('No maps yet.')).toBeVisible();

  // Sign out from the account menu, and back in.
  await page.getByRole('button', { name: 'Account: Alice' }).click();
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/signin$/);
  await alice.signInInUi();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByText('No maps yet.')).toBeVisible();
});

test('an unknown map address says so', async ({ actor }) => {
  const alice = await actor('Alice');
  await alice.page.goto('/maps/doesNotExist123');
  await expect(alice.page.getByRole('heading', { name: 'This map is not available' })).toBeVisible();
});
