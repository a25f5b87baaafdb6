import { expect, requirePrerequisites, test } from './support/fixtures.ts';
import type { Page } from '@playwright/test';

requirePrerequisites();

/** The accessible name of whatever has focus, up to its facts (a card's is "Kind: title. Facts"). */
const focusedName = (page: Page): Promise<string | null> =>
  page.evaluate(() => document.activeElement?.getAttribute('aria-label')?.split('. ')[0] ?? null);

test('a map built, moved, linked and read with the keyboard alone', async ({ actor }) => {
  const alice = await actor('Alice');
  const mapId = await alice.createMap('Keyboard only');
  await alice.openMap(mapId);
  const { page } = alice;

  // Add three cards from the palette, typing their titles; Enter closes the editor onto the card.
  const add = async (kind: string, title: string): Promise<void> => {
    await page.getByRole('button', { name: `Add ${kind}`, exact: true }).focus();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('textbox', { name: 'Card title', exact: true })).toBeFocused();
    await page.keyboard.type(title);
    await page.keyboard.press('Enter');
    await expect(page.getByRole('group', { name: `${kind}: ${title}` })).toBeFocused();
  };
  await add('Outcome', 'Farmers store grain');
  await add('Output', 'Silos built');
  await add('Activity', 'Train builders');

  const activity = page.getByRole('group', { name: 'Activity: Train builders' });
  const output = page.getByRole('group', { name: 'Output: Silos built' });
  const outcome = page.getByRole('group', { name: 'Outcome: Farmers store grain' });

  // Link by keyboard: L on the activity, go to the output, Enter. Then output to outcome.
  await activity.focus();
  await page.keyboard.press('l');
  await expect(page.getByRole('status', { name: 'Keyboard' })).toContainText('Linking from Activity: Train builders');
  await output.focus();
  await page.keyboard.press('Enter');
  await expect(alice.links).toHaveCount(1);
  await page.keyboard.press('l');
  await outcome.focus();
  await page.keyboard.press('Enter');
  await expect(alice.links).toHaveCount(2);
  // A second link out of the activity, straight to the outcome: now it has two ways on.
  await activity.focus();
  await page.keyboard.press('l');
  await outcome.focus();
  await page.keyboard.press('Enter');
  await expect(alice.links).toHaveCount(3);
  const ids = Object.fromEntries(
    Object.entries(await alice.cardsInDocument()).map(([id, card]) => [card.label, id] as const),
  );
  expect(await alice.linksInDocument()).toEqual(
    expect.arrayContaining([
      { source: ids['Train builders'], target: ids['Silos built'], label: '' },
      { source: ids['Silos built'], target: ids['Farmers store grain'], label: '' },
      { source: ids['Train builders'], target: ids['Farmers store grain'], label: '' },
    ]),
  );

  // Read the map along its links: right follows a link, down chooses among several, left goes back.
  await activity.focus();
  await page.keyboard.press('ArrowRight');
  const first = await focusedName(page);
  expect(['Output: Silos built', 'Outcome: Farmers store grain']).toContain(first);
  await expect(page.getByRole('status', { name: 'Keyboard' })).toHaveText(
    'Link 1 of 2: up and down arrows choose another.',
  );
  await page.keyboard.press('ArrowDown');
  const second = await focusedName(page);
  expect(second).not.toBe(first);
  expect(['Output: Silos built', 'Outcome: Farmers store grain']).toContain(second);
  await output.focus();
  await page.keyboard.press('ArrowRight');
  await expect(outcome).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('status', { name: 'Keyboard' })).toHaveText('No link leads on from this card.');
  await page.keyboard.press('ArrowLeft');
  expect(['Output: Silos built', 'Activity: Train builders']).toContain(await focusedName(page));

  // Move the output with Alt+arrows: one grid step (24) per press, each its own undo step.
  const before = (await alice.cardsInDocument())[ids['Silos built']!]!;
  await output.focus();
  await page.keyboard.press('Alt+ArrowDown');
  await page.keyboard.press('Alt+ArrowDown');
  await page.keyboard.press('Alt+ArrowRight');
  await expect
    .poll(async () => (await alice.cardsInDocument())[ids['Silos built']!])
    .toMatchObject({ x: before.x + 24, y: before.y + 48 });
  await page.keyboard.press('Control+z');
  await expect
    .poll(async () => (await alice.cardsInDocument())[ids['Silos built']!])
    .toMatchObject({ x: before.x, y: before.y + 48 });

  // The shortcut list opens with ?, and focus goes back to the card when it closes.
  await output.focus();
  await page.keyboard.press('?');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help).toBeVisible();
  await expect(help.getByRole('row', { name: /Follow a link forward/ })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(help).toBeHidden();
  await expect(output).toBeFocused();

  // Delete the focused card (not selected): its links go with it, focus lands on a neighbour.
  await page.keyboard.press('Delete');
  await expect(output).toHaveCount(0);
  await expect(alice.links).toHaveCount(1);
  expect(['Activity: Train builders', 'Outcome: Farmers store grain']).toContain(await focusedName(page));
});

test("another person's changes and arrivals reach a polite live region, batched", async ({ actor }) => {
  const alice = await actor('Alice');
  const bob = await actor('Bob');
  const mapId = await alice.createMap('Announcements');
  await alice.addMember(mapId, bob, 'editor');
  await alice.openMap(mapId);
  const region = alice.page.getByRole('status', { name: 'Changes by others' });
  await expect(region).toHaveAttribute('aria-live', 'polite');

  await bob.openMap(mapId);
  await expect(region).toHaveText('Bob joined');

  // One card: named with its title once typed (the title joins the addition in the same batch).
  await bob.addCard('Outcome', 'Clinics stay open');
  await expect(region).toContainText('Bob added');
  await expect(region).toContainText('Clinics stay open');

  // A burst: summarised in one sentence, not one announcement per change.
  const seen: string[] = [];
  const at: number[] = [];
  await alice.page.exposeFunction('noteAnnouncement', (text: string) => {
    seen.push(text);
    at.push(Date.now());
  });
  await alice.page.evaluate(() => {
    const node = document.querySelector('[data-testid="announcements"]')!;
    new MutationObserver(() => {
      const text = node.textContent ?? '';
      if (text) (window as unknown as { noteAnnouncement: (t: string) => void }).noteAnnouncement(text);
    }).observe(node, { childList: true, characterData: true, subtree: true });
  });
  for (const title of ['One', 'Two', 'Three', 'Four']) await bob.addCard('Activity', title);
  await expect.poll(() => seen.join(' | ')).toMatch(/Bob made \d+ changes/);
  // At most one announcement per two seconds (less a little for the clock's rounding).
  for (let i = 1; i < at.length; i++) expect(at[i]! - at[i - 1]!).toBeGreaterThanOrEqual(1900);

  // Alice's own edits are not announced to her: nothing new within a batch interval and more
  // (an absence can only be waited for).
  await alice.page.waitForTimeout(2500);
  const count = seen.length;
  await alice.addCard('Impact', 'Healthy families');
  await alice.page.waitForTimeout(2500);
  expect(seen.slice(count)).toEqual([]);
});

test('dialogs give focus back to what opened them', async ({ actor }) => {
  const alice = await actor('Alice');
  const mapId = await alice.createMap('Dialogs');
  await alice.openMap(mapId);
  const { page } = alice;
  const banner = page.getByRole('banner');
  for (const name of ['Share', 'Export']) {
    const opener = banner.getByRole('button', { name, exact: true });
    await opener.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog');
    await expect(dialog).toBeVisible();
    // Closed by Escape, then by its own Close button reached with Tab.
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await expect(opener).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(dialog).toBeVisible();
    await dialog.getByRole('button', { name: 'Close', exact: true }).first().focus();
    await page.keyboard.press('Enter');
    await expect(dialog).toBeHidden();
    await expect(opener).toBeFocused();
  }
});
