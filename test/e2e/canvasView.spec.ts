import type { Page } from '@playwright/test';
import { expect, requirePrerequisites, test } from './support/fixtures.ts';
import type { Actor } from './support/Actor.ts';

requirePrerequisites();

/** A laptop's shared screen. */
const LAPTOP = { width: 1280, height: 720 };

/** Opens the worked example (17 cards, some attached to others) on a laptop-sized window. */
async function openWorkedExample(owner: Actor): Promise<string> {
  const response = await owner.api('POST', '/api/maps', {
    title: 'Teachers’ learning community',
    template: 'learning-community',
  });
  expect(response.status()).toBe(201);
  const { map } = (await response.json()) as { map: { id: string } };
  await owner.page.setViewportSize(LAPTOP);
  await owner.openMap(map.id);
  await expect(owner.page.locator('.react-flow__node').first()).toBeVisible();
  return map.id;
}

/** Cards drawn on the canvas itself: every card of the document but those attached to another. */
async function cardsOnCanvas(page: Page): Promise<number> {
  return page.evaluate(() => {
    const hook = window.__loopmap;
    if (!hook) throw new Error('no map open');
    let count = 0;
    hook.doc.getMap('nodes').forEach((record) => {
      const attachedTo = (record as { get(key: string): unknown }).get('attachedTo');
      if (attachedTo === undefined || attachedTo === null) count++;
    });
    return count;
  });
}

/**
 * How many cards are drawn wholly inside the canvas, from their boxes on screen. Cards outside the
 * view are not rendered at all (onlyRenderVisibleElements), so "all cards in view" means this
 * equals cardsOnCanvas.
 */
async function cardsWhollyInView(page: Page): Promise<number> {
  return page.evaluate(() => {
    const canvas = document.querySelector('.react-flow')!.getBoundingClientRect();
    const inside = (box: DOMRect): boolean =>
      box.left >= canvas.left - 0.5 &&
      box.top >= canvas.top - 0.5 &&
      box.right <= canvas.right + 0.5 &&
      box.bottom <= canvas.bottom + 0.5;
    return Array.from(document.querySelectorAll('.react-flow__node')).filter((node) =>
      inside(node.getBoundingClientRect()),
    ).length;
  });
}

const zoom = (page: Page): Promise<number> =>
  page.locator('.react-flow__viewport').evaluate((element) => new DOMMatrix(getComputedStyle(element).transform).a);

/** Zooms in with the canvas's own control until part of the map is off screen. */
async function zoomInPastTheMap(page: Page, total: number): Promise<void> {
  const zoomIn = page.getByRole('button', { name: 'Zoom In' });
  for (let i = 0; i < 4; i++) await zoomIn.click();
  await expect.poll(() => cardsWhollyInView(page)).toBeLessThan(total);
}

test('Tidy up ends with the whole laid-out map in view, and the Fit control brings it back by keyboard', async ({
  actor,
}) => {
  const amina = await actor('Amina');
  const { page } = amina;
  await openWorkedExample(amina);
  const total = await cardsOnCanvas(page);
  expect(total).toBeGreaterThanOrEqual(10);

  // Zoomed in on a corner, Amina tidies the map: the view follows the cards to where they land.
  await zoomInPastTheMap(page, total);
  const before = await amina.cardsInDocument();
  await page.getByRole('button', { name: 'Tidy up' }).click();
  await expect(page.getByText(/Laid out \d+ cards/)).toBeVisible();
  const after = await amina.cardsInDocument();
  expect(Object.keys(after).some((id) => after[id]!.x !== before[id]!.x || after[id]!.y !== before[id]!.y)).toBe(true);
  await expect.poll(() => cardsWhollyInView(page)).toBe(total);

  // Zoomed in again, the Fit control (reached with Tab like any button) shows the whole map.
  await zoomInPastTheMap(page, total);
  const fit = page.getByRole('button', { name: 'Fit the whole map' });
  await expect(fit).toBeVisible();
  await fit.focus();
  await page.keyboard.press('Enter');
  await expect.poll(() => cardsWhollyInView(page)).toBe(total);
  expect(await zoom(page)).toBeLessThanOrEqual(1.2);
});

test('the minimap can be hidden and shown, the choice survives a reload, and it never covers the controls', async ({
  actor,
}) => {
  const amina = await actor('Amina');
  const { page } = amina;
  await openWorkedExample(amina);
  const minimap = page.locator('.react-flow__minimap');
  const toggle = page.getByRole('button', { name: 'Minimap' });

  // Shown at first, small, in the corner away from the zoom and fit controls.
  await expect(minimap).toBeVisible();
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  const map = (await minimap.boundingBox())!;
  const controls = (await page.locator('.react-flow__controls').boundingBox())!;
  const canvas = (await page.locator('.react-flow').boundingBox())!;
  const overlap =
    map.x < controls.x + controls.width &&
    controls.x < map.x + map.width &&
    map.y < controls.y + controls.height &&
    controls.y < map.y + map.height;
  expect(overlap).toBe(false);
  expect(map.width * map.height).toBeLessThan(canvas.width * canvas.height * 0.03);
  expect(map.x + map.width).toBeLessThanOrEqual(canvas.x + canvas.width);
  expect(map.y + map.height).toBeLessThanOrEqual(canvas.y + canvas.height);

  // Hidden, and still hidden after a reload.
  await toggle.click();
  await expect(minimap).toHaveCount(0);
  await expect(toggle).toHaveAttribute('aria-pressed', 'false');
  await amina.reload();
  await expect(page.locator('.react-flow__node').first()).toBeVisible();
  await expect(page.getByRole('button', { name: 'Minimap' })).toHaveAttribute('aria-pressed', 'false');
  await expect(minimap).toHaveCount(0);

  // Shown again by keyboard, and still shown after a reload.
  await page.getByRole('button', { name: 'Minimap' }).focus();
  await page.keyboard.press('Space');
  await expect(minimap).toBeVisible();
  await amina.reload();
  await expect(page.getByRole('button', { name: 'Minimap' })).toHaveAttribute('aria-pressed', 'true');
  await expect(minimap).toBeVisible();
});

/** The on-screen size of every drawn card title: its computed font size times the view's scale. */
async function drawnTitleSizes(page: Page): Promise<number[]> {
  return page.evaluate(() => {
    const viewport = document.querySelector<HTMLElement>('.react-flow__viewport')!;
    const scale = new DOMMatrix(getComputedStyle(viewport).transform).a;
    return Array.from(document.querySelectorAll<HTMLElement>('.react-flow__node .card__label'))
      .filter((label) => getComputedStyle(label).visibility !== 'hidden')
      .map((label) => parseFloat(getComputedStyle(label).fontSize) * scale);
  });
}

test('the worked example opens whole on a laptop, its titles readable (semantic zoom), and again after a reload', async ({
  actor,
}) => {
  const amina = await actor('Amina');
  const { page } = amina;
  await openWorkedExample(amina);
  const total = await cardsOnCanvas(page);

  // Fitted whole it is far out (about 0.3), but the cards' titles grow as they shed detail: it
  // opens whole, every title readable, the impact in view.
  await expect.poll(() => cardsWhollyInView(page)).toBe(total);
  expect(await zoom(page)).toBeLessThan(0.5);
  const sizes = await drawnTitleSizes(page);
  expect(sizes.length).toBe(total);
  for (const size of sizes) expect(size).toBeGreaterThanOrEqual(11);
  await expect(page.locator('.card[data-kind="impact"] .card__label')).toBeVisible();

  // Zoomed in, the Fit control brings the whole map back; the opening view comes back on the next visit.
  await zoomInPastTheMap(page, total);
  await page.getByRole('button', { name: 'Fit the whole map' }).click();
  await expect.poll(() => cardsWhollyInView(page)).toBe(total);
  await amina.reload();
  await expect.poll(() => cardsWhollyInView(page)).toBe(total);
  for (const size of await drawnTitleSizes(page)) expect(size).toBeGreaterThanOrEqual(11);
});
