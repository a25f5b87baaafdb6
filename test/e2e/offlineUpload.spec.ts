import * as Y from 'yjs';
import { addNode, createOrigin } from '@loopmap/shared';
import { expect, requirePrerequisites, test } from './support/fixtures.ts';

requirePrerequisites();

/** Cards made on another device's long offline session, as one Yjs update (about 2.2 MB). */
function offlineWork(count: number): string {
  const doc = new Y.Doc();
  const origin = createOrigin('user', 'offline');
  doc.transact(() => {
    for (let i = 0; i < count; i++) {
      addNode(
        doc,
        { kind: 'output', label: `Made offline ${i}`, x: 4_000 + (i % 150) * 240, y: Math.floor(i / 150) * 120 },
        origin,
      );
    }
  }, origin);
  return Buffer.from(Y.encodeStateAsUpdate(doc)).toString('base64');
}

test('a long offline session far larger than one message reaches the server, with its progress shown', async ({
  server,
  actor,
}) => {
  test.setTimeout(180_000);
  const alice = await actor('Alice');
  const bob = await actor('Bob');
  const mapId = await alice.createMap('Regional network');
  await alice.addMember(mapId, bob, 'editor');
  await alice.openMap(mapId);
  const before = await alice.addCard('Outcome', 'Cities share what works');
  await alice.expectSaved();
  await alice.page.waitForFunction(() => navigator.serviceWorker.controller !== null);

  await server.stop();
  // The work waits in this device's copy of the map (IndexedDB), where the client keeps offline
  // edits, as a long session in another tab of this browser would have left it.
  const userId = await alice.userId();
  await alice.page.evaluate(
    ({ name, update }) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open(name);
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const bytes = Uint8Array.from(atob(update), (c) => c.charCodeAt(0));
          const put = db.transaction('updates', 'readwrite').objectStore('updates').add(bytes);
          put.onsuccess = () => {
            db.close();
            resolve();
          };
          put.onerror = () => reject(put.error);
        };
      }),
    { name: `loopmap:${userId}:${mapId}`, update: offlineWork(15_000) },
  );
  await alice.page.reload();
  // The map opens from the device with the offline work in it (too many cards to see them all).
  await alice.page.waitForFunction(() => window.__loopmap !== undefined, null, { timeout: 30_000 });
  await expect.poll(async () => Object.keys(await alice.cardsInDocument()).length, { timeout: 30_000 }).toBe(15_001);
  await expect(alice.syncStatus).toHaveText(/changes kept on this device/);

  await server.launch();
  // Too large for one message: it goes in slices, and the status shows how far it has got.
  const progress = alice.page.getByRole('progressbar', { name: 'Offline work stored on the server' });
  await expect(progress).toBeVisible({ timeout: 30_000 });
  await expect(alice.syncStatus).toHaveText(/Sending offline work \d+%/);
  await expect(alice.syncStatus).toHaveAttribute('data-status', 'saved', { timeout: 90_000 });
  await expect(progress).toHaveCount(0);

  await bob.openMap(mapId);
  await expect.poll(async () => Object.keys(await bob.cardsInDocument()).length, { timeout: 30_000 }).toBe(15_001);
  expect((await bob.cardsInDocument())[before]?.label).toBe('Cities share what works');
});
