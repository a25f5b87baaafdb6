import { expect, requirePrerequisites, test } from './support/fixtures.ts';

requirePrerequisites();

test('a reload and a server crash keep everything that was shown as saved', async ({ server, actor }) => {
  const alice = await actor('Alice');
  const mapId = await alice.createMap('Partnership health');
  await alice.openMap(mapId);

  const city = await alice.addCard('Actor', 'City youth department');
  const ngo = await alice.addCard('Actor', 'Sport for development NGO');
  await alice.dragCard(ngo, 320, 60);
  await alice.fitWholeMap();
  await alice.connect(city, ngo);
  await expect(alice.links).toHaveCount(1);
  await alice.renameCard(city, 'City of Lisbon youth department');
  await alice.expectSaved();
  const saved = await alice.cardsInDocument();

  // Reload: everything is back (from this device and from the server).
  await alice.reload();
  await expect(alice.card(city)).toContainText('City of Lisbon youth department');
  await expect(alice.links).toHaveCount(1);
  expect(await alice.cardsInDocument()).toEqual(saved);

  // The server dies without warning right after "Saved", and comes back.
  await server.restart({ crash: true });
  await alice.expectSaved(); // the open page reconnects by itself

  // Bob has never opened this map: his copy can only come from the server's disk.
  const bob = await actor('Bob');
  await alice.addMember(mapId, bob, 'editor');
  await bob.openMap(mapId);
  await expect(bob.card(city)).toContainText('City of Lisbon youth department');
  await expect(bob.card(ngo)).toContainText('Sport for development NGO');
  await expect(bob.links).toHaveCount(1);
  expect(await bob.cardsInDocument()).toEqual(saved);
});

test('edits made while the server is down are kept on the device and merge on reconnect', async ({ server, actor }) => {
  const alice = await actor('Alice');
  const bob = await actor('Bob');
  const mapId = await alice.createMap('Offline workshop');
  await alice.addMember(mapId, bob, 'editor');
  await alice.openMap(mapId);
  await bob.openMap(mapId);
  const shared = await alice.addCard('Outcome', 'Trust between partners');
  await expect(bob.card(shared)).toBeVisible();

  await server.stop();
  await expect(alice.syncStatus).toHaveText(/changes kept on this device/);
  await expect(bob.syncStatus).toHaveText(/changes kept on this device/);

  // Both keep working while disconnected.
  const aliceCard = await alice.addCard('Lesson', 'Meet in person first');
  const bobCard = await bob.addCard('Risk', 'Staff turnover');
  await bob.renameCard(shared, 'Trust between partners grows');

  // Alice even closes her tab before the server is back: her edit waits on this device.
  await expect.poll(() => alice.updatesStoredOnDevice(mapId)).toBeGreaterThan(0);
  const storedBefore = await alice.updatesStoredOnDevice(mapId);
  await alice.renameCard(aliceCard, 'Meet in person first, then online');
  await expect.poll(() => alice.updatesStoredOnDevice(mapId)).toBeGreaterThan(storedBefore);
  await alice.closeTab();

  await server.launch();
  await bob.expectSaved();
  await alice.openNewTab();
  await alice.openMap(mapId);
  for (const person of [alice, bob]) {
    await expect(person.card(aliceCard)).toContainText('Meet in person first, then online');
    await expect(person.card(bobCard)).toContainText('Staff turnover');
    await expect(person.card(shared)).toContainText('Trust between partners grows');
  }
  expect(await alice.cardsInDocument()).toEqual(await bob.cardsInDocument());
});

test('a deleted map tells the people who have it open', async ({ actor }) => {
  const alice = await actor('Alice');
  const bob = await actor('Bob');
  const mapId = await alice.createMap('Short-lived map');
  await alice.addMember(mapId, bob, 'editor');
  await alice.openMap(mapId);
  await bob.openMap(mapId);
  await bob.addCard('Note', 'Keep this idea');
  await expect(alice.cardByLabel('Keep this idea')).toBeVisible();

  // Alice deletes it from another tab (the API, as her list page would).
  expect((await alice.api('DELETE', `/api/maps/${mapId}`)).status()).toBe(204);
  for (const person of [alice, bob]) {
    await expect(person.page.getByRole('heading', { name: 'This map is not available' })).toBeVisible();
    await expect(person.page.getByRole('button', { name: 'Download it as JSON' })).toBeVisible();
  }
});

test('a map reopens and stays editable while the server is down, and syncs when it is back', async ({
  server,
  actor,
}) => {
  const alice = await actor('Alice');
  const bob = await actor('Bob');
  const mapId = await alice.createMap('Field visit');
  await alice.addMember(mapId, bob, 'editor');
  await alice.openMap(mapId);
  const before = await alice.addCard('Outcome', 'Partners share their data');
  await alice.expectSaved();
  // Once its service worker controls the page, the app itself is kept on this device.
  await alice.page.waitForFunction(() => navigator.serviceWorker.controller !== null);

  await server.stop();
  // A reload with no server: the app comes from the device, the map from IndexedDB.
  await alice.page.reload();
  await expect(alice.card(before)).toContainText('Partners share their data');
  await expect(alice.syncStatus).toHaveText(/changes kept on this device/);
  const during = await alice.addCard('Lesson', 'Written with no connection');

  await server.launch();
  await alice.expectSaved();
  await bob.openMap(mapId);
  await expect(bob.card(before)).toContainText('Partners share their data');
  await expect(bob.card(during)).toContainText('Written with no connection');
});
