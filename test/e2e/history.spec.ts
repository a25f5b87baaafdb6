import { HISTORY_API } from '@loopmap/shared';
import { expect, requirePrerequisites, test } from './support/fixtures.ts';
import type { Actor } from './support/Actor.ts';

requirePrerequisites();
// A long scenario: a stuck step fails on its own within 20 s instead of at the scenario's end.
test.use({ actionTimeout: 20_000 });

interface CatchUp {
  since: string | null;
  changes: number;
  authors: { name: string }[];
}

async function catchUp(person: Actor, mapId: string): Promise<CatchUp> {
  const response = await person.api('GET', HISTORY_API.catchUp(mapId));
  expect(response.status()).toBe(200);
  return (await response.json()) as CatchUp;
}

/** The side panel a toolbar toggle opens ("History", "Reviews"). */
async function openPanel(person: Actor, name: 'History' | 'Reviews') {
  await person.page.getByRole('toolbar', { name: 'Map tools' }).getByRole('button', { name, exact: true }).click();
  const panel = person.page.getByRole('complementary', { name, exact: true });
  await expect(panel).toBeVisible();
  return panel;
}

/** A card as a version canvas (compare, replay) draws it; the live canvas stays mounted, hidden. */
const versionCard = (person: Actor, id: string) =>
  person.page.locator('.version-stage .react-flow__node').and(person.page.locator(`[data-id="${id}"]`));

/**
 * Issue 8, "A map's memory", as its users meet it. Ana (owner) and Ben (editor) work on a map
 * together; Ana snapshots it, they edit on, Ana compares the snapshot with now (marks on the
 * canvas, the list of changes), replays back to the snapshot, restores it for everyone and undoes
 * that, then runs a course-correction review. Chen (a viewer) catches up on all of it when he
 * comes back. Every step waits on what the person would see.
 */
test('a map’s memory: two people edit, snapshot, compare, replay, restore and undo it, run a review; a third catches up', async ({
  actor,
}) => {
  test.setTimeout(180_000);
  const ana = await actor('Ana');
  const ben = await actor('Ben');
  const chen = await actor('Chen');
  const mapId = await ana.createMap('Peer learning network');
  await ana.addMember(mapId, ben, 'editor');
  await ana.addMember(mapId, chen, 'viewer');

  // Chen, who follows the map as a viewer, had it open once before any of the work below, and
  // left: the server notes where he left it when his socket closes.
  await chen.openMapReadOnly(mapId);
  const firstVisit = await catchUp(chen, mapId);
  await chen.closeTab();
  await expect.poll(async () => (await catchUp(chen, mapId)).since).not.toBe(firstVisit.since);

  // Ana and Ben edit together, each seeing the other's cards arrive.
  await ana.openMap(mapId);
  await ben.openMap(mapId);
  const trust = await ana.addCard('Outcome', 'Peers trust each other');
  await expect(ben.card(trust)).toContainText('Peers trust each other');
  const calls = await ben.addCard('Activity', 'Monthly peer calls');
  await expect(ana.card(calls)).toContainText('Monthly peer calls');
  const time = await ben.addCard('Assumption', 'Peers have time between calls');
  await expect(ana.card(time)).toContainText('Peers have time between calls');
  await ana.expectSaved();
  await ben.expectSaved();

  // Ana takes a snapshot from the History panel.
  const history = await openPanel(ana, 'History');
  await history.getByRole('button', { name: 'Take snapshot', exact: true }).click();
  await history.getByRole('textbox', { name: 'Name' }).fill('Before the March call');
  await history.getByRole('textbox', { name: 'Note' }).fill('Agreed at the kick-off');
  await history.getByRole('button', { name: 'Take snapshot', exact: true }).click();
  const snapshots = history.getByRole('region', { name: /^Snapshots/ });
  await expect(snapshots.getByRole('listitem').filter({ hasText: 'Before the March call' })).toContainText(
    'Agreed at the kick-off',
  );

  // They edit more: Ben adds an output, Ana retitles the outcome.
  const notes = await ben.addCard('Output', 'Call notes shared');
  // Ben's output goes beside his selected card, maybe outside Ana's view.
  await ana.fitWholeMap();
  await expect(ana.card(notes)).toContainText('Call notes shared');
  await ana.renameCard(trust, 'Peers trust each other and share failures');
  await ben.fitWholeMap();
  await expect(ben.card(trust)).toContainText('Peers trust each other and share failures');
  await ana.expectSaved();
  await ben.expectSaved();

  // Compare the snapshot with now: the marks are on the canvas…
  await history.getByRole('button', { name: 'Compare with now: Before the March call' }).click();
  const bar = ana.page.getByRole('region', { name: 'Version shown' });
  await expect(bar).toContainText('Compare: Before the March call → now — read-only');
  await expect(bar).toContainText('1 added, 1 changed');
  await expect(versionCard(ana, notes)).toHaveAttribute('aria-label', /^Added: Output: Call notes shared/);
  await expect(versionCard(ana, notes)).toHaveClass(/mark--added/);
  await expect(versionCard(ana, trust)).toHaveAttribute(
    'aria-label',
    /^Changed: Outcome: Peers trust each other and share failures/,
  );
  await expect(versionCard(ana, trust)).toHaveClass(/mark--changed/);
  await expect(versionCard(ana, calls)).not.toHaveClass(/\bmark\b/);

  // …and in the list, grouped by kind, with before and after.
  const changes = ana.page.getByRole('complementary', { name: 'Changes between the two versions' });
  await expect(changes.getByRole('region', { name: 'Outputs' }).getByRole('button')).toHaveAccessibleName(
    'Added output: Call notes shared',
  );
  const outcomes = changes.getByRole('region', { name: 'Outcomes' });
  const retitled = outcomes.getByRole('button', { name: 'Changed outcome: Peers trust each other and share failures' });
  await expect(outcomes.getByRole('deletion')).toHaveText('before: Peers trust each other');
  await expect(outcomes.getByRole('insertion')).toHaveText('after: Peers trust each other and share failures');

  // Choosing an item selects its card on the canvas.
  await retitled.click();
  await expect(retitled).toHaveAttribute('aria-current', 'true');
  await expect(versionCard(ana, trust)).toHaveClass(/selected/);
  await bar.getByRole('button', { name: 'Back to the live map' }).click();
  await expect(bar).toHaveCount(0);

  // Replay to the snapshot: its marker on the timeline takes the canvas back to before the output.
  await ana.page.getByRole('button', { name: 'Replay', exact: true }).click();
  const timeline = ana.page.getByRole('group', { name: 'Replay' });
  const slider = timeline.getByRole('slider', { name: "Point in the map's history" });
  await expect(slider).toBeVisible();
  await expect(versionCard(ana, notes)).toBeVisible();
  const end = Number(await slider.getAttribute('max'));
  await timeline.getByRole('button', { name: /^Snapshot “Before the March call”/ }).click();
  await expect(versionCard(ana, notes)).toHaveCount(0);
  await expect(versionCard(ana, trust)).toContainText('Peers trust each other');
  await expect(versionCard(ana, trust)).not.toContainText('share failures');
  expect(Number(await slider.inputValue())).toBeLessThan(end);
  // The slider's end is now again.
  await slider.focus();
  await ana.page.keyboard.press('End');
  await expect(versionCard(ana, notes)).toBeVisible();
  await ana.page
    .getByRole('region', { name: 'Version shown' })
    .getByRole('button', { name: 'Back to the live map' })
    .click();
  await expect(timeline).toHaveCount(0);
  await expect(ana.card(notes)).toBeVisible();

  // Ana restores the snapshot in place: Ben's open map follows, without a reload.
  await ben.page.evaluate(() => ((window as { __sameTab?: boolean }).__sameTab = true));
  await snapshots
    .getByRole('listitem')
    .filter({ hasText: 'Before the March call' })
    .getByRole('button', { name: /^Restore Before the March call\s*…$/ })
    .click();
  const confirm = ana.page.getByRole('dialog', { name: 'Restore this version?' });
  await confirm.getByRole('button', { name: 'Restore for everyone' }).click();
  await expect(confirm).toBeHidden();
  await expect(ben.card(notes)).toHaveCount(0);
  await expect(ben.card(trust).locator('.card__label')).toHaveText('Peers trust each other');
  await expect(ana.card(notes)).toHaveCount(0);
  expect(await ben.page.evaluate(() => (window as { __sameTab?: boolean }).__sameTab)).toBe(true);

  // "Undo restore": both see the map as it was before the restore.
  const undone = history.getByRole('status').filter({ hasText: 'Restored “Before the March call”.' });
  await undone.getByRole('button', { name: 'Undo restore' }).click();
  await expect(ben.card(notes)).toContainText('Call notes shared');
  await expect(ben.card(trust).locator('.card__label')).toHaveText('Peers trust each other and share failures');
  await expect(ana.card(notes)).toContainText('Call notes shared');
  await expect(ana.card(trust).locator('.card__label')).toHaveText('Peers trust each other and share failures');
  await ana.expectSaved();
  await ben.expectSaved();

  // A card's own history, in Ben's inspector: who retitled the outcome.
  await ben.selectCard(trust);
  const outcomeInspector = ben.page.getByRole('complementary', { name: 'Outcome inspector' });
  await outcomeInspector.getByText('History', { exact: true }).click();
  await expect(
    outcomeInspector
      .getByRole('listitem')
      .filter({ hasText: /^Ana renamed/ })
      .first(),
  ).toBeVisible();

  // Ana, the owner, runs a course-correction review.
  const reviews = await openPanel(ana, 'Reviews');
  await reviews.getByRole('button', { name: 'Start review', exact: true }).click();
  await reviews.getByRole('textbox', { name: 'Title' }).fill('March course correction');
  const from = reviews.getByRole('combobox', { name: 'Compare the map now with' });
  const snapshotOption = from.getByRole('option', { name: /^Before the March call \(/ });
  await from.selectOption((await snapshotOption.getAttribute('value'))!);
  await reviews.getByRole('button', { name: 'Start review', exact: true }).click();
  const review = reviews.getByRole('article', { name: /March course correction/ });
  await expect(review).toContainText('open');

  // An assumption re-rated: its card shows the new state on Ben's canvas, and in his inspector.
  const assumptions = review.getByRole('region', { name: 'Assumptions' });
  const row = assumptions.getByRole('listitem').filter({ hasText: 'Peers have time between calls' });
  await row
    .getByRole('combobox', { name: 'Does “Peers have time between calls” still hold?' })
    .selectOption({ label: 'At risk' });
  await row
    .getByRole('textbox', { name: 'Note on “Peers have time between calls”' })
    .fill('Two cities cut staff hours');
  await row.getByRole('button', { name: 'Record', exact: true }).click();
  await expect(row).toContainText('Ana: Two cities cut staff hours');
  await expect(ben.card(time)).toHaveAttribute('aria-label', 'Assumption: Peers have time between calls, at risk');
  await expect(ben.card(time)).toContainText('At risk');
  await ben.selectCard(time);
  await expect(ben.page.getByRole('complementary', { name: 'Assumption inspector' })).toContainText(
    'Two cities cut staff hours',
  );

  // A decision, owned by Ben.
  const decisions = review.getByRole('region', { name: 'Decisions' });
  await decisions.getByText('Add a decision').click();
  await decisions.getByRole('textbox', { name: 'Decision' }).fill('Hold the calls every fortnight');
  await decisions.getByRole('combobox', { name: /^Owner/ }).fill('Ben');
  await decisions.getByRole('button', { name: 'Add decision' }).click();
  await expect(decisions.getByRole('listitem').filter({ hasText: 'Hold the calls every fortnight' })).toContainText(
    'Ben',
  );

  // A double-loop lesson, about the assumption: a lesson card appears on both canvases.
  const lessonText = 'Ask what peers can give before planning what they get';
  const doubleLoop = review.getByRole('region', { name: /^Double loop/ });
  await doubleLoop.getByRole('textbox', { name: 'New double loop lesson' }).fill(lessonText);
  await doubleLoop
    .getByRole('combobox', { name: 'Card the double loop lesson is about' })
    .selectOption({ label: 'About “Peers have time between calls”' });
  await doubleLoop.getByRole('button', { name: 'Add lesson' }).click();
  await expect(doubleLoop.getByRole('listitem').filter({ hasText: lessonText })).toBeVisible();
  for (const person of [ana, ben]) {
    await expect(person.cardByLabel(lessonText)).toHaveAttribute('aria-label', /^Lesson: .*Double loop/);
  }

  // Ana closes the review: a read-only record from now on.
  await review.getByRole('button', { name: 'Close review…' }).click();
  const closeDialog = ana.page.getByRole('dialog', { name: 'Close this review?' });
  await closeDialog.getByRole('button', { name: 'Close review', exact: true }).click();
  await expect(closeDialog).toBeHidden();
  await expect(review).toContainText('This review is closed');
  await expect(review.getByRole('button', { name: 'Add lesson' })).toHaveCount(0);
  await ana.expectSaved();
  await ben.expectSaved();

  // Chen comes back: the banner counts what Ana and Ben changed since he left, and Show compares.
  const since = await catchUp(chen, mapId);
  expect(since.changes).toBeGreaterThan(0);
  expect(since.authors.map((person) => person.name).sort()).toEqual(['Ana', 'Ben']);
  await chen.openNewTab();
  await chen.openMapReadOnly(mapId);
  const banner = chen.page.getByRole('status').filter({ hasText: /changes by/ });
  await expect(banner).toContainText(`${since.changes} changes by Ana and Ben since `);
  await banner.getByRole('button', { name: 'Show', exact: true }).click();
  await expect(chen.page.getByRole('region', { name: 'Version shown' })).toContainText(
    'Compare: Since your last visit — read-only',
  );
  const chenChanges = chen.page.getByRole('complementary', { name: 'Changes between the two versions' });
  await expect(chenChanges.getByRole('button', { name: 'Added output: Call notes shared' })).toBeVisible();
  await expect(chenChanges.getByRole('button', { name: `Added lesson: ${lessonText}` })).toBeVisible();
  await expect(versionCard(chen, notes)).toHaveClass(/mark--added/);
  await expect(banner).toHaveCount(0);
});
