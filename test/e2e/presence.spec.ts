import { expect, requirePrerequisites, test } from './support/fixtures.ts';

requirePrerequisites();

test("bob sees alice's cursor with her name, her selection, and who is here", async ({ actor }) => {
  const alice = await actor('Alice');
  const bob = await actor('Bob');
  const mapId = await alice.createMap('Presence map');
  await alice.addMember(mapId, bob, 'editor');
  await alice.openMap(mapId);
  await bob.openMap(mapId);

  await expect(bob.page.getByRole('list', { name: '2 people on this map' })).toBeVisible();

  await alice.pointAt(300, 200);
  await expect(bob.remoteCursor('Alice')).toBeVisible();
  await expect(alice.remoteCursor('Bob')).toHaveCount(0); // Bob's pointer is not on the canvas

  const card = await alice.addCard('Indicator', 'Share of graduates employed after 6 months');
  await alice.selectCard(card);
  await expect(bob.card(card).locator('.card__peers')).toHaveText('Alice');

  // Alice leaves: her cursor and avatar go away for Bob.
  await alice.context.close();
  await expect(bob.remoteCursor('Alice')).toHaveCount(0);
  await expect(bob.page.getByRole('list', { name: '1 person on this map' })).toBeVisible();
});

test('peers appear under their account names, whatever a page claims', async ({ actor }) => {
  const alice = await actor('Alice');
  const carol = await actor('Carol');
  const mapId = await alice.createMap('Name map');
  await alice.addMember(mapId, carol, 'editor');
  await alice.openMap(mapId);
  await carol.openMap(mapId);

  await carol.pointAt(200, 150);
  await expect(alice.remoteCursor('Carol')).toBeVisible();

  // Carol's page claims another name and colour: the server stamps her account's back.
  await carol.page.evaluate(() => {
    window.__loopmap!.provider.awareness.setLocalStateField('user', { name: 'Mallory', color: '#000000' });
  });
  await carol.pointAt(260, 190);
  await expect(alice.remoteCursor('Carol')).toBeVisible();
  await expect(alice.remoteCursor('Mallory')).toHaveCount(0);
  await expect(alice.page.getByRole('list', { name: '2 people on this map' }).getByText('Carol')).toHaveCount(1);
});
