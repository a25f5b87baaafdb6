import { expect, requirePrerequisites, test } from './support/fixtures.ts';

requirePrerequisites();

test('Tidy up sets the level of a card it places in a lane, and one undo clears it again', async ({ actor }) => {
  const alice = await actor('Alice');
  const mapId = await alice.createMap('Lanes map');
  await alice.openMap(mapId);
  const { page } = alice;
  // A new theory of change draws its level swimlanes.
  await expect(page.getByRole('button', { name: 'Lanes', exact: true })).toHaveAttribute('aria-pressed', 'true');
  const impact = await alice.addCard('Impact', 'Girls finish secondary school');
  const outcome = await alice.addCard('Outcome', 'Parents value girls’ schooling');
  const activity = await alice.addCard('Activity', 'Community dialogues');
  // Each card went where the chain puts it (the activity below the lanes): the whole map in view.
  await page.getByRole('button', { name: 'Fit view', exact: true }).click();
  await expect(alice.card(outcome)).toBeVisible();
  await alice.selectCard(outcome);
  const inspector = page.getByRole('complementary', { name: 'Outcome inspector' });
  const linkTo = inspector.getByRole('combobox', { name: 'Link to' });
  await linkTo.selectOption({ value: impact });
  await linkTo.press('Enter');
  await linkTo.selectOption({ value: activity });
  await linkTo.press('Enter');
  await expect(alice.links).toHaveCount(2);
  const level = inspector.getByRole('combobox', { name: 'Level', exact: true });
  // Added from the palette, the outcome took the level of the lane it landed in: clear it, so
  // that the level below is Tidy up's doing.
  await expect(level).not.toHaveValue('');
  await level.selectOption('');
  await expect(level).toHaveValue('');

  // The card's height in flow units (layout moves it, possibly out of view, where it is not drawn).
  const height = await alice.card(outcome).evaluate((element) => (element as HTMLElement).offsetHeight);
  await page.getByRole('button', { name: 'Tidy up' }).click();
  await expect(page.getByText(/Laid out \d+ cards/)).toBeVisible();
  await alice.expectSaved();
  // The lane the outcome is drawn in, read from the document: the lanes and the card's centre.
  const drawnIn = await page.evaluate(
    ({ id, height }) => {
      const doc = window.__loopmap!.doc;
      const bounds = (doc.getMap('meta').get('lanes') as { bounds: number[] }).bounds;
      const centre = Number((doc.getMap('nodes').get(id) as { get(key: string): unknown }).get('y')) + height / 2;
      const index = bounds.findIndex((top, i) => i < 3 && centre >= top && centre < bounds[i + 1]!);
      return ['contextual', 'institutional', 'individual'][index] ?? null;
    },
    { id: outcome, height },
  );
  expect(drawnIn).not.toBeNull();
  await expect(level).toHaveValue(drawnIn!);

  await page.getByRole('button', { name: 'Undo', exact: true }).click();
  await expect(level).toHaveValue('');
});
