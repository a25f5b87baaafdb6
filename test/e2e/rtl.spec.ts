import { expect, requirePrerequisites, test } from './support/fixtures.ts';

requirePrerequisites();

/**
 * Arabic is right to left: the page's panels and toolbar mirror, the map itself does not (a
 * card's place is shared by everyone, whatever their language), and what people type keeps its
 * own direction.
 */
test('in Arabic the panels mirror and the canvas does not', async ({ actor }) => {
  const alice = await actor('Alice');
  const mapId = await alice.createMap('Shared map');
  await alice.openMap(mapId);
  const cardId = await alice.addCard('Outcome', 'Farmers share seed');
  const arabicLabel = await alice.addCard('Outcome', 'يتبادل المزارعون البذور');
  await alice.selectCard(cardId);

  const layoutOf = async (page: typeof alice.page) => {
    const viewport = page.viewportSize()!;
    const canvas = (await page.locator('.react-flow').boundingBox())!;
    const card = (await page.locator(`.react-flow__node[data-id="${cardId}"]`).boundingBox())!;
    const inspector = (await page.locator('.inspector-panel').boundingBox())!;
    return {
      dir: await page.evaluate(() => document.documentElement.dir),
      lang: await page.evaluate(() => document.documentElement.lang),
      inspectorCentre: (inspector.x + inspector.width / 2) / viewport.width,
      cardFromCanvasLeft: card.x - canvas.x,
    };
  };
  const english = await layoutOf(alice.page);
  expect(english.dir).toBe('ltr');
  expect(english.inspectorCentre).toBeGreaterThan(0.5);

  const amal = await actor('Amal', { locale: 'ar-EG' });
  await alice.addMember(mapId, amal, 'editor');
  await amal.openMap(mapId);
  await amal.selectCard(cardId);
  const arabic = await layoutOf(amal.page);
  expect(arabic).toMatchObject({ dir: 'rtl', lang: 'ar' });
  // The inspector moved to the other side of the page…
  expect(arabic.inspectorCentre).toBeLessThan(0.5);
  // …and the card did not move within the canvas's own frame (same viewport transform).
  const transform = (page: typeof alice.page) =>
    page.locator('.react-flow__viewport').evaluate((element) => getComputedStyle(element).transform);
  if ((await transform(alice.page)) === (await transform(amal.page)))
    expect(Math.abs(arabic.cardFromCanvasLeft - english.cardFromCanvasLeft)).toBeLessThan(2);
  expect(await amal.page.locator('.react-flow').evaluate((element) => getComputedStyle(element).direction)).toBe('ltr');

  // A label typed in Arabic runs right to left inside its card; a Latin one left to right.
  const paragraphDirection = (id: string) =>
    amal
      .card(id)
      .locator('.card__label')
      .evaluate((element) => getComputedStyle(element).unicodeBidi);
  expect(await paragraphDirection(arabicLabel)).toBe('plaintext');
});
