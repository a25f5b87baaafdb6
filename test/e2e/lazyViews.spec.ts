import { expect, requirePrerequisites, test } from './support/fixtures.ts';

requirePrerequisites();

const TITLE = 'Coastal resilience partnership';

// What the map page loads before it is usable is held to a budget (test/bundleBudget.mjs,
// docs/benchmarks.md): the Export menu, versions and replay, the dock's panels, the layout
// engine and the other pages load the first time they are used.
test('the Export menu loads when first opened; when its code cannot be fetched, it says so and Try again loads it', async ({
  actor,
}) => {
  const amara = await actor('Amara');
  const { page } = amara;
  const context = page.context();
  const created = await amara.api('POST', '/api/maps', { title: TITLE, template: 'learning-community' });
  expect(created.status()).toBe(201);
  const mapId = ((await created.json()) as { map: { id: string } }).map.id;

  // The map page opens without fetching the Export menu's code or the layout engine.
  const fetched: string[] = [];
  page.on('request', (request) => fetched.push(new URL(request.url()).pathname));
  await amara.openMap(mapId);
  expect(fetched.filter((path) => /\/assets\/(ExportDialog|elk\.bundled|autoLayout)-/.test(path))).toEqual([]);

  // Offline, or the deploy replaced the chunk: the menu cannot load. (context.route also stops
  // the service worker's own fetch.)
  const exportChunk = /\/assets\/ExportDialog-[^/]+\.js$/;
  await context.route(exportChunk, (route) => route.abort('internetdisconnected'));
  const exportButton = page.getByRole('banner').getByRole('button', { name: 'Export', exact: true });
  await exportButton.click();
  const failure = page.getByRole('alert').filter({ hasText: 'Could not load the export menu' });
  await expect(failure).toBeVisible();
  await expect(page.getByRole('dialog', { name: `Export “${TITLE}”` })).toHaveCount(0);

  // Back online: Try again loads it, and the menu opens as usual.
  await context.unroute(exportChunk);
  await failure.getByRole('button', { name: 'Try again' }).click();
  const dialog = page.getByRole('dialog', { name: `Export “${TITLE}”` });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('radio', { name: 'PDF', exact: true })).toBeFocused();
  await expect(failure).toHaveCount(0);
});

test('a panel never opened while online still opens with the server down: the service worker keeps the split-out views', async ({
  server,
  actor,
}) => {
  const alice = await actor('Alice');
  const { page } = alice;
  const mapId = await alice.createMap('Field visit');
  await alice.openMap(mapId);
  const card = await alice.addCard('Outcome', 'Partners share their data');
  await alice.expectSaved();
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  // The Outline has not been opened; the service worker keeps its code, and what it imports.
  await page.waitForFunction(async () => {
    const cache = await caches.open('loopmap-app-v1');
    return (await cache.keys()).some((request) => /\/assets\/OutlinePanel-[^/]+\.js$/.test(request.url));
  });

  await server.stop();
  await page.reload();
  await expect(alice.card(card)).toContainText('Partners share their data');
  await page.getByRole('button', { name: 'Outline', exact: true }).click();
  const outline = page.getByRole('complementary', { name: 'Outline' });
  await expect(outline.getByRole('button', { name: /^Outcome: Partners share their data/ })).toBeVisible();
  await expect(page.getByRole('alert').filter({ hasText: 'Could not load' })).toHaveCount(0);
  await server.launch();
});
