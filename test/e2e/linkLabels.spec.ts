import type { Page } from '@playwright/test';
import { expect, requirePrerequisites, test } from './support/fixtures.ts';
import type { Actor, YMapLike } from './support/Actor.ts';

requirePrerequisites();

const LONG =
  'Because teachers who visit each other’s lessons bring back one concrete change to try the following week, and the group follows up on it at the next meeting';

/** The debugging hook's document, with the transaction the scenario wraps its changes in. */
interface DocLike {
  getMap(name: string): YMapLike;
  transact(change: () => void): void;
}

interface Rect {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** Where cards go (flow coordinates): three in a row, and a hub with six links meeting at it. */
const LAYOUT: Record<string, { x: number; y: number }> = {
  First: { x: 0, y: 0 },
  Middle: { x: 460, y: 0 },
  Third: { x: 920, y: 0 },
  Hub: { x: 460, y: 420 },
  'Lower left': { x: 0, y: 840 },
  'Lower middle': { x: 460, y: 840 },
  'Lower right': { x: 920, y: 840 },
};
const LINKS: [string, string][] = [
  ['First', 'Third'],
  ['First', 'Hub'],
  ['Middle', 'Hub'],
  ['Third', 'Hub'],
  ['Lower left', 'Hub'],
  ['Lower middle', 'Hub'],
  ['Lower right', 'Hub'],
];

/**
 * Builds the map: cards from the palette, then (in the document, as a peer or an import would)
 * their positions and links with long rationales. Returns card ids by title and link ids by pair.
 */
async function buildMap(owner: Actor): Promise<{ cards: Record<string, string>; links: Record<string, string> }> {
  const cards: Record<string, string> = {};
  for (const title of Object.keys(LAYOUT)) cards[title] = await owner.addCard('Outcome', title);
  const links = await owner.page.evaluate(
    ({ cards, layout, pairs, rationale }) => {
      const doc = window.__loopmap!.doc as DocLike;
      const nodes = doc.getMap('nodes');
      const edges = doc.getMap('edges');
      // The document's own Y.Map class (the page's copy of yjs).
      const YMap = nodes.constructor as new () => YMapLike;
      const ids: Record<string, string> = {};
      doc.transact(() => {
        for (const [title, { x, y }] of Object.entries(layout)) {
          const record = nodes.get(cards[title]!) as YMapLike;
          record.set('x', x);
          record.set('y', y);
        }
        pairs.forEach(([from, to], i) => {
          const record = new YMap();
          record.set('source', cards[from]!);
          record.set('target', cards[to]!);
          record.set('label', `${from} to ${to}: ${rationale}`);
          record.set('relation', 'contributes-to');
          const id = `label-test-link-${i}`;
          edges.set(id, record);
          ids[`${from}→${to}`] = id;
        });
      });
      return ids;
    },
    { cards, layout: LAYOUT, pairs: LINKS, rationale: LONG },
  );
  return { cards, links };
}

/** Boxes on screen of every link label and every card. */
async function boxes(page: Page): Promise<{ labels: (Rect & { id: string })[]; cards: (Rect & { id: string })[] }> {
  return page.evaluate(() => {
    const rect = (element: Element) => {
      const { left, top, right, bottom } = element.getBoundingClientRect();
      return { id: element.getAttribute('data-id') ?? '', left, top, right, bottom };
    };
    return {
      labels: Array.from(document.querySelectorAll('.link__label')).map(rect),
      cards: Array.from(document.querySelectorAll('.react-flow__node')).map(rect),
    };
  });
}

const overlap = (a: Rect, b: Rect): boolean =>
  a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5;

/** Whether the rationale of a link's label is cut (its text box is smaller than its content). */
async function isCut(page: Page, linkId: string): Promise<boolean> {
  return page
    .locator(`.link__label[data-id="${linkId}"] .link__text`)
    .evaluate((element) => element.scrollHeight > element.clientHeight + 1);
}

test('links pass around cards; their labels sit clear of cards and of each other, cut long rationales, show them whole on hover, focus and selection', async ({
  actor,
}) => {
  // Seven cards typed in from the palette, then hover, selection and focus: longer than most.
  test.slow();
  const amina = await actor('Amina');
  const { page } = amina;
  // Large enough that the whole map fits close up (zoom 0.815 or more), where labels show their
  // rationale; further out the semantic zoom shows the relation only, or no label.
  await page.setViewportSize({ width: 1600, height: 1150 });
  const mapId = await amina.createMap('Teachers’ learning community');
  await amina.openMap(mapId);
  const { cards, links } = await buildMap(amina);
  await page.getByRole('button', { name: 'Fit the whole map' }).click();
  await expect(page.locator('.canvas')).toHaveAttribute('data-zoom-band', 'near');
  await expect(page.locator('.link__label')).toHaveCount(LINKS.length);

  // The midpoint of First→Third lies on the middle card; its label sits elsewhere on the link,
  // and no label covers any card or any other label (six of them meet at the hub).
  await expect
    .poll(async () => {
      const { labels, cards: cardBoxes } = await boxes(page);
      const onCards = labels.flatMap((label) =>
        cardBoxes.filter((card) => overlap(label, card)).map((card) => `${label.id} over ${card.id}`),
      );
      const onLabels = labels.flatMap((label, i) =>
        labels
          .slice(i + 1)
          .filter((other) => overlap(label, other))
          .map((other) => `${label.id} over ${other.id}`),
      );
      return [...onCards, ...onLabels];
    })
    .toEqual([]);
  const { cards: cardBoxes } = await boxes(page);
  expect(cardBoxes.length).toBeGreaterThanOrEqual(Object.keys(LAYOUT).length);

  // First→Third runs around the middle card, not behind it.
  const behind = await page.evaluate(
    ({ linkId, cardId }) => {
      const path = document.querySelector<SVGPathElement>(`.react-flow__edge[data-id="${linkId}"] .link__path`)!;
      const card = document.querySelector(`.react-flow__node[data-id="${cardId}"]`)!.getBoundingClientRect();
      const matrix = path.getScreenCTM()!;
      const length = path.getTotalLength();
      let inside = 0;
      for (let i = 0; i <= 100; i++) {
        const at = path.getPointAtLength((length * i) / 100);
        const point = new DOMPoint(at.x, at.y).matrixTransform(matrix);
        if (point.x > card.left && point.x < card.right && point.y > card.top && point.y < card.bottom) inside++;
      }
      return inside;
    },
    { linkId: links['First→Third']!, cardId: cards.Middle! },
  );
  expect(behind).toBe(0);

  // A long rationale is cut with an ellipsis; the whole of it is in the label's title.
  const across = links['First→Third']!;
  const label = page.locator(`.link__label[data-id="${across}"]`);
  expect(await isCut(page, across)).toBe(true);
  await expect(label).toHaveAttribute('title', new RegExp(`${LONG.slice(0, 40)}.*meeting$`));

  // Hovered, it shows whole.
  await label.hover();
  await expect.poll(() => isCut(page, across)).toBe(false);
  await page.mouse.move(5, 5);
  await expect.poll(() => isCut(page, across)).toBe(true);

  // Selected (a click on its line, away from the label), it shows whole, above the others.
  const spot = await page.locator(`.react-flow__edge[data-id="${across}"]`).evaluate((group) => {
    const path = group.querySelector<SVGPathElement>('.link__path')!;
    const matrix = path.getScreenCTM()!;
    const length = path.getTotalLength();
    for (let share = 0.05; share < 0.95; share += 0.05) {
      const at = new DOMPoint(path.getPointAtLength(length * share).x, path.getPointAtLength(length * share).y);
      const point = at.matrixTransform(matrix);
      if (document.elementFromPoint(point.x, point.y)?.closest('.react-flow__edge') === group) return point;
    }
    return null;
  });
  expect(spot).not.toBeNull();
  await page.mouse.click(spot!.x, spot!.y);
  await expect(page.locator(`.react-flow__edge[data-id="${across}"]`)).toHaveClass(/selected/);
  await expect(label).toHaveClass(/link__label--expanded/);
  expect(await isCut(page, across)).toBe(false);
  expect(await label.evaluate((element) => Number(getComputedStyle(element).zIndex))).toBeGreaterThan(0);
  await page.keyboard.press('Escape');
  await page.locator('.react-flow__pane').click({ position: { x: 10, y: 10 } });
  await expect.poll(() => isCut(page, across)).toBe(true);

  // Focused by keyboard (the link itself), it shows whole too.
  const toHub = links['Lower left→Hub']!;
  await page.keyboard.press('Tab');
  await page.locator(`.react-flow__edge[data-id="${toHub}"]`).focus();
  await expect(page.locator(`.link__label[data-id="${toHub}"]`)).toHaveClass(/link__label--expanded/);
  expect(await isCut(page, toHub)).toBe(false);
  await page.locator(`.react-flow__edge[data-id="${toHub}"]`).blur();
  await expect(page.locator(`.link__label[data-id="${toHub}"]`)).not.toHaveClass(/link__label--expanded/);

  // A click on the middle card's header selects the card, not a label.
  await amina.selectCard(cards.Middle!);
  await amina.selectCard(cards.Hub!);
});
