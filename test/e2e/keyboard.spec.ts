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
  const linkTo = inspector.getByRole('combobox', { name: 'Link to' });
  await linkTo.selectOption({ label: 'Outcome: Peers apply what they learned' });
  await linkTo.press('Enter');
  await expect(bob.links).toHaveCount(1);
  expect(await bob.linksInDocument()).toEqual([{ source: activity, target: outcome, label: '' }]);

  // Alt+arrows move the focused, selected card by grid steps; the move is saved.
  const before = (await alice.cardsInDocument())[activity!]!;
  await alice.card(activity!).focus();
  await page.keyboard.press('Alt+ArrowRight');
  await page.keyboard.press('Alt+ArrowRight');
  await expect.poll(async () => (await bob.cardsInDocument())[activity!]!.x).toBeGreaterThan(before.x);

  // Delete removes the selected card and its link, for everyone.
  await page.keyboard.press('Delete');
  await expect(bob.card(activity!)).toHaveCount(0);
  await expect(bob.links).toHaveCount(0);
});

test('moving through the "Link to" list never links; Enter or the Link button does', async ({ actor }) => {
  const alice = await actor('Alice');
  const mapId = await alice.createMap('Link to map');
  await alice.openMap(mapId);
  const { page } = alice;
  const impact = await alice.addCard('Impact', 'Families eat well all year');
  await alice.addCard('Outcome', 'Households store grain safely');
  await alice.addCard('Output', '早期预警 bulletins 📣');
  const activity = await alice.addCard('Activity', 'Train storage groups');
  await alice.selectCard(activity);
  const inspector = page.getByRole('complementary', { name: 'Activity inspector' });
  const linkTo = inspector.getByRole('combobox', { name: 'Link to' });
  const linkButton = inspector.getByRole('button', { name: 'Link', exact: true });

  // Arrow through every choice and back: each step only moves the choice.
  await linkTo.focus();
  const choices = (await linkTo.locator('option').count()) - 1;
  expect(choices).toBe(3);
  for (let i = 0; i < choices; i++) {
    await page.keyboard.press('ArrowDown');
    await alice.expectSaved();
    expect(await alice.linksInDocument()).toEqual([]);
    await expect(linkTo).not.toHaveValue('');
  }
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  const chosen = await linkTo.inputValue();
  expect(chosen).toBe(impact); // cards are listed impact first: down to the output, back up to the impact
  await expect(linkButton).toBeEnabled();
  await alice.expectSaved();
  expect(await alice.linksInDocument()).toEqual([]);
  await expect(alice.links).toHaveCount(0);

  // Enter links to the chosen card, and the list is ready for the next one.
  await page.keyboard.press('Enter');
  await expect(alice.links).toHaveCount(1);
  expect(await alice.linksInDocument()).toEqual([{ source: activity, target: chosen, label: '' }]);
  await expect(linkTo).toHaveValue('');
  await expect(linkTo).toBeFocused();
  await expect(linkButton).toBeDisabled();

  // With the mouse: choosing is not linking either; the Link button is.
  await linkTo.selectOption({ label: 'Output: 早期预警 bulletins 📣' });
  await alice.expectSaved();
  expect(await alice.linksInDocument()).toHaveLength(1);
  await linkButton.click();
  await expect(alice.links).toHaveCount(2);
});
