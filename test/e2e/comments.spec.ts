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
