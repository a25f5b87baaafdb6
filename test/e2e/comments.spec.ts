import { COMMENTS_API } from '@loopmap/shared';
import { expect, requirePrerequisites, test } from './support/fixtures.ts';

requirePrerequisites();

/** The parts of the page's debugging hook (window.__loopmap) this scenario reads. */
interface CommentsHook {
  session: { onCommentsChanged(listener: () => void): () => void };
  provider: { url: string };
}

declare global {
  interface Window {
    /** How many times the page's map session said the comments changed. */
    __commentNotices?: number;
  }
}

test('a commenter’s open map hears each new comment live, and the map stays theirs to read only', async ({ actor }) => {
  const alice = await actor('Alice');
  const chen = await actor('Chen');
  const mapId = await alice.createMap('Youth sport network');
  await alice.addMember(mapId, chen, 'commenter');
  const unknownMessages: string[] = [];
  chen.page.on('console', (message) => {
    if (/unable to compute message/i.test(message.text())) unknownMessages.push(message.text());
  });

  await chen.openMapReadOnly(mapId);
  await chen.page.evaluate(() => {
    window.__commentNotices = 0;
    (window.__loopmap as unknown as CommentsHook).session.onCommentsChanged(() => {
      window.__commentNotices! += 1;
    });
  });
  expect(await chen.page.evaluate(() => (window.__loopmap as unknown as CommentsHook).provider.url)).toContain(
    'comments=1',
  );

  // Alice comments over the API; Chen's tab learns it from its socket, without polling.
  const started = await alice.api('POST', COMMENTS_API.threads(mapId), {
    target: { kind: 'node', id: 'some-card' },
    body: 'Is “trust” measurable here?',
  });
  expect(started.status()).toBe(201);
  await expect.poll(() => chen.page.evaluate(() => window.__commentNotices)).toBe(1);

  // Chen answers (a commenter may), and hears of his own change too, as every open tab would.
  const threadId = ((await started.json()) as { thread: { id: string } }).thread.id;
  const reply = await chen.api('POST', COMMENTS_API.replies(mapId, threadId), { body: 'A baseline survey.' });
  expect(reply.status()).toBe(201);
  await expect.poll(() => chen.page.evaluate(() => window.__commentNotices)).toBe(2);
  await chen.expectLive();
  expect(unknownMessages).toEqual([]);
});

test('comments in the map page: a thread on a card with a mention, a commenter replies without editing the map, the owner resolves it', async ({
  actor,
}) => {
  const alice = await actor('Alice');
  const chen = await actor('Chen');
  const mapId = await alice.createMap('Youth sport network');
  await alice.addMember(mapId, chen, 'commenter');
  await alice.openMap(mapId);
  const outcome = await alice.addCard('Outcome', 'Coaches use peer feedback');
  await alice.expectSaved();
  await chen.openMapReadOnly(mapId);

  // Alice comments on the selected card and mentions Chen, picking him from the suggestions.
  await alice.selectCard(outcome);
  await alice.page.getByRole('button', { name: /^Comments/ }).click();
  const aliceComments = alice.page.getByRole('complementary', { name: /Comments/ });
  const composer = aliceComments.getByRole('textbox', { name: 'Start a thread on this card' });
  await composer.fill('How would we know? ');
  await composer.pressSequentially('@Ch');
  await expect(aliceComments.getByRole('option', { name: 'Chen' })).toBeVisible();
  await composer.press('Enter');
  await composer.pressSequentially(' can you ask the coaches?');
  await aliceComments.getByRole('button', { name: 'Comment', exact: true }).click();
  await expect(aliceComments.getByRole('article').first()).toContainText('@Chen can you ask the coaches?');

  // Chen's canvas shows the open thread on the card, live; his comments panel lists it under
  // "Mentions of me", and choosing it selects the card.
  await expect(chen.card(outcome)).toContainText('1 open comment thread');
  await chen.page.getByRole('button', { name: /^Comments/ }).click();
  const chenComments = chen.page.getByRole('complementary', { name: /Comments/ });
  await chenComments.getByRole('button', { name: /Mentions of me/ }).click();
  await chenComments.getByText('How would we know?').click();
  await expect(chen.card(outcome)).toHaveClass(/selected/);

  // A commenter replies; the map itself stays read-only for him.
  await chenComments.getByRole('button', { name: 'Reply', exact: true }).click();
  await chenComments.getByRole('textbox', { name: 'Reply' }).fill('Yes, at the next training day.');
  await chenComments.getByRole('button', { name: 'Reply', exact: true }).last().click();
  await expect(aliceComments).toContainText('Yes, at the next training day.');
  await expect(chen.page.getByTestId('view-only')).toBeVisible();
  await expect(chen.page.getByRole('toolbar', { name: 'Add a card' })).toHaveCount(0);

  // Alice resolves the thread: the badge goes from both canvases.
  await aliceComments.getByRole('button', { name: 'Resolve', exact: true }).click();
  await expect(chen.card(outcome)).not.toContainText('open comment thread');
  await expect(alice.card(outcome)).not.toContainText('open comment thread');
});
