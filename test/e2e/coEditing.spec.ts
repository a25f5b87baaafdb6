import { expect, requirePrerequisites, test } from './support/fixtures.ts';

requirePrerequisites();

test('alice and bob co-edit one map: add, drag, rename, connect, delete', async ({ actor }) => {
  const alice = await actor('Alice');
  const bob = await actor('Bob');
  const mapId = await alice.createMap('Youth employment pathway');
  await alice.addMember(mapId, bob, 'editor');
  await alice.openMap(mapId);
  await bob.openMap(mapId);

  // Alice adds an activity; Bob adds an outcome. Each sees the other's card.
  const activity = await alice.addCard('Activity', 'Run monthly job fairs');
  await expect(bob.card(activity)).toContainText('Run monthly job fairs');
  const outcome = await bob.addCard('Outcome', 'Employers trust graduates');
  await expect(alice.card(outcome)).toContainText('Employers trust graduates');

  // Alice drags her card away. While she holds it, Bob sees it move (presence, not the
  // document); once she lets go, the document has the new position, written once.
  // Bob's view followed his outcome into its lane: both bring the whole map into view.
  await alice.fitWholeMap();
  await bob.fitWholeMap();
  const before = (await alice.cardsInDocument())[activity]!;
  const bobBefore = await bob.drawnPosition(activity);
  await alice.dragCard(activity, -260, 140, { release: false });
  await expect.poll(async () => (await bob.drawnPosition(activity)).x).toBeLessThan(bobBefore.x - 100);
  expect((await bob.cardsInDocument())[activity]).toMatchObject({ x: before.x, y: before.y });
  await alice.releaseMouse();
  await expect.poll(async () => (await bob.cardsInDocument())[activity]!.x).toBeLessThan(before.x - 100);
  const moved = (await alice.cardsInDocument())[activity]!;
  await expect.poll(() => bob.drawnPosition(activity)).toEqual({ x: moved.x, y: moved.y });

  // Bob renames Alice's card in place; Alice sees the new label.
  await bob.renameCard(activity, 'Run job fairs with local employers');
  await expect(alice.card(activity)).toContainText('Run job fairs with local employers');

  // Alice links the activity to the outcome; Bob sees the link.
  await alice.connect(activity, outcome);
  await expect(alice.links).toHaveCount(1);
  await expect(bob.links).toHaveCount(1);
  expect(await bob.linksInDocument()).toEqual([{ source: activity, target: outcome, label: '' }]);

  // Bob says why the activity leads to the outcome, on the link itself.
  await bob.labelLink(0, 'employers meet candidates in person');
  await expect(alice.page.locator('.link__label')).toHaveText('employers meet candidates in person');

  // A second identical link is refused with a message, and nothing is added.
  await alice.connect(activity, outcome);
  await expect(alice.page.getByText('These cards are already linked in this direction.')).toBeVisible();
  await expect(bob.links).toHaveCount(1);

  // Bob deletes the outcome: the card and its link disappear for Alice too.
  await bob.deleteCard(outcome);
  await expect(alice.card(outcome)).toHaveCount(0);
  await expect(alice.links).toHaveCount(0);

  // Both end saved, with the same document.
  await alice.expectSaved();
  await bob.expectSaved();
  expect(Object.keys(await bob.cardsInDocument())).toEqual([activity]);
  expect(await alice.cardsInDocument()).toEqual(await bob.cardsInDocument());
});

test('undo and redo revert only my own changes', async ({ actor }) => {
  const alice = await actor('Alice');
  const bob = await actor('Bob');
  const mapId = await alice.createMap('Undo map');
  await alice.addMember(mapId, bob, 'editor');
  await alice.openMap(mapId);
  await bob.openMap(mapId);

  const mine = await alice.addCard('Impact', 'Decent work for young people');
  const theirs = await bob.addCard('Risk', 'Employers withdraw');
  await expect(alice.card(theirs)).toBeVisible();

  // Undo (Ctrl+Z on the canvas) removes Alice's card, not Bob's.
  await alice.page.locator('.react-flow__pane').click({ position: { x: 40, y: 40 } });
  await alice.page.keyboard.press('Control+z');
  await expect(alice.card(mine)).toHaveCount(0);
  await expect(bob.card(mine)).toHaveCount(0);
  await expect(alice.card(theirs)).toBeVisible();

  // Redo from the header button brings it back, with its label.
  await alice.page.getByRole('button', { name: 'Redo' }).click();
  await expect(bob.card(mine)).toContainText('Decent work for young people');
});

test('the outline lists cards and links and edits them from the keyboard', async ({ actor }) => {
  const alice = await actor('Alice');
  const bob = await actor('Bob');
  const mapId = await alice.createMap('Outline map');
  await alice.addMember(mapId, bob, 'editor');
  await alice.openMap(mapId);
  await bob.openMap(mapId);
  const activity = await alice.addCard('Activity', 'Mentoring circles');
  const outcome = await alice.addCard('Outcome', 'Confidence grows');
  await alice.connect(activity, outcome);
  await expect(alice.links).toHaveCount(1);

  await alice.page.getByRole('button', { name: 'Outline', exact: true }).click();
  const outline = alice.page.getByRole('complementary', { name: 'Outline' });
  await expect(outline.getByRole('button', { name: 'Outcome: Confidence grows (1 link)', exact: true })).toBeVisible();
  await expect(
    outline.getByRole('button', { name: 'Link: Mentoring circles — links to → Confidence grows', exact: true }),
  ).toBeVisible();

  // Selecting in the outline selects on the canvas.
  await outline.getByRole('button', { name: 'Activity: Mentoring circles (1 link)', exact: true }).click();
  await expect(alice.card(activity)).toHaveClass(/selected/);

  // Editing a label in the outline reaches Bob's canvas.
  const label = outline.getByRole('textbox', { name: 'Outcome title', exact: true });
  await label.fill('Confidence and trust grow');
  await expect(bob.card(outcome)).toContainText('Confidence and trust grow');

  // The link's label too.
  await outline.getByRole('textbox', { name: /^Rationale of / }).fill('practice builds confidence');
  await expect(bob.page.locator('.link__label')).toHaveText('practice builds confidence');

  // Deleting from the outline.
  await outline
    .getByRole('button', { name: 'Delete link Mentoring circles — links to → Confidence and trust grow' })
    .click();
  await expect(bob.links).toHaveCount(0);
});
