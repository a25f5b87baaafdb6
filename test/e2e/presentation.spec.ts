import type { Locator, Page } from '@playwright/test';
import { expect, requirePrerequisites, test } from './support/fixtures.ts';
import type { Actor } from './support/Actor.ts';

requirePrerequisites();

/** A laptop's shared screen. */
const LAPTOP = { width: 1280, height: 720 };

/** Creates the worked example (17 cards on pathways from one impact) and returns its id. */
async function createWorkedExample(owner: Actor): Promise<string> {
  const response = await owner.api('POST', '/api/maps', {
    title: 'Teachers’ learning community',
    template: 'learning-community',
  });
  expect(response.status()).toBe(201);
  const { map } = (await response.json()) as { map: { id: string } };
  return map.id;
}

/** The view's transform (translate and scale) as drawn. */
const transform = (page: Page): Promise<string> =>
  page.locator('.react-flow__viewport').evaluate((element) => getComputedStyle(element).transform);

/** The computed font sizes of the impact's title and another's, in CSS pixels (before the view's scale). */
/**
 * The titles' size on screen (font size × zoom), an impact's and another card's: what a viewer of
 * the shared screen sees. (The font size alone says little: zoomed out, the semantic zoom already
 * gives titles all the room their cards have.)
 */
const titleFontSizes = async (page: Page): Promise<number[]> => {
  const zoom = await page
    .locator('.react-flow__viewport')
    .evaluate((element) => new DOMMatrix(getComputedStyle(element).transform).a);
  return Promise.all(
    ['[data-kind="impact"]', ':not([data-kind="impact"])'].map((kind) =>
      page
        .locator(`.react-flow__node .card${kind} .card__label`)
        .first()
        .evaluate((label, z) => parseFloat(getComputedStyle(label).fontSize) * z, zoom),
    ),
  );
};

/** Whether the element is drawn wholly inside the canvas's visible pane. */
async function insidePane(page: Page, element: Locator): Promise<boolean> {
  const box = await element.boundingBox();
  const pane = await page.locator('.react-flow').boundingBox();
  if (!box || !pane) return false;
  return (
    box.x >= pane.x - 0.5 &&
    box.y >= pane.y - 0.5 &&
    box.x + box.width <= pane.x + pane.width + 0.5 &&
    box.y + box.height <= pane.y + pane.height + 0.5
  );
}

/** The card the caption names ("Step 3 of 12: <title>"). */
async function steppedCard(page: Page): Promise<Locator> {
  const caption = (await page.getByTestId('present-caption').textContent()) ?? '';
  const title = caption.replace(/^.*?Step \d+ of \d+: /, '');
  return page.locator('.react-flow__node').filter({ has: page.locator('.card__label', { hasText: title }) });
}

test('Amina presents the worked example: panels go, type grows, the arrows step through the pathways and Escape brings all back', async ({
  actor,
}) => {
  const amina = await actor('Amina');
  const { page } = amina;
  const mapId = await createWorkedExample(amina);
  await page.setViewportSize(LAPTOP);
  await amina.openMap(mapId);
  await expect(page.locator('.react-flow__node').first()).toBeVisible();

  // She has the outline open and a card in the inspector, as while building the map.
  await page.getByRole('button', { name: 'Outline', exact: true }).click();
  await expect(page.locator('.side-panel.outline')).toBeVisible();
  await page.locator('.react-flow__node:has(.card[data-kind="impact"]) .card__label').click();
  await expect(page.locator('.inspector-panel')).toBeVisible();
  const fontBefore = await titleFontSizes(page);
  const viewBefore = await transform(page);

  await page.getByRole('button', { name: 'Present', exact: true }).click();

  // Every panel has gone; a slim bar with the title, where she is, and Exit.
  const bar = page.getByRole('banner', { name: 'Presentation' });
  await expect(bar).toBeVisible();
  await expect(bar).toContainText('Teachers’ learning community');
  await expect(bar.getByRole('button', { name: 'Exit' })).toBeVisible();
  for (const panel of ['.inspector-panel', '.side-panel', '.palette', '.map-toolbar', '.map-header', '.filter-bar']) {
    await expect(page.locator(panel)).toHaveCount(0);
  }
  await expect(page.locator('.canvas--presenting')).toBeVisible();
  const fontPresenting = await titleFontSizes(page);
  for (const [i, size] of fontPresenting.entries()) expect(size).toBeGreaterThan(fontBefore[i]!);
  const caption = page.getByTestId('present-caption');
  await expect(caption).toHaveAttribute('aria-live', 'polite');
  await expect(caption).toContainText(/The whole map: \d+ steps/);
  // The map is fitted: every card on the canvas is drawn inside the pane.
  await expect
    .poll(async () => {
      const cards = await page.locator('.react-flow__node').all();
      for (const card of cards) if (!(await insidePane(page, card))) return false;
      return true;
    })
    .toBe(true);
  const fitted = await transform(page);

  // The first step is the impact, lit, with the view on it; the rest dimmed.
  await page.keyboard.press('ArrowRight');
  await expect(caption).toContainText(/^Impact\s*Step 1 of \d+: /);
  const impact = page.locator('.react-flow__node:has(.card[data-kind="impact"])');
  await expect(impact).not.toHaveClass(/is-dimmed/);
  await expect(page.locator('.react-flow__edge.is-dimmed').first()).toBeAttached();
  await expect.poll(() => transform(page)).not.toBe(fitted);
  await expect.poll(() => insidePane(page, impact)).toBe(true);
  const atImpact = await transform(page);

  // ArrowDown goes on down the pathway: an outcome that leads to the impact, in view with it.
  await page.keyboard.press('ArrowDown');
  await expect(caption).toContainText(/Step 2 of \d+: /);
  const second = await steppedCard(page);
  await expect(second).toHaveCount(1);
  await expect(second.locator('.card')).toHaveAttribute('data-kind', 'outcome');
  await expect(second).not.toHaveClass(/is-dimmed/);
  await expect(page.locator('.react-flow__node.is-dimmed').first()).toBeAttached();
  await expect.poll(() => transform(page)).not.toBe(atImpact);
  await expect.poll(() => insidePane(page, second)).toBe(true);
  await expect(page.getByTestId('present-step')).toHaveText(/Step 2 of \d+/);

  // ArrowLeft goes back a step.
  await page.keyboard.press('ArrowLeft');
  await expect(caption).toContainText(/Step 1 of \d+: /);

  // Escape leaves: the panels, the header, the type and the view she had come back.
  await page.keyboard.press('Escape');
  await expect(page.locator('.map-header')).toBeVisible();
  await expect(page.locator('.side-panel.outline')).toBeVisible();
  await expect(page.locator('.inspector-panel')).toBeVisible();
  await expect(page.locator('.map-toolbar')).toBeVisible();
  await expect(caption).toHaveCount(0);
  await expect(page.locator('.react-flow__node.is-dimmed')).toHaveCount(0);
  expect(await titleFontSizes(page)).toEqual(fontBefore);
  await expect.poll(() => transform(page)).toBe(viewBefore);
  await expect(page.getByRole('button', { name: 'Present', exact: true })).toBeFocused();
});

test('a viewer presents too, with Shift+P, which never fires while typing; Exit leaves and nothing was written', async ({
  actor,
}) => {
  const amina = await actor('Amina');
  const bo = await actor('Bo');
  const mapId = await createWorkedExample(amina);
  await amina.addMember(mapId, bo, 'viewer');
  const { page } = bo;
  await page.setViewportSize(LAPTOP);
  await bo.openMapReadOnly(mapId);
  await expect(page.locator('.react-flow__node').first()).toBeVisible();
  const before = await bo.cardsInDocument();

  // Typing a capital P in the search field types it.
  const search = page.getByRole('searchbox').first();
  await search.click();
  await page.keyboard.press('Shift+P');
  await expect(search).toHaveValue('P');
  await expect(page.getByTestId('present-caption')).toHaveCount(0);
  await search.fill('');

  // On the canvas, Shift+P presents.
  await page.locator('.react-flow__pane').click({ position: { x: 10, y: 10 } });
  await page.keyboard.press('Shift+P');
  const caption = page.getByTestId('present-caption');
  await expect(caption).toContainText(/The whole map/);
  await expect(page.getByRole('button', { name: 'Next step' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(caption).toContainText(/Step 1 of \d+: /);
  // A step past the impact, and the keys that would move a card on the canvas move nothing.
  await page.keyboard.press('ArrowRight');
  await expect(caption).toContainText(/Step 2 of \d+: /);
  await page.getByRole('button', { name: 'Exit' }).click();
  await expect(page.locator('.map-header')).toBeVisible();
  expect(await bo.cardsInDocument()).toEqual(before);
});
