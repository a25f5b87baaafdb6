import { expect, requirePrerequisites, test } from './support/fixtures.ts';

requirePrerequisites();

/**
 * While a card is dragged the minimap is a still picture of itself (React Flow's live minimap
 * re-measures every card on each step of a drag, see docs/canvas-profile.md). It stays in its
 * corner, hidden from assistive technology, with no duplicate ids, and is live again once the
 * card is dropped.
 */
test('the minimap holds still during a drag and is live again after the drop', async ({ actor }) => {
  const amina = await actor('Amina');
  const { page } = amina;
  const response = await amina.api('POST', '/api/maps', { title: 'Drag', template: 'learning-community' });
  expect(response.status()).toBe(201);
  const { map } = (await response.json()) as { map: { id: string } };
  await amina.openMap(map.id);
  await expect(page.locator('.react-flow__node').first()).toBeVisible();

  const live = page.locator('.react-flow__minimap:not(.canvas__minimap-still)');
  const still = page.locator('.canvas__minimap-still');
  await expect(live).toBeVisible();
  const canvas = page.locator('.react-flow');
  // Where it sits: its offset from the canvas's bottom right corner (the canvas narrows when the
  // drag selects the card and the inspector opens; the minimap stays in the corner).
  const corner = async (element: typeof live): Promise<{ right: number; bottom: number }> => {
    const [box, area] = [(await element.boundingBox())!, (await canvas.boundingBox())!];
    return { right: area.x + area.width - (box.x + box.width), bottom: area.y + area.height - (box.y + box.height) };
  };
  const before = await corner(live);
  const rects = await live.locator('.react-flow__minimap-node').count();
  expect(rects).toBeGreaterThan(0);

  const card = page.locator('.react-flow__node').first();
  const box = (await card.boundingBox())!;
  const from = { x: box.x + box.width / 2, y: box.y + 12 };
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  for (let i = 1; i <= 5; i++) await page.mouse.move(from.x + i * 12, from.y + i * 8);

  // Mid-drag: the live minimap is gone and its picture is in its place.
  await expect(page.locator('.react-flow__node.dragging')).toHaveCount(1);
  await expect(live).toHaveCount(0);
  await expect(still).toHaveCount(1);
  await expect(still).toBeVisible();
  await expect(still).toHaveAttribute('aria-hidden', 'true');
  expect(await still.locator('.react-flow__minimap-node').count()).toBe(rects);
  expect(await still.locator('[id], [aria-labelledby]').count()).toBe(0);
  const during = await corner(still);
  expect(Math.abs(during.right - before.right)).toBeLessThan(1);
  expect(Math.abs(during.bottom - before.bottom)).toBeLessThan(1);

  await page.mouse.up();
  await expect(still).toHaveCount(0);
  await expect(live).toBeVisible();
  await expect(live.locator('.react-flow__minimap-node')).toHaveCount(rects);
});
