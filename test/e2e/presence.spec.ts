import { expect, requirePrerequisites, test } from './support/fixtures.ts';

requirePrerequisites();

test("bob sees alice's cursor with her name, her selection, and who is here", async ({ server, actor }) => {
  const mapId = await server.createMap('Presence map');
  const alice = await actor('Alice');
  const bob = await actor('Bob');
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

test('a first-time visitor is asked for a name once, and peers see it', async ({ server, actor }) => {
  const mapId = await server.createMap('Name map');
  const carol = await actor('Carol', { anonymous: true });
  const bob = await actor('Bob');
  await carol.openMap(mapId);
  await bob.openMap(mapId);

  const prompt = carol.page.getByRole('dialog', { name: 'What name should others see?' });
  await expect(prompt).toBeVisible();
  await prompt.getByRole('textbox', { name: 'Your name' }).fill('Carol');
  await prompt.getByRole('button', { name: 'Join' }).click();
  await expect(prompt).toHaveCount(0);

  await carol.pointAt(200, 150);
  await expect(bob.remoteCursor('Carol')).toBeVisible();

  await carol.reload();
  await expect(carol.page.getByRole('dialog', { name: 'What name should others see?' })).toHaveCount(0);
});
