import type { Locator, Page } from '@playwright/test';
import { expect, requirePrerequisites, test } from './support/fixtures.ts';
import type { Actor } from './support/Actor.ts';

requirePrerequisites();

/** Each side panel: its toolbar toggle and its close button. */
const PANELS = [
  { toggle: 'Outline', close: 'Close outline' },
  { toggle: 'Checks', close: 'Close logic check' },
  { toggle: 'Comments', close: 'Close comments' },
  { toggle: 'History', close: 'Close history' },
  { toggle: 'Reviews', close: 'Close reviews' },
];

async function openWorkedExample(owner: Actor, viewport: { width: number; height: number }): Promise<void> {
  const response = await owner.api('POST', '/api/maps', {
    title: 'Teachers’ learning community',
    template: 'learning-community',
  });
  expect(response.status()).toBe(201);
  const { map } = (await response.json()) as { map: { id: string } };
  await owner.page.setViewportSize(viewport);
  await owner.openMap(map.id);
  await expect(owner.page.locator('.react-flow__node').first()).toBeVisible();
}

/** The canvas element's share of the window's width. */
const canvasShare = (page: Page): Promise<number> =>
  page.locator('.workspace__canvas').evaluate((canvas) => canvas.getBoundingClientRect().width / window.innerWidth);

/** A control is reachable: drawn inside the window, and a click there lands on it (not on something over it). */
async function expectReachable(page: Page, control: Locator): Promise<void> {
  await expect(control).toBeVisible();
  const box = (await control.boundingBox())!;
  const window = page.viewportSize()!;
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.y).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(window.width);
  expect(box.y + box.height).toBeLessThanOrEqual(window.height);
  await control.click({ trial: true });
}

for (const viewport of [
  { width: 1280, height: 720 },
  { width: 1024, height: 700 },
]) {
  test(`at ${viewport.width}×${viewport.height} the canvas keeps half the window with the inspector and any side panel open`, async ({
    actor,
  }) => {
    const amina = await actor('Amina');
    const { page } = amina;
    await openWorkedExample(amina, viewport);
    await page.locator('.react-flow__node:has(.card[data-kind="impact"]) .card__label').click();
    const inspector = page.locator('.inspector-panel');
    await expect(inspector).toBeVisible();
    expect(await canvasShare(page)).toBeGreaterThanOrEqual(0.5);

    for (const panel of PANELS) {
      await page.getByRole('button', { name: panel.toggle, exact: true }).click();
      const close = page.getByRole('button', { name: panel.close });
      await expect(close).toBeVisible();
      expect(await canvasShare(page), `${panel.toggle} and the inspector`).toBeGreaterThanOrEqual(0.5);
      // Both panels' controls stay reachable: the inspector's title field and close button, the panel's close.
      await expectReachable(page, close);
      await expectReachable(page, inspector.getByRole('button', { name: 'Close inspector' }));
      await expectReachable(page, inspector.getByRole('textbox', { name: 'Title' }));
    }

    // The panel's contents scroll within their share of the column: the outline's last row is reachable.
    await page.getByRole('button', { name: 'Outline', exact: true }).click();
    const rows = page.locator('.outline .outline__list > li');
    await rows.last().scrollIntoViewIfNeeded();
    await expectReachable(page, rows.last());
  });
}

test('on a narrow window the panels float over the canvas: the close button takes the focus, Escape closes and gives it back', async ({
  actor,
}) => {
  const amina = await actor('Amina');
  const { page } = amina;
  await openWorkedExample(amina, { width: 800, height: 600 });
  const widthBefore = await page
    .locator('.workspace__canvas')
    .evaluate((canvas) => canvas.getBoundingClientRect().width);

  const toggle = page.getByRole('button', { name: 'Outline', exact: true });
  await toggle.click();
  const close = page.getByRole('button', { name: 'Close outline' });
  await expect(close).toBeFocused();
  await expectReachable(page, close);
  // Over the canvas, not beside it: the canvas keeps its width.
  expect(await page.locator('.workspace__canvas').evaluate((canvas) => canvas.getBoundingClientRect().width)).toBe(
    widthBefore,
  );
  expect(await canvasShare(page)).toBeGreaterThanOrEqual(0.5);

  await page.keyboard.press('Escape');
  await expect(page.locator('.side-panel.outline')).toHaveCount(0);
  await expect(toggle).toBeFocused();

  // The inspector floats too, and Escape in it closes it, the focus back on its card.
  const impact = page.locator('.react-flow__node:has(.card[data-kind="impact"])');
  await impact.locator('.card__label').click();
  const inspector = page.locator('.inspector-panel');
  await expect(inspector).toBeVisible();
  await expectReachable(page, inspector.getByRole('button', { name: 'Close inspector' }));
  await inspector.getByRole('button', { name: 'Close inspector' }).focus();
  await page.keyboard.press('Escape');
  await expect(inspector).toHaveCount(0);
  await expect(impact).toBeFocused();
});
