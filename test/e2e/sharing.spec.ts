import type { Locator, Page } from '@playwright/test';
import { PASSWORD, type YMapLike } from './support/Actor.ts';
import { expect, requirePrerequisites, test } from './support/fixtures.ts';

requirePrerequisites();

function mapIdFrom(page: Page): string {
  const match = /\/maps\/([^/?#]+)/.exec(page.url());
  if (!match) throw new Error(`not on a map page: ${page.url()}`);
  return decodeURIComponent(match[1]!);
}

async function openShare(page: Page): Promise<Locator> {
  await page.getByRole('button', { name: 'Share', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: /^Share “/ });
  await expect(dialog).toBeVisible();
  return dialog;
}

/** Creates an invite link in the share dialog and returns its URL (shown once). */
async function createInviteLink(dialog: Locator, role: string): Promise<string> {
  await dialog.getByLabel('Joins as').selectOption({ label: role });
  await dialog.getByRole('button', { name: 'Create link' }).click();
  const field = dialog.getByRole('region', { name: 'New invite link' }).getByTestId('invite-url');
  await expect(field).toHaveValue(/\/invite\//);
  return field.inputValue();
}

test('the owner invites an editor and a viewer; the editor’s changes reach everyone; the viewer can change nothing', async ({
  actor,
}) => {
  const alice = await actor('Alice', { signedOut: true });
  const bob = await actor('Bob', { signedOut: true });
  const carol = await actor('Carol', { signedOut: true });

  // Alice signs up in the UI and creates a map with one card.
  await alice.page.goto('/signup');
  await alice.signUpInUi();
  await alice.page.getByLabel('Map title').fill('Youth employment pathway');
  await alice.page.getByRole('button', { name: 'Create map' }).click();
  await alice.expectSaved();
  const mapId = mapIdFrom(alice.page);
  const activity = await alice.addCard('Activity', 'Peer exchange visits');

  // She opens Share and creates an editor link and a viewer link.
  let share = await openShare(alice.page);
  const editorLink = await createInviteLink(share, 'Editor');
  const viewerLink = await createInviteLink(share, 'Viewer');
  expect(editorLink).not.toBe(viewerLink);
  await expect(share.getByTestId('invite').and(share.locator('[data-status="active"]'))).toHaveCount(2);
  await alice.page.keyboard.press('Escape');
  await expect(share).toBeHidden();

  // Bob opens his link signed out: he is asked to create an account, then comes back to it.
  await bob.page.goto(editorLink);
  await expect(bob.page).toHaveURL(/\/signup\?next=%2Finvite%2F/);
  await expect(bob.page.getByText('You have been invited to a map')).toBeVisible();
  await bob.signUpInUi();
  await expect(bob.page.getByRole('heading', { name: 'Youth employment pathway' })).toBeVisible();
  await expect(bob.page.getByText('as Editor')).toBeVisible();
  await bob.page.getByRole('button', { name: 'Join map' }).click();
  await expect(bob.page).toHaveURL(new RegExp(`/maps/${mapId}$`));
  await bob.expectSaved();

  // Carol already has an account but is signed out: from the sign-up page she signs in instead.
  await carol.signUp();
  expect((await carol.api('POST', '/api/auth/logout')).status()).toBe(204);
  await carol.page.goto(viewerLink);
  await expect(carol.page).toHaveURL(/\/signup\?next=/);
  await carol.page.getByRole('link', { name: 'Sign in' }).click();
  await carol.signInInUi();
  await expect(carol.page.getByText('as Viewer')).toBeVisible();
  await carol.page.getByRole('button', { name: 'Join map' }).click();
  // Read-only: no "Saving…" forever, but its own status; and it says why nothing can be changed.
  await carol.expectLive();
  await expect(carol.syncStatus).toHaveText('Live');
  const viewOnly = carol.page.getByTestId('view-only');
  await expect(viewOnly).toContainText('View only');
  await expect(viewOnly).toContainText('Viewers follow every change live but cannot edit.');

  // Alice's share dialog lists both, with their roles.
  share = await openShare(alice.page);
  await expect(share.getByRole('combobox', { name: 'Role of Bob' })).toHaveValue('editor');
  await expect(share.getByRole('combobox', { name: 'Role of Carol' })).toHaveValue('viewer');
  await alice.page.keyboard.press('Escape');

  // Bob adds and renames a card: Alice and Carol see it.
  await expect(bob.card(activity)).toContainText('Peer exchange visits');
  const outcome = await bob.addCard('Outcome', 'Employers trust graduates');
  await bob.renameCard(outcome, 'Employers trust our graduates');
  await expect(alice.card(outcome)).toContainText('Employers trust our graduates');
  await expect(carol.card(outcome)).toContainText('Employers trust our graduates');
  await bob.expectSaved();

  // Carol has no palette, no undo, no title editor.
  const { page } = carol;
  await expect(page.getByRole('toolbar', { name: 'Add a card' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Undo' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: /Map title/ })).toHaveCount(0);
  await expect(page.getByRole('heading', { name: /Youth employment pathway/ })).toBeVisible();

  // She cannot drag a card.
  const before = await carol.drawnPosition(outcome);
  const stored = (await alice.cardsInDocument())[outcome]!;
  await carol.dragCard(outcome, 220, 120);
  await expect(carol.card(outcome)).toBeVisible();
  expect(await carol.drawnPosition(outcome)).toEqual(before);

  // She cannot edit a label: not by double-click, not with Enter or F2 on the focused card.
  await carol.card(outcome).locator('.card__label').dblclick();
  await expect(page.getByLabel('Card title', { exact: true })).toHaveCount(0);
  await carol.card(outcome).focus();
  await page.keyboard.press('Enter');
  await page.keyboard.press('F2');
  await page.keyboard.type('typed by carol');
  await expect(page.getByLabel('Card title', { exact: true })).toHaveCount(0);
  // Nor move or delete it from the keyboard.
  await carol.selectCard(outcome);
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Delete');
  await page.keyboard.press('Backspace');
  await expect(carol.card(outcome)).toBeVisible();
  expect(await carol.drawnPosition(outcome)).toEqual(before);

  // The inspector and the outline show the card, with nothing to edit.
  const inspector = page.getByRole('complementary', { name: 'Outcome inspector' });
  await expect(inspector).toContainText('Employers trust our graduates');
  await expect(inspector.getByRole('textbox')).toHaveCount(0);
  await expect(inspector.getByRole('combobox')).toHaveCount(0);
  await expect(inspector.getByRole('radio')).toHaveCount(0);
  // What buttons remain only navigate (open a link, close the panel): nothing deletes or adds.
  await expect(inspector.getByRole('button', { name: /^(Delete|Add|Detach)/ })).toHaveCount(0);
  await page.getByRole('button', { name: 'Outline', exact: true }).click();
  const outline = page.getByRole('complementary', { name: 'Outline' });
  await expect(outline).toContainText('Employers trust our graduates');
  await expect(outline.getByRole('textbox')).toHaveCount(0);
  await expect(outline.getByRole('button', { name: /^Delete/ })).toHaveCount(0);

  // She cannot link two cards (the handles are not there to drag).
  await carol.connect(activity, outcome).catch(() => undefined);
  await expect(alice.links).toHaveCount(0);

  // A crafted attack from Carol's page, past the UI: edits written into her Y.Doc directly.
  await page.evaluate(
    ({ outcomeId, activityId }) => {
      const doc = window.__loopmap!.doc;
      doc.getMap('meta').set('title', 'Hijacked by Carol');
      (doc.getMap('nodes').get(outcomeId) as YMapLike).set('x', 5000);
      doc.getMap('nodes').delete(activityId);
    },
    { outcomeId: outcome, activityId: activity },
  );
  await expect(carol.card(activity)).toHaveCount(0); // her own page shows it…
  // …and her socket carries it, then a cursor move: once Alice sees the cursor, the server has
  // handled (and dropped) the update that came before it on the same connection.
  await carol.pointAt(420, 260);
  await expect(alice.remoteCursor('Carol')).toBeVisible();
  await expect(alice.card(activity)).toBeVisible();
  await alice.reload();
  await expect(alice.page.getByRole('button', { name: /Map title/ })).toHaveText(/Youth employment pathway/);
  await expect(alice.card(activity)).toContainText('Peer exchange visits');
  expect((await alice.cardsInDocument())[outcome]).toMatchObject({ x: stored.x, y: stored.y });
  await expect(bob.card(activity)).toBeVisible();
  // The server's own copy, straight from the API.
  const exported = (await (await alice.api('GET', `/api/maps/${mapId}/export`)).json()) as {
    meta: { title: string };
    nodes: { id: string; x: number }[];
  };
  expect(exported.meta.title).toBe('Youth employment pathway');
  expect(exported.nodes.map((n) => n.id).sort()).toEqual([activity, outcome].sort());
  expect(exported.nodes.find((n) => n.id === outcome)!.x).toBe(stored.x);
});

test('a session that ends mid-edit keeps the edits on the device and sends them after signing in again', async ({
  server,
  actor,
}) => {
  const alice = await actor('Alice');
  const bob = await actor('Bob');
  const mapId = await alice.createMap('Workshop map');
  await alice.addMember(mapId, bob, 'editor');
  await alice.openMap(mapId);
  await bob.openMap(mapId);
  const first = await bob.addCard('Outcome', 'Trust between partners');
  await expect(alice.card(first)).toBeVisible();

  // Another device holding Bob's session signs out: the session ends on the server, and his
  // open socket is closed (4401).
  const signOut = await fetch(`${server.url}/api/auth/logout`, {
    method: 'POST',
    headers: { cookie: await bob.sessionCookie(), origin: server.url },
  });
  expect(signOut.status).toBe(204);
  const dialog = bob.page.getByRole('dialog', { name: 'Your session has ended' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('Sign in again to keep editing — your changes are kept on this device.');
  await expect(bob.syncStatus).toHaveAttribute('data-status', 'signed-out');

  // Bob keeps working meanwhile: the edit stays on his device.
  const stored = await bob.updatesStoredOnDevice(mapId);
  const lesson = await bob.addCard('Lesson', 'Visit before you copy');
  // The outcome sits in its lane at the top, under the dialog: Bob pans it into sight.
  const pane = await bob.page.locator('.react-flow__pane').boundingBox();
  await bob.page.mouse.move(pane!.x + pane!.width / 2, pane!.y + pane!.height / 2 + 40);
  await bob.page.mouse.down();
  await bob.page.mouse.move(pane!.x + pane!.width / 2, pane!.y + pane!.height / 2 + 300, { steps: 8 });
  await bob.page.mouse.up();
  await bob.renameCard(first, 'Trust between partners grows');
  await expect.poll(() => bob.updatesStoredOnDevice(mapId)).toBeGreaterThan(stored);
  await expect(alice.card(lesson)).toHaveCount(0);

  // He signs in again in the dialog; the edits reach Alice.
  await dialog.getByLabel('Password', { exact: true }).fill('not my password');
  await dialog.getByRole('button', { name: 'Sign in again' }).click();
  await expect(dialog.getByRole('alert').filter({ hasText: 'Wrong email or password.' })).toBeVisible();
  await dialog.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await dialog.getByRole('button', { name: 'Sign in again' }).click();
  await expect(dialog).toHaveCount(0);
  await bob.expectSaved();
  await expect(alice.card(lesson)).toContainText('Visit before you copy');
  await expect(alice.card(first)).toContainText('Trust between partners grows');
});

test('role changes and removals reach an open map at once', async ({ actor }) => {
  const alice = await actor('Alice');
  const bob = await actor('Bob');
  const carol = await actor('Carol');
  const mapId = await alice.createMap('Network map');
  await alice.addMember(mapId, bob, 'editor');
  await alice.addMember(mapId, carol, 'viewer');
  await alice.openMap(mapId);
  await bob.openMap(mapId);
  await carol.openMapReadOnly(mapId);
  await expect(carol.page.getByRole('toolbar', { name: 'Add a card' })).toHaveCount(0);

  // Alice makes Carol an editor: her page reconnects (4501), fetches the role, and can edit.
  const share = await openShare(alice.page);
  await share.getByRole('combobox', { name: 'Role of Carol' }).selectOption('editor');
  await expect(carol.page.getByRole('toolbar', { name: 'Add a card' })).toBeVisible();
  await expect(carol.page.getByTestId('view-only')).toHaveCount(0);
  await carol.expectSaved();
  const card = await carol.addCard('Risk', 'Funding ends early');
  await expect(alice.card(card)).toContainText('Funding ends early');

  // Alice removes Bob: his page says so at once.
  await share.getByRole('button', { name: 'Remove Bob' }).click();
  await share.getByRole('group', { name: 'Confirm: remove' }).getByRole('button', { name: 'Remove' }).click();
  await expect(share.getByTestId('member')).toHaveCount(2);
  await expect(bob.page.getByRole('heading', { name: 'You no longer have access to this map' })).toBeVisible();
  await bob.page.getByRole('link', { name: 'Go to your maps' }).click();
  await expect(bob.page.getByText('No maps yet.')).toBeVisible();

  // An owner cannot remove the last owner (herself): the server's message is shown.
  await share.getByRole('button', { name: 'Leave this map' }).click();
  await share.getByRole('group', { name: 'Confirm: leave' }).getByRole('button', { name: 'Leave' }).click();
  await expect(share.getByRole('alert')).toHaveText(/a map always keeps an owner/i);

  // Adding someone without an account suggests an invite link.
  await share.getByLabel('Add by email').fill('dora@example.org');
  await share.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(share.getByRole('form', { name: 'Add a member' }).getByRole('alert')).toContainText(
    'send them an invite link instead',
  );
});
