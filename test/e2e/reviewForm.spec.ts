import { expect, requirePrerequisites, test } from './support/fixtures.ts';

requirePrerequisites();

test('the review form closes after Add, the review shows, and focus is back on "Add a review"', async ({ actor }) => {
  const alice = await actor('Alice');
  const mapId = await alice.createMap('Review form map');
  await alice.openMap(mapId);
  const { page } = alice;
  const assumption = await alice.addCard('Assumption', 'Les pairs ont du temps entre les appels');
  await alice.selectCard(assumption);
  const inspector = page.getByRole('complementary', { name: 'Assumption inspector' });
  const open = inspector.getByRole('button', { name: 'Add a review' });
  const form = inspector.getByRole('form', { name: 'Add a review' });
  const reviews = inspector.getByRole('list', { name: 'Reviews, newest first' });

  await open.click();
  await expect(open).toHaveAttribute('aria-expanded', 'true');
  await form.getByRole('radio', { name: 'At risk' }).click();
  await form.getByLabel('Date').fill('2026-03-05');
  await form.getByLabel('Note').fill('Harvest season: calls moved to evenings 🌾');
  await form.getByRole('button', { name: 'Add', exact: true }).click();

  await expect(form).toHaveCount(0);
  await expect(open).toHaveAttribute('aria-expanded', 'false');
  await expect(open).toBeFocused();
  await expect(reviews.getByRole('listitem')).toHaveCount(1);
  await expect(reviews).toContainText('At risk');
  // One date format: the day reads as this browser's (en-US) date input writes it, not "Mar 5, 2026".
  await expect(reviews).toContainText('03/05/2026');
  await expect(inspector.getByText('At risk since 03/05/2026')).toBeVisible();
  await expect(reviews).toContainText('Harvest season: calls moved to evenings 🌾');

  // The next review starts from the keyboard, where focus was left.
  await page.keyboard.press('Enter');
  await expect(form).toBeVisible();
  await expect(form.getByLabel('Note')).toHaveValue('');
});
