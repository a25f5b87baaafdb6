import type { Page } from '@playwright/test';
import type { Actor } from './support/Actor.ts';
import { expect, requirePrerequisites, test } from './support/fixtures.ts';

requirePrerequisites();

interface Box {
  id: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

const overlap = (a: Box, b: Box): boolean =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** The screen boxes of every drawn card and every link label. */
async function drawnBoxes(page: Page): Promise<{ cards: Box[]; labels: Box[] }> {
  return page.evaluate(() => {
    const box = (element: Element, id: string) => {
      const { x, y, width, height } = element.getBoundingClientRect();
      return { id, x, y, width, height };
    };
    return {
      cards: Array.from(document.querySelectorAll('.react-flow__node')).map((node) =>
        box(node, node.getAttribute('data-id') ?? ''),
      ),
      labels: Array.from(document.querySelectorAll('.link__label')).map((label, index) =>
        box(label, `label ${index}: ${label.textContent ?? ''}`),
      ),
    };
  });
}

function collisions({ cards, labels }: { cards: Box[]; labels: Box[] }): string[] {
  const found: string[] = [];
  for (let i = 0; i < cards.length; i++) {
    for (let j = i + 1; j < cards.length; j++) {
      if (overlap(cards[i]!, cards[j]!)) found.push(`${cards[i]!.id} / ${cards[j]!.id}`);
    }
    for (const label of labels) if (overlap(cards[i]!, label)) found.push(`${cards[i]!.id} / ${label.id}`);
  }
  return found;
}

/** Clears the selection by clicking the canvas where nothing is drawn. */
async function deselect(actor: Actor): Promise<void> {
  const { page } = actor;
  const point = await page.evaluate(() => {
    const pane = document.querySelector('.react-flow__pane')!.getBoundingClientRect();
    for (let y = pane.top + 20; y < pane.bottom - 20; y += 30) {
      for (let x = pane.left + 60; x < pane.right - 220; x += 30) {
        if (document.elementFromPoint(x, y)?.classList.contains('react-flow__pane')) return { x, y };
      }
    }
    return null;
  });
  if (!point) throw new Error('no empty spot on the canvas');
  await page.mouse.click(point.x, point.y);
  await expect(page.locator('.react-flow__node.selected')).toHaveCount(0);
}

/** Links two cards from the inspector's "Link to" list and gives the link a rationale. */
async function link(actor: Actor, from: string, to: string, rationale: string): Promise<void> {
  // Both cards, and the middle of the new link, on screen (cards out of view are not drawn).
  await actor.page.getByRole('button', { name: 'Fit view', exact: true }).click();
  await expect(actor.card(from)).toBeVisible();
  await actor.page.waitForTimeout(400);
  await actor.selectCard(from);
  const linkTo = actor.page.locator('.inspector-panel').getByRole('combobox', { name: 'Link to' });
  await linkTo.selectOption({ value: to });
  await linkTo.press('Enter');
  const count = await actor.links.count();
  await actor.labelLink(count - 1, rationale);
}

test('twenty cards added from the palette land on no card and no link label', async ({ actor }) => {
  // Twenty-four cards typed in and three links labelled: longer than one scenario usually takes.
  test.setTimeout(480_000);
  const alice = await actor('Alice');
  const mapId = await alice.createMap('Placement map');
  await alice.openMap(mapId);
  const { page } = alice;

  // A small chain with rationales on its links.
  const impact = await alice.addCard('Impact', 'Young people find decent work');
  await deselect(alice);
  const outcome = await alice.addCard('Outcome', 'Employers trust graduates');
  const output = await alice.addCard('Output', 'Job fairs held');
  const activity = await alice.addCard('Activity', 'Run job fairs');
  await link(alice, outcome, impact, 'trusted graduates get hired');
  await link(alice, output, outcome, 'employers meet candidates in person');
  await link(alice, activity, output, 'fairs need organising');
  await expect(page.locator('.link__label')).toHaveCount(3);

  // Twenty more: a mix of kinds, some with a card selected, some with none.
  const kinds = [
    'Outcome',
    'Output',
    'Note',
    'Risk',
    'Activity',
    'Outcome',
    'Actor',
    'Precondition',
    'Lesson',
    'Impact',
  ];
  const anchors = [impact, outcome, output, activity];
  for (let i = 0; i < 20; i++) {
    if (i % 3 === 0) await deselect(alice);
    else if (i % 3 === 1) {
      // The view may have moved on (cards out of view are not drawn): the whole map first.
      const anchor = anchors[i % anchors.length]!;
      if ((await alice.card(anchor).count()) === 0) {
        await page.getByRole('button', { name: 'Fit view', exact: true }).click();
        await expect(alice.card(anchor)).toBeVisible();
      }
      await alice.selectCard(anchor);
    }
    // else: the card added last is still selected.
    await alice.addCard(kinds[i % kinds.length]!, `Card ${i + 1}`);
    expect(collisions(await drawnBoxes(page)), `after card ${i + 1}`).toEqual([]);
  }

  // The whole map in view: every card drawn, none on another, no label on a card.
  await page.getByRole('button', { name: 'Fit view', exact: true }).click();
  await expect(page.locator('.react-flow__node')).toHaveCount(24);
  await page.waitForTimeout(400);
  expect(collisions(await drawnBoxes(page))).toEqual([]);
});

test('an output added with an outcome selected lands below it, in the output row under the lanes', async ({
  actor,
}) => {
  const alice = await actor('Alice');
  const mapId = await alice.createMap('Chain map');
  await alice.openMap(mapId);
  const { page } = alice;
  await expect(page.getByRole('button', { name: 'Lanes', exact: true })).toHaveAttribute('aria-pressed', 'true');

  const outcome = await alice.addCard('Outcome', 'Parents value girls’ schooling');
  // Added in a lane, it has that lane's level.
  const level = page.getByRole('complementary', { name: 'Outcome inspector' }).getByRole('combobox', {
    name: 'Level',
    exact: true,
  });
  await expect(level).not.toHaveValue('');
  await alice.selectCard(outcome);
  const output = await alice.addCard('Output', 'Dialogues held');

  const cards = await alice.cardsInDocument();
  const lanesBottom = await page.evaluate(
    () => (window.__loopmap!.doc.getMap('meta').get('lanes') as { bounds: number[] }).bounds[3]!,
  );
  const above = await alice.card(outcome).boundingBox();
  const below = await alice.card(output).boundingBox();
  // Under it: below its bottom edge, centred on it, and below the lanes (outputs are not in a lane).
  expect(below!.y).toBeGreaterThan(above!.y + above!.height);
  expect(Math.abs(below!.x + below!.width / 2 - (above!.x + above!.width / 2))).toBeLessThan(2);
  expect(cards[output]!.y).toBeGreaterThanOrEqual(lanesBottom);
});

test('two people adding a card at the same moment do not end with one on the other', async ({ actor }) => {
  const alice = await actor('Alice');
  const bob = await actor('Bob');
  const mapId = await alice.createMap('Concurrent map');
  await alice.addMember(mapId, bob, 'editor');
  await alice.openMap(mapId);
  await bob.openMap(mapId);
  await alice.expectSaved();

  // Bob is cut off while both add a note from the same view: neither sees the other's card, so
  // both compute the same free spot.
  await bob.page.evaluate(() => window.__loopmap!.provider.disconnect());
  const mine = await alice.addCard('Note', 'Alice’s note');
  const theirs = await bob.addCard('Note', 'Bob’s note');
  const before = { alice: (await alice.cardsInDocument())[mine]!, bob: (await bob.cardsInDocument())[theirs]! };
  expect({ x: before.alice.x, y: before.alice.y }).toEqual({ x: before.bob.x, y: before.bob.y });
  await bob.page.evaluate(() => window.__loopmap!.provider.connect());

  // Once they meet, exactly one of the two cards moves off the other, for both of them.
  await expect(alice.card(theirs)).toBeVisible();
  await expect(bob.card(mine)).toBeVisible();
  for (const person of [alice, bob]) {
    await expect
      .poll(async () => {
        const cards = await person.cardsInDocument();
        const a = { id: mine, ...cards[mine]!, width: 220, height: 84 };
        const b = { id: theirs, ...cards[theirs]!, width: 220, height: 84 };
        return overlap(a, b);
      })
      .toBe(false);
  }
  await alice.expectSaved();
  await bob.expectSaved();
  const after = await alice.cardsInDocument();
  expect(after).toEqual(await bob.cardsInDocument());
  const moved = [mine, theirs].filter((id) => after[id]!.x !== before.alice.x || after[id]!.y !== before.alice.y);
  expect(moved).toHaveLength(1);
});
