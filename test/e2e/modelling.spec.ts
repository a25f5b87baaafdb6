import { expect, requirePrerequisites, test } from './support/fixtures.ts';
import type { Actor } from './support/Actor.ts';

requirePrerequisites();

interface ExportedNode {
  id: string;
  kind: string;
  label: string;
  x: number;
  y: number;
  attachedTo?: string;
  targetValue?: string;
}
interface ExportedLink {
  id: string;
  source: string;
  target: string;
  rationale: string;
  relation?: string;
}
interface ExportedMap {
  schemaVersion: number;
  nodes: ExportedNode[];
  edges: ExportedLink[];
}

async function exported(owner: Actor, mapId: string): Promise<ExportedMap> {
  const response = await owner.api('GET', `/api/maps/${mapId}/export?format=json`);
  expect(response.status()).toBe(200);
  return (await response.json()) as ExportedMap;
}

const byLabel = (map: ExportedMap, label: string): ExportedNode => {
  const node = map.nodes.find((candidate) => candidate.label === label);
  if (!node) throw new Error(`no card “${label}” in the export`);
  return node;
};

test('a group builds a theory of change from a template: pathway with rationale, indicator and assumption, logic check, auto layout, outline by keyboard', async ({
  actor,
}) => {
  const amina = await actor('Amina');
  const bruno = await actor('Bruno');
  const { page } = amina;

  // Amina starts a map from the logic model template, from the map list.
  await page.goto('/');
  await page.getByLabel('Map title').fill('Youth employment ToC');
  await page.getByRole('radio', { name: /^Logic model/ }).check();
  await page.getByRole('button', { name: 'Create map' }).click();
  await expect(page).toHaveURL(/\/maps\//);
  const mapId = new URL(page.url()).pathname.split('/').pop()!;
  await amina.expectSaved();
  await expect(amina.cardByLabel('The long-term change we contribute to')).toBeVisible();
  // The map opens on its impact at a readable zoom; both fit the whole of it in view.
  await page.getByRole('button', { name: 'Fit the whole map' }).click();
  await expect(page.locator('.react-flow__node')).toHaveCount(9);
  await amina.addMember(mapId, bruno, 'editor');
  // Bruno has a tall screen: fitted whole, the map is close enough for every card's detail (the
  // rationale on links, the badges on cards), which a smaller window sheds (semantic zoom).
  await bruno.page.setViewportSize({ width: 1360, height: 1700 });
  await bruno.openMap(mapId);
  await bruno.page.getByRole('button', { name: 'Fit the whole map' }).click();
  await expect(bruno.page.locator('.canvas')).toHaveAttribute('data-zoom-band', 'near');

  // A new outcome, linked to the impact from the inspector, the keyboard way to draw a link.
  const outcome = await amina.addCard('Outcome', 'Peers trust each other');
  const outcomeInspector = page.getByRole('complementary', { name: 'Outcome inspector' });
  await outcomeInspector
    .getByRole('combobox', { name: 'Link to' })
    .selectOption({ label: 'Impact: The long-term change we contribute to' });
  await outcomeInspector.getByRole('button', { name: 'Link', exact: true }).click();
  await expect(bruno.links).toHaveCount(9);

  // The link's relation and rationale, from its own inspector.
  await outcomeInspector.getByRole('button', { name: /^This card .* The long-term change we contribute to$/ }).click();
  const linkInspector = page.getByRole('complementary', { name: 'Link inspector' });
  await linkInspector.getByRole('combobox', { name: 'Relation' }).selectOption({ label: 'contributes to' });
  await linkInspector.getByRole('textbox', { name: 'Rationale' }).fill('Peers adopt what trusted peers have tried');
  await expect(bruno.page.locator('.link__label').filter({ hasText: 'Peers adopt what trusted peers' })).toBeVisible();
  await expect(bruno.page.locator('.link__label').filter({ hasText: 'Peers adopt what trusted peers' })).toContainText(
    'contributes to',
  );

  // An assumption attached to that link: it opens in the inspector, title first.
  await linkInspector.getByRole('button', { name: /Add assumption/ }).click();
  const assumptionTitle = page.getByRole('complementary', { name: 'Assumption inspector' }).getByRole('textbox', {
    name: 'Title',
  });
  await expect(assumptionTitle).toBeFocused();
  await assumptionTitle.pressSequentially('Peers have time between calls');

  // An indicator attached to the outcome, with its target.
  await amina.selectCard(outcome);
  await outcomeInspector.getByRole('button', { name: /Add indicator/ }).click();
  const indicatorInspector = page.getByRole('complementary', { name: 'Indicator inspector' });
  await expect(indicatorInspector.getByRole('textbox', { name: 'Title' })).toBeFocused();
  await indicatorInspector.getByRole('textbox', { name: 'Title' }).pressSequentially('Peers who say they trust peers');
  await indicatorInspector.getByRole('textbox', { name: 'Target', exact: true }).fill('75');
  await amina.expectSaved();

  // Attached cards do not clutter the canvas: Bruno sees them as badges on their hosts.
  await expect(bruno.cardByLabel('Peers have time between calls')).toHaveCount(0);
  await expect(bruno.card(outcome)).toContainText('1 indicator');
  await expect(bruno.page.locator('.link__label').filter({ hasText: 'Peers adopt what trusted peers' })).toContainText(
    '1 assumption',
  );
  const map = await exported(amina, mapId);
  expect(map.schemaVersion).toBe(2);
  const impact = byLabel(map, 'The long-term change we contribute to');
  const link = map.edges.find((edge) => edge.source === outcome && edge.target === impact.id)!;
  expect(link).toMatchObject({ relation: 'contributes-to', rationale: 'Peers adopt what trusted peers have tried' });
  expect(byLabel(map, 'Peers have time between calls')).toMatchObject({ kind: 'assumption', attachedTo: link.id });
  expect(byLabel(map, 'Peers who say they trust peers')).toMatchObject({
    kind: 'indicator',
    attachedTo: outcome,
    targetValue: '75',
  });

  // The logic check names the assumption nobody reviewed yet; choosing it selects its link.
  await page.getByRole('button', { name: /^Checks/ }).click();
  const checks = page.getByRole('complementary', { name: 'Logic check' });
  await expect(checks.getByRole('status')).toContainText('warning');
  const neverReviewed = checks.getByRole('region', { name: /Assumptions never reviewed/ });
  await neverReviewed.getByRole('button', { name: /Peers have time between calls/ }).click();
  await expect(page.locator('.react-flow__edge.selected')).toHaveCount(1);
  await expect(page.getByRole('complementary', { name: 'Link inspector' })).toContainText('Peers trust each other');
  // The new outcome has an indicator, so it is not among the outcomes without one.
  await expect(checks.getByRole('region', { name: /Outcomes without an indicator/ })).not.toContainText(
    'Peers trust each other',
  );

  // Tidy up: the whole map laid out as one change (activities below, the impact on top), and one
  // undo puts every card back.
  await page.getByRole('button', { name: 'Close logic check' }).click();
  await page.locator('.react-flow__pane').click({ position: { x: 10, y: 10 } });
  const before = await amina.cardsInDocument();
  await page.getByRole('button', { name: 'Tidy up' }).click();
  await expect(page.getByText(/Laid out \d+ cards/)).toBeVisible();
  await expect.poll(async () => JSON.stringify(await bruno.cardsInDocument())).not.toBe(JSON.stringify(before));
  const after = await bruno.cardsInDocument();
  const activities = Object.values(after).filter((card) => card.kind === 'activity');
  const impactAfter = after[impact.id]!;
  expect(activities.length).toBe(2);
  for (const activity of activities) expect(activity.y).toBeGreaterThan(impactAfter.y);
  expect(after[outcome]!.y).toBeLessThan(activities[0]!.y);
  await page.getByRole('button', { name: 'Undo', exact: true }).click();
  await expect.poll(async () => JSON.stringify(await bruno.cardsInDocument())).toBe(JSON.stringify(before));

  // The outline, by keyboard only: move between rows, open a row's details, retitle a card,
  // delete another; Bruno sees each change.
  await page.getByRole('button', { name: 'Outline', exact: true }).click();
  const outline = page.getByRole('complementary', { name: 'Outline' });
  const first = outline.getByRole('button', { name: /^Impact: The long-term change/ });
  await first.focus();
  await page.keyboard.press('ArrowDown');
  await expect(outline.getByRole('button', { name: /^Outcome: / }).first()).toBeFocused();
  await page.keyboard.press('End');
  await page.keyboard.press('Home');
  await expect(first).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await expect(outline.getByRole('button', { name: /^Details of The long-term change/ })).toHaveAttribute(
    'aria-expanded',
    'true',
  );
  await page.keyboard.press('Tab'); // to the impact's title
  await expect(outline.getByRole('textbox', { name: 'Impact title' })).toBeFocused();
  await page.keyboard.press('End');
  await page.keyboard.type(' in member cities');
  await expect(bruno.cardByLabel('The long-term change we contribute to in member cities')).toBeVisible();
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('ArrowLeft');
  await expect(outline.getByRole('button', { name: /^Details of The long-term change/ })).toHaveAttribute(
    'aria-expanded',
    'false',
  );
  const shortOutcome = outline.getByRole('button', { name: /^Outcome: Short-term outcome/ }).first();
  await shortOutcome.focus();
  await expect(bruno.cardByLabel('Short-term outcome')).toHaveCount(2);
  await page.keyboard.press('Delete');
  await expect(bruno.cardByLabel('Short-term outcome')).toHaveCount(1);
  // Focus is not lost after a delete: it moves to the next row.
  await expect(outline.locator('.outline__select:focus')).toHaveCount(1);
});

test('a partnership map shows partners’ health, and pathway highlighting lights a card’s pathway', async ({
  actor,
}) => {
  const amina = await actor('Amina');
  const { page } = amina;
  const response = await amina.api('POST', '/api/maps', { title: 'Peer network', template: 'partnership' });
  expect(response.status()).toBe(201);
  const { map } = (await response.json()) as { map: { id: string } };
  await amina.openMap(map.id);

  // Member organisation B was rated by the secretariat: its card shows six health marks.
  const memberB = amina.cardByLabel('Member organisation B');
  await expect(memberB.getByRole('list', { name: 'Partnership health' }).getByRole('listitem')).toHaveCount(6);
  await expect(memberB).toContainText('Trust: Amber');
  await page.getByRole('button', { name: 'Health', exact: true }).click();
  await expect(memberB.getByRole('list', { name: 'Partnership health' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Health', exact: true }).click();

  // Rating a partner from the inspector adds a dated entry to its history; the card follows.
  await memberB.click();
  const inspector = page.getByRole('complementary', { name: 'Actor inspector' });
  await expect(inspector.getByRole('textbox', { name: 'Title' })).toHaveValue('Member organisation B');
  await inspector.getByRole('button', { name: /Add a rating/ }).click();
  const form = inspector.getByRole('form', { name: 'Add a rating' });
  await form.getByRole('combobox', { name: 'Dimension' }).selectOption({ label: 'Trust' });
  await form.getByRole('radio', { name: /Green/ }).check();
  await form.getByRole('textbox', { name: 'Note' }).fill('Joint pilot went well');
  await form.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(memberB).toContainText('Trust: Green');
  await expect(inspector.getByRole('list', { name: 'Ratings, newest first' })).toContainText('Trust: Green');

  // Pathway highlighting: the foundation funds the secretariat, which convenes A and B.
  await page.getByRole('button', { name: 'Pathway', exact: true }).click();
  await amina.cardByLabel('Network secretariat').click();
  await expect(amina.cardByLabel('Regional catalyst')).toHaveClass(/is-dimmed/);
  await expect(amina.cardByLabel('Foundation')).not.toHaveClass(/is-dimmed/);
  await expect(amina.cardByLabel('Member organisation A')).not.toHaveClass(/is-dimmed/);
  await page.getByRole('button', { name: 'Pathway', exact: true }).click();
  await expect(amina.cardByLabel('Regional catalyst')).not.toHaveClass(/is-dimmed/);

  // Search dims what does not match.
  await page.getByRole('searchbox', { name: /Search/ }).fill('member organisation');
  await expect(amina.cardByLabel('Foundation')).toHaveClass(/is-dimmed/);
  await expect(amina.cardByLabel('Member organisation C')).not.toHaveClass(/is-dimmed/);
});
