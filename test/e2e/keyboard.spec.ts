import { expect, requirePrerequisites, test } from './support/fixtures.ts';

requirePrerequisites();

test('a map can be built from the keyboard alone', async ({ actor }) => {
  const alice = await actor('Alice');
  const bob = await actor('Bob');
  const mapId = await alice.createMap('Keyboard map');
  await alice.addMember(mapId, bob, 'editor');
  await alice.openMap(mapId);
  await bob.openMap(mapId);
  const { page } = alice;

  // Palette: focus it, arrow to a kind, Enter adds a card with its label editor open.
  await page.getByRole('button', { name: 'Add Impact', exact: true }).focus();
  await page.keyboard.press('ArrowDown');
  await expect(page.getByRole('button', { name: 'Add Outcome', exact: true })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('Card title', { exact: true })).toBeFocused();
  await page.keyboard.type('Peers apply what they learned');
  await page.keyboard.press('Enter'); // closes the editor, focus back on the card
  const outcome = await page.evaluate(() => document.activeElement?.getAttribute('data-id'));
  expect(outcome).toBeTruthy();

  await page.getByRole('button', { name: 'Add Activity', exact: true }).focus();
  await page.keyboard.press('Enter');
  await page.keyboard.type('Peer exchange visits');
  await page.keyboard.press('Enter');
  const activity = await page.evaluate(() => document.activeElement?.getAttribute('data-id'));

  // The selected card's inspector links it to another card.
  const inspector = page.getByRole('complementary', { name: 'Activity inspector' });
  await inspector
    .getByRole('combobox', { name: 'Link to' })
    .selectOption({ label: 'Outcome: Peers apply what they learned' });
  await expect(bob.links).toHaveCount(1);
  expect(await bob.linksInDocument()).toEqual([{ source: activity, target: outcome, label: '' }]);

  // Arrow keys move the focused, selected card; the move is saved.
  const before = (await alice.cardsInDocument())[activity!]!;
  await alice.card(activity!).focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect.poll(async () => (await bob.cardsInDocument())[activity!]!.x).toBeGreaterThan(before.x);

  // Delete removes the selected card and its link, for everyone.
  await page.keyboard.press('Delete');
  await expect(bob.card(activity!)).toHaveCount(0);
  await expect(bob.links).toHaveCount(0);
});
