import { beforeEach, describe, expect, it } from 'vitest';
import {
  COMMENTS_API,
  MAX_COMMENT_LENGTH,
  MESSAGE_AUTH,
  MESSAGE_AWARENESS,
  MESSAGE_COMMENTS,
  MESSAGE_QUERY_AWARENESS,
  MESSAGE_SYNC,
  addNode,
  createOrigin,
  readNodes,
  type CommentThreadView,
} from '@loopmap/shared';
import { connectPeer } from './support/peers.ts';
import { useTestServer } from './support/servers.ts';
import { addMember, browserOrigin, createMapAs, request, signUp, type Actor } from './support/accounts.ts';
import { waitFor } from './support/waitFor.ts';

/** Comment threads over the real REST API and the real WebSocket, against a real SQLite file. */
describe('comments', () => {
  const ctx = useTestServer();
  let owner: Actor;
  let facilitator: Actor;
  let editor: Actor;
  let commenter: Actor;
  let viewer: Actor;
  let stranger: Actor;
  let mapId: string;

  beforeEach(async () => {
    const url = ctx.server.url;
    [owner, facilitator, editor, commenter, viewer, stranger] = (await Promise.all(
      ['Olu', 'Fatima', 'Eduardo', 'Chen', 'Vera', 'Sam'].map((name) => signUp(url, name)),
    )) as [Actor, Actor, Actor, Actor, Actor, Actor];
    mapId = await createMapAs(owner, 'Youth sport network');
    await addMember(owner, mapId, facilitator, 'facilitator');
    await addMember(owner, mapId, editor, 'editor');
    await addMember(owner, mapId, commenter, 'commenter');
    await addMember(owner, mapId, viewer, 'viewer');
  });

  const startThread = async (
    who: Actor,
    body: string,
    target = { kind: 'node', id: 'card-1' },
    mentions: string[] = [],
  ): Promise<CommentThreadView> => {
    const res = await who.api('POST', COMMENTS_API.threads(mapId), { target, body, mentions });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body.thread;
  };
  const list = async (who: Actor, path = COMMENTS_API.threads(mapId)): Promise<CommentThreadView[]> => {
    const res = await who.api('GET', path);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body.threads;
  };

  it('a commenter starts a thread on a card; others reply, edit their own, resolve and reopen it', async () => {
    const thread = await startThread(commenter, '  Is “trust” measurable here?  ');
    expect(thread).toMatchObject({
      target: { kind: 'node', id: 'card-1' },
      resolved: false,
      resolvedAt: null,
      resolvedBy: null,
      mentionsMe: false,
      comments: [
        {
          author: { id: commenter.userId, name: 'Chen' },
          body: 'Is “trust” measurable here?',
          mentions: [],
          editedAt: null,
        },
      ],
    });
    expect(thread.id).toMatch(/^[A-Za-z0-9_-]{21}$/);
    expect(Date.parse(thread.comments[0]!.createdAt)).not.toBeNaN();

    const reply = await editor.api('POST', COMMENTS_API.replies(mapId, thread.id), { body: 'Survey at baseline.' });
    expect(reply.status).toBe(201);
    expect(reply.body.comment).toMatchObject({ author: { name: 'Eduardo' }, body: 'Survey at baseline.' });
    expect(reply.body.thread.comments.map((c: { body: string }) => c.body)).toEqual([
      'Is “trust” measurable here?',
      'Survey at baseline.',
    ]);

    const edited = await editor.api('PATCH', COMMENTS_API.comment(mapId, reply.body.comment.id), {
      body: 'A survey at baseline and after a year.',
    });
    expect(edited.status).toBe(200);
    expect(edited.body.comment.body).toBe('A survey at baseline and after a year.');
    expect(edited.body.comment.editedAt).not.toBeNull();

    const resolved = await commenter.api('PATCH', COMMENTS_API.thread(mapId, thread.id), { resolved: true });
    expect(resolved.status).toBe(200);
    expect(resolved.body.thread).toMatchObject({ resolved: true, resolvedBy: { id: commenter.userId, name: 'Chen' } });
    expect(resolved.body.thread.resolvedAt).not.toBeNull();

    // Everyone who may open the map reads the threads, viewers included.
    const seen = await list(viewer);
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ id: thread.id, resolved: true, comments: [{}, {}] });

    const reopened = await editor.api('PATCH', COMMENTS_API.thread(mapId, thread.id), { resolved: false });
    expect(reopened.body.thread).toMatchObject({ resolved: false, resolvedAt: null, resolvedBy: null });

    // Deleting one's own comment removes it from the thread; the last one takes the thread along.
    expect((await editor.api('DELETE', COMMENTS_API.comment(mapId, reply.body.comment.id))).status).toBe(204);
    expect((await list(owner))[0]!.comments.map((c) => c.body)).toEqual(['Is “trust” measurable here?']);
    expect((await commenter.api('DELETE', COMMENTS_API.comment(mapId, thread.comments[0]!.id))).status).toBe(204);
    expect(await list(owner)).toEqual([]);
    const late = await editor.api('POST', COMMENTS_API.replies(mapId, thread.id), { body: 'Anyone?' });
    expect(late.status).toBe(404);
    expect(late.body.error.code).toBe('not_found');
  });

  it('keeps only mentions of members, and tells each caller which threads mention them', async () => {
    const notMember = stranger.userId;
    const thread = await startThread(commenter, '@Vera and @Eduardo, can you check?', undefined, [
      viewer.userId,
      editor.userId,
      editor.userId,
      notMember,
      'no-such-user',
    ]);
    expect(thread.comments[0]!.mentions).toEqual([
      { id: viewer.userId, name: 'Vera' },
      { id: editor.userId, name: 'Eduardo' },
    ]);
    await startThread(owner, 'Nobody mentioned here', { kind: 'link', id: 'link-1' });

    const mentionsOf = async (who: Actor) =>
      Object.fromEntries((await list(who)).map((t) => [t.comments[0]!.body, t.mentionsMe]));
    expect(await mentionsOf(viewer)).toEqual({
      '@Vera and @Eduardo, can you check?': true,
      'Nobody mentioned here': false,
    });
    expect(await mentionsOf(owner)).toEqual({
      '@Vera and @Eduardo, can you check?': false,
      'Nobody mentioned here': false,
    });

    // A mention in a reply counts for the thread; a removed member can no longer be mentioned.
    await owner.api('DELETE', `/api/maps/${mapId}/members/${facilitator.userId}`);
    const reply = await editor.api('POST', COMMENTS_API.replies(mapId, thread.id), {
      body: '@Olu @Fatima',
      mentions: [owner.userId, facilitator.userId],
    });
    expect(reply.body.comment.mentions).toEqual([{ id: owner.userId, name: 'Olu' }]);
    expect((await mentionsOf(owner))['@Vera and @Eduardo, can you check?']).toBe(true);

    // Editing without `mentions` keeps them; with them, replaces them.
    const commentId = thread.comments[0]!.id;
    const kept = await commenter.api('PATCH', COMMENTS_API.comment(mapId, commentId), { body: '@Vera, please?' });
    expect(kept.body.comment.mentions.map((m: { id: string }) => m.id)).toEqual([viewer.userId, editor.userId]);
    const replaced = await commenter.api('PATCH', COMMENTS_API.comment(mapId, commentId), {
      body: '@Vera, please?',
      mentions: [viewer.userId],
    });
    expect(replaced.body.comment.mentions).toEqual([{ id: viewer.userId, name: 'Vera' }]);
    expect((await mentionsOf(editor))['@Vera, please?']).toBe(false);
  });

  it('lists the threads of one card or link with ?target=', async () => {
    const a = await startThread(commenter, 'On the card');
    const b = await startThread(commenter, 'On the link', { kind: 'link', id: 'link-1' });
    const c = await startThread(editor, 'Again on the card');
    expect((await list(owner)).map((t) => t.id)).toEqual([a.id, b.id, c.id]);
    expect((await list(owner, COMMENTS_API.threadsOn(mapId, 'card-1'))).map((t) => t.id)).toEqual([a.id, c.id]);
    expect((await list(owner, COMMENTS_API.threadsOn(mapId, 'link-1'))).map((t) => t.id)).toEqual([b.id]);
    expect(await list(owner, COMMENTS_API.threadsOn(mapId, 'elsewhere'))).toEqual([]);
  });

  it('owners and facilitators may delete anyone’s comment; nobody edits anyone else’s', async () => {
    const thread = await startThread(commenter, 'One');
    const reply = async (body: string) =>
      (await commenter.api('POST', COMMENTS_API.replies(mapId, thread.id), { body })).body.comment.id as string;
    const [two, three] = [await reply('Two'), await reply('Three')];

    for (const who of [owner, facilitator, editor]) {
      const res = await who.api('PATCH', COMMENTS_API.comment(mapId, two), { body: 'Rewritten' });
      expect(res.status).toBe(403);
      expect(res.body.error).toEqual({ code: 'forbidden', message: 'you can only edit your own comments' });
    }
    const byEditor = await editor.api('DELETE', COMMENTS_API.comment(mapId, two));
    expect(byEditor.status).toBe(403);
    expect(byEditor.body.error.code).toBe('forbidden');

    expect((await facilitator.api('DELETE', COMMENTS_API.comment(mapId, two))).status).toBe(204);
    expect((await owner.api('DELETE', COMMENTS_API.comment(mapId, three))).status).toBe(204);
    expect((await list(viewer))[0]!.comments.map((c) => c.body)).toEqual(['One']);
    // Gone is gone: no editing or deleting it again.
    expect((await commenter.api('PATCH', COMMENTS_API.comment(mapId, two), { body: 'Back' })).status).toBe(404);
    expect((await owner.api('DELETE', COMMENTS_API.comment(mapId, two))).status).toBe(404);
  });

  it('viewers read but cannot write; strangers and signed-out callers see nothing', async () => {
    const thread = await startThread(commenter, 'Hello');
    const commentId = thread.comments[0]!.id;
    const writes: [string, string, unknown][] = [
      ['POST', COMMENTS_API.threads(mapId), { target: { kind: 'node', id: 'x' }, body: 'Hi' }],
      ['POST', COMMENTS_API.replies(mapId, thread.id), { body: 'Hi' }],
      ['PATCH', COMMENTS_API.thread(mapId, thread.id), { resolved: true }],
      ['PATCH', COMMENTS_API.comment(mapId, commentId), { body: 'Hi' }],
      ['DELETE', COMMENTS_API.comment(mapId, commentId), undefined],
    ];
    for (const [method, path, body] of writes) {
      const res = await viewer.api(method, path, body);
      expect(res.status, `${method} ${path}`).toBe(403);
      expect(res.body.error).toEqual({ code: 'forbidden', message: 'as viewer you cannot comment on this map' });
    }
    expect(await list(viewer)).toHaveLength(1);
    expect((await stranger.api('GET', COMMENTS_API.threads(mapId))).status).toBe(403);
    const signedOut = await request(ctx.server.url, 'GET', COMMENTS_API.threads(mapId));
    expect(signedOut.status).toBe(401);
    expect(signedOut.body.error.code).toBe('unauthorized');
  });

  it('answers bad input with 400 and the error shape, and unknown ids with 404', async () => {
    const thread = await startThread(commenter, 'Hello');
    const commentId = thread.comments[0]!.id;
    const node = { kind: 'node', id: 'card-1' };
    const cases: [string, string, string, unknown, number, string][] = [
      ['invalid JSON', 'POST', COMMENTS_API.threads(mapId), '{"body":', 400, 'invalid_json'],
      ['no target', 'POST', COMMENTS_API.threads(mapId), { body: 'Hi' }, 400, 'validation_failed'],
      [
        'a bad target kind',
        'POST',
        COMMENTS_API.threads(mapId),
        { target: { kind: 'map', id: 'x' }, body: 'Hi' },
        400,
        'validation_failed',
      ],
      [
        'a bad target id',
        'POST',
        COMMENTS_API.threads(mapId),
        { target: { kind: 'node', id: 'a/b' }, body: 'Hi' },
        400,
        'validation_failed',
      ],
      [
        'a too long target id',
        'POST',
        COMMENTS_API.threads(mapId),
        { target: { kind: 'node', id: 'x'.repeat(65) }, body: 'Hi' },
        400,
        'validation_failed',
      ],
      ['an empty body', 'POST', COMMENTS_API.threads(mapId), { target: node, body: '' }, 400, 'validation_failed'],
      ['a blank body', 'POST', COMMENTS_API.replies(mapId, thread.id), { body: ' \n\t ' }, 400, 'validation_failed'],
      [
        'a body too long',
        'POST',
        COMMENTS_API.replies(mapId, thread.id),
        { body: 'x'.repeat(MAX_COMMENT_LENGTH + 1) },
        400,
        'validation_failed',
      ],
      [
        'a body that is not text',
        'PATCH',
        COMMENTS_API.comment(mapId, commentId),
        { body: 42 },
        400,
        'validation_failed',
      ],
      [
        'a bad mention id',
        'POST',
        COMMENTS_API.replies(mapId, thread.id),
        { body: 'Hi', mentions: ['not ok'] },
        400,
        'validation_failed',
      ],
      [
        'too many mentions',
        'POST',
        COMMENTS_API.replies(mapId, thread.id),
        { body: 'Hi', mentions: Array.from({ length: 51 }, (_, i) => `u${i}`) },
        400,
        'validation_failed',
      ],
      ['no resolved flag', 'PATCH', COMMENTS_API.thread(mapId, thread.id), {}, 400, 'validation_failed'],
      [
        'a bad target filter',
        'GET',
        `${COMMENTS_API.threads(mapId)}?target=a%2Fb`,
        undefined,
        400,
        'validation_failed',
      ],
      ['an unknown thread (reply)', 'POST', COMMENTS_API.replies(mapId, 'nope'), { body: 'Hi' }, 404, 'not_found'],
      [
        'an unknown thread (resolve)',
        'PATCH',
        COMMENTS_API.thread(mapId, 'nope'),
        { resolved: true },
        404,
        'not_found',
      ],
      ['an unknown comment (edit)', 'PATCH', COMMENTS_API.comment(mapId, 'nope'), { body: 'Hi' }, 404, 'not_found'],
      ['an unknown comment (delete)', 'DELETE', COMMENTS_API.comment(mapId, 'nope'), undefined, 404, 'not_found'],
      ['an unknown map', 'GET', COMMENTS_API.threads('nope'), undefined, 404, 'not_found'],
    ];
    for (const [name, method, path, body, status, code] of cases) {
      // A string is sent as it is (not as JSON), to send broken JSON.
      const res =
        typeof body === 'string'
          ? await fetch(`${ctx.server.url}${path}`, {
              method,
              headers: {
                'content-type': 'application/json',
                cookie: commenter.cookie,
                ...browserOrigin(ctx.server.url),
              },
              body,
            }).then(async (r) => ({ status: r.status, body: await r.json() }))
          : await commenter.api(method, path, body);
      expect(res.status, name).toBe(status);
      expect(res.body, name).toEqual({ error: { code, message: expect.any(String) } });
    }
    // The limit itself is fine, and the body is stored trimmed.
    const longest = `  ${'x'.repeat(MAX_COMMENT_LENGTH)}  `;
    const ok = await commenter.api('POST', COMMENTS_API.replies(mapId, thread.id), { body: longest });
    expect(ok.status).toBe(201);
    expect(ok.body.comment.body).toHaveLength(MAX_COMMENT_LENGTH);
  });

  it('a thread and its comments belong to one map: other maps’ ids are unknown there', async () => {
    const thread = await startThread(commenter, 'Here');
    const otherMap = await createMapAs(commenter, 'Elsewhere');
    const commentId = thread.comments[0]!.id;
    expect((await commenter.api('POST', COMMENTS_API.replies(otherMap, thread.id), { body: 'x' })).status).toBe(404);
    expect((await commenter.api('PATCH', COMMENTS_API.comment(otherMap, commentId), { body: 'x' })).status).toBe(404);
    expect((await commenter.api('DELETE', COMMENTS_API.comment(otherMap, commentId))).status).toBe(404);
    expect((await commenter.api('PATCH', COMMENTS_API.thread(otherMap, thread.id), { resolved: true })).status).toBe(
      404,
    );
    expect(await list(commenter, COMMENTS_API.threads(otherMap))).toEqual([]);
  });

  it('a deleted account’s comments stay, by “Deleted user”; a deleted map’s comments go with it', async () => {
    const thread = await startThread(commenter, 'Before I leave, @Vera', undefined, [viewer.userId]);
    await commenter.api('PATCH', COMMENTS_API.thread(mapId, thread.id), { resolved: true });
    const gone = await viewer.api('DELETE', '/api/auth/account', { password: viewer.password });
    expect(gone.status).toBe(204);
    const gone2 = await commenter.api('DELETE', '/api/auth/account', { password: commenter.password });
    expect(gone2.status).toBe(204);
    const [seen] = await list(owner);
    expect(seen).toMatchObject({
      resolvedBy: { id: commenter.userId, name: 'Deleted user' },
      comments: [
        { author: { id: commenter.userId, name: 'Deleted user' }, body: 'Before I leave, @Vera', mentions: [] },
      ],
    });

    expect((await owner.api('DELETE', `/api/maps/${mapId}`)).status).toBe(204);
    const afterwards = await owner.api('GET', COMMENTS_API.threads(mapId));
    expect(afterwards.status).toBe(404);
    expect(await ctx.server.store.listCommentThreads(mapId)).toEqual([]);
  });

  describe('live: MESSAGE_COMMENTS on the map socket', () => {
    it('reaches every peer that asked with comments=1 when anyone comments; a stock peer gets nothing unknown', async () => {
      const watching = connectPeer(ctx.server.url, mapId, 'viewer-watching', viewer, { comments: true });
      const author = connectPeer(ctx.server.url, mapId, 'commenter-own', commenter, { comments: true });
      // A stock y-websocket client: no saved=1, no comments=1.
      const stock = connectPeer(ctx.server.url, mapId, 'stock', editor, { saved: false });
      const editing = connectPeer(ctx.server.url, mapId, 'owner-editing', owner);
      await Promise.all([watching, author, stock, editing].map((p) => p.whenSynced()));

      const thread = await startThread(commenter, 'Live?');
      await waitFor(() => watching.commentRevisions().length === 1, 'the viewer hears of the new thread');
      await waitFor(() => author.commentRevisions().length === 1, 'the author’s own socket hears too');
      await commenter.api('PATCH', COMMENTS_API.thread(mapId, thread.id), { resolved: true });
      await editor.api('POST', COMMENTS_API.replies(mapId, thread.id), { body: 'Yes' });
      await waitFor(() => watching.commentRevisions().length === 3, 'the viewer hears of every change');
      const revisions = watching.commentRevisions();
      expect(revisions).toEqual([...revisions].sort((a, b) => a - b));
      expect(new Set(revisions).size).toBe(3);

      // The server sends in order on each socket: once the stock peer has a document change made
      // after the comments, any notice meant for it would have arrived before it.
      addNode(editing.doc, { kind: 'outcome', label: 'After the comments', x: 0, y: 0 }, createOrigin('user', 'o'));
      await waitFor(() => readNodes(stock.doc).length === 1, 'the stock peer receives the later change');
      await waitFor(() => readNodes(watching.doc).length === 1, 'the watching peer receives it too');
      const known = [MESSAGE_SYNC, MESSAGE_AWARENESS, MESSAGE_AUTH, MESSAGE_QUERY_AWARENESS];
      expect(stock.receivedTypes().filter((t) => !known.includes(t))).toEqual([]);
      expect(editing.receivedTypes()).not.toContain(MESSAGE_COMMENTS);
      expect(watching.receivedTypes().filter((t) => t === MESSAGE_COMMENTS)).toHaveLength(3);

      for (const peer of [watching, author, stock, editing]) peer.destroy();
    });

    it('a commenter’s socket with comments=1 still cannot change the map', async () => {
      const sneaky = connectPeer(ctx.server.url, mapId, 'commenter', commenter, { comments: true });
      const watcher = connectPeer(ctx.server.url, mapId, 'owner', owner);
      await Promise.all([sneaky.whenSynced(), watcher.whenSynced()]);
      addNode(sneaky.doc, { kind: 'risk', label: 'Sneaky', x: 0, y: 0 }, createOrigin('user', 'commenter'));
      await startThread(commenter, 'A comment, though, is fine');
      await waitFor(() => sneaky.commentRevisions().length === 1, 'the commenter hears of the comment');
      await watcher.whenSaved();
      const check = connectPeer(ctx.server.url, mapId, 'check', owner);
      await check.whenSynced();
      expect(readNodes(check.doc)).toEqual([]);
      expect(readNodes(watcher.doc)).toEqual([]);
      const stored = await owner.api('GET', `/api/maps/${mapId}/export?format=json`);
      expect(stored.body.nodes).toEqual([]);
      for (const peer of [sneaky, watcher, check]) peer.destroy();
    });
  });
});
