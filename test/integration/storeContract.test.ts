import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import * as Y from 'yjs';
import { SqliteStore, type Store } from '@loopmap/server';
import { removeDir, tempDataDir } from './support/servers.ts';

/**
 * The contract every Store implementation passes. SQLite (a real file) runs it now; the
 * PostgreSQL store will be added to `implementations` and must pass the same suite.
 */
interface Implementation {
  name: string;
  open(): Promise<{ store: Store; reopen(): Promise<Store>; cleanup(): Promise<void> }>;
}

const implementations: Implementation[] = [
  {
    name: 'SqliteStore (file)',
    async open() {
      const dir = tempDataDir('store');
      const filename = join(dir, 'loopmap.sqlite');
      const store = new SqliteStore({ filename });
      return {
        store,
        reopen: async () => {
          await store.close();
          return new SqliteStore({ filename });
        },
        cleanup: async () => removeDir(dir),
      };
    },
  },
];

const update = (label: string): Uint8Array => {
  const doc = new Y.Doc();
  doc.getMap('nodes').set(label, label);
  return Y.encodeStateAsUpdate(doc);
};

for (const impl of implementations) {
  describe(`Store contract: ${impl.name}`, () => {
    let store: Store;
    let reopen: () => Promise<Store>;
    let cleanup: () => Promise<void>;
    beforeEach(async () => {
      ({ store, reopen, cleanup } = await impl.open());
    });
    afterEach(async () => {
      await store.close();
      await cleanup();
    });

    const create = async (id: string, at = 1000) => {
      if (!(await store.getUser('owner'))) {
        await store.createUser({ id: 'owner', email: 'owner@example.org', name: 'Owner', passwordHash: 'h', at: 1 });
      }
      return store.createMap({
        id,
        ownerId: 'owner',
        title: `Map ${id}`,
        kind: 'theory-of-change',
        at,
        initialUpdate: update('init'),
        author: 'owner',
      });
    };

    it('creates, reads, lists (newest first), updates and soft-deletes maps', async () => {
      await create('a', 1000);
      await create('b', 2000);
      expect((await store.listMapsFor('owner')).map((m) => [m.id, m.role])).toEqual([
        ['b', 'owner'],
        ['a', 'owner'],
      ]);
      expect(await store.listMapsFor('someone-else')).toEqual([]);
      expect(await store.getMap('a')).toMatchObject({
        id: 'a',
        title: 'Map a',
        kind: 'theory-of-change',
        createdAt: 1000,
      });
      expect(await store.updateMap('a', { title: 'Renamed', kind: 'partnership' }, 3000)).toMatchObject({
        title: 'Renamed',
        kind: 'partnership',
        updatedAt: 3000,
      });
      expect(await store.deleteMap('a', 4000)).toBe(true);
      expect(await store.deleteMap('a', 4000)).toBe(false);
      expect(await store.getMap('a')).toBeNull();
      expect(await store.updateMap('a', { title: 'x' }, 5000)).toBeNull();
      expect((await store.listMapsFor('owner')).map((m) => m.id)).toEqual(['b']);
      expect(await store.getRole('a', 'owner')).toBeNull();
    });

    it('appends updates in order with author and time, and numbers them from the creation update', async () => {
      await create('m');
      expect(await store.appendUpdates('m', [{ update: update('x'), author: 'alice', at: 2000 }])).toBe(2);
      expect(
        await store.appendUpdates('m', [
          { update: update('y'), author: 'bob', at: 3000 },
          { update: update('z'), author: 'carol', at: 3001 },
        ]),
      ).toBe(4);
      const log = await store.listUpdates('m', 0, 100);
      expect(log.map((e) => [e.seq, e.author, e.at])).toEqual([
        [1, 'owner', 1000],
        [2, 'alice', 2000],
        [3, 'bob', 3000],
        [4, 'carol', 3001],
      ]);
      expect((await store.listUpdates('m', 2, 1)).map((e) => e.seq)).toEqual([3]);
      expect((await store.getMap('m'))!.updatedAt).toBe(3001);
    });

    it('loads state plus tail, keeps the whole log after compaction, and survives a reopen', async () => {
      await create('m');
      await store.appendUpdates('m', [{ update: update('x'), author: 'alice', at: 2000 }]);
      const merged = Y.mergeUpdates((await store.listUpdates('m', 0, 10)).map((e) => e.update));
      await store.saveState('m', merged, 2, 2500);
      await store.appendUpdates('m', [{ update: update('y'), author: 'bob', at: 3000 }]);
      // An older state never replaces a newer one.
      await store.saveState('m', update('stale'), 1, 2600);

      store = await reopen();
      const loaded = await store.loadDoc('m');
      expect(loaded.stateSeq).toBe(2);
      expect(loaded.lastSeq).toBe(3);
      expect(loaded.tail.map((e) => e.seq)).toEqual([3]);
      const doc = new Y.Doc();
      Y.applyUpdate(doc, loaded.state!);
      for (const e of loaded.tail) Y.applyUpdate(doc, e.update);
      expect([...doc.getMap('nodes').keys()].sort()).toEqual(['init', 'x', 'y']);
      expect((await store.listUpdates('m', 0, 100)).length).toBe(3);
      expect(await store.appendUpdates('m', [{ update: update('w'), author: 'dan', at: 4000 }])).toBe(4);
    });

    it('an unknown map loads empty', async () => {
      expect(await store.loadDoc('nope')).toEqual({ state: null, stateSeq: 0, tail: [], lastSeq: 0 });
    });

    describe('comments', () => {
      const user = (id: string, name: string) =>
        store.createUser({ id, email: `${id}@example.org`, name, passwordHash: 'h', at: 1 });
      /** Map m with the owner, Ama (commenter) and Ben (viewer) as members; Cyd has no access. */
      const setUp = async () => {
        await create('m');
        await user('ama', 'Ama');
        await user('ben', 'Ben');
        await user('cyd', 'Cyd');
        await store.setMember('m', 'ama', 'commenter', 1000);
        await store.setMember('m', 'ben', 'viewer', 1000);
      };
      const comment = (id: string, authorId: string, body: string, at: number, mentions: string[] = []) => ({
        id,
        authorId,
        body,
        mentions,
        at,
      });

      it('creates a thread with its first comment, keeping only mentions of members, once each', async () => {
        await setUp();
        const thread = await store.createCommentThread({
          id: 't1',
          mapId: 'm',
          target: { kind: 'node', id: 'card-1' },
          comment: comment('c1', 'ama', 'Is this @Ben’s outcome?', 2000, ['ben', 'cyd', 'nobody', 'ben', 'owner']),
        });
        expect(thread).toEqual({
          id: 't1',
          mapId: 'm',
          target: { kind: 'node', id: 'card-1' },
          createdAt: 2000,
          resolvedAt: null,
          resolvedBy: null,
          resolvedByName: null,
          comments: [
            {
              id: 'c1',
              threadId: 't1',
              authorId: 'ama',
              authorName: 'Ama',
              body: 'Is this @Ben’s outcome?',
              mentions: [
                { userId: 'ben', name: 'Ben' },
                { userId: 'owner', name: 'Owner' },
              ],
              createdAt: 2000,
              editedAt: null,
            },
          ],
        });
        expect(await store.getCommentThread('m', 't1')).toEqual(thread);
        expect(await store.getComment('m', 'c1')).toEqual(thread.comments[0]);
      });

      it('lists threads oldest first, per target, with replies in order, and survives a reopen', async () => {
        await setUp();
        await store.createCommentThread({
          id: 't1',
          mapId: 'm',
          target: { kind: 'node', id: 'a' },
          comment: comment('c1', 'ama', 'first', 2000),
        });
        await store.createCommentThread({
          id: 't2',
          mapId: 'm',
          target: { kind: 'link', id: 'l' },
          comment: comment('c2', 'owner', 'on the link', 2100),
        });
        expect(await store.addComment('m', 't1', comment('c3', 'owner', 'reply', 2200, ['ama']))).toMatchObject({
          id: 'c3',
          threadId: 't1',
          mentions: [{ userId: 'ama', name: 'Ama' }],
        });
        await store.addComment('m', 't1', comment('c4', 'ama', 'same millisecond', 2200));
        store = await reopen();
        const all = await store.listCommentThreads('m');
        expect(all.map((t) => [t.id, t.target, t.comments.map((c) => c.id)])).toEqual([
          ['t1', { kind: 'node', id: 'a' }, ['c1', 'c3', 'c4']],
          ['t2', { kind: 'link', id: 'l' }, ['c2']],
        ]);
        expect((await store.listCommentThreads('m', 'l')).map((t) => t.id)).toEqual(['t2']);
        expect(await store.listCommentThreads('m', 'nothing-here')).toEqual([]);
        expect(await store.listCommentThreads('other-map')).toEqual([]);
        // A thread is only reachable through its own map.
        expect(await store.getCommentThread('other-map', 't1')).toBeNull();
        expect(await store.addComment('other-map', 't1', comment('c5', 'ama', 'x', 1))).toBeNull();
        expect(await store.getComment('other-map', 'c1')).toBeNull();
      });

      it('edits a body (keeping or replacing the mentions) and marks it edited', async () => {
        await setUp();
        await store.createCommentThread({
          id: 't1',
          mapId: 'm',
          target: { kind: 'node', id: 'a' },
          comment: comment('c1', 'ama', 'hello @Ben', 2000, ['ben']),
        });
        expect(await store.editComment('m', 'c1', { body: 'hello again @Ben' }, 3000)).toMatchObject({
          body: 'hello again @Ben',
          mentions: [{ userId: 'ben' }],
          editedAt: 3000,
          createdAt: 2000,
        });
        expect(
          await store.editComment('m', 'c1', { body: 'hello @Owner', mentions: ['owner', 'cyd'] }, 4000),
        ).toMatchObject({ body: 'hello @Owner', mentions: [{ userId: 'owner' }], editedAt: 4000 });
        expect(await store.editComment('m', 'nope', { body: 'x' }, 5000)).toBeNull();
        expect(await store.editComment('other-map', 'c1', { body: 'x' }, 5000)).toBeNull();
      });

      it('deletes a comment to a tombstone; a thread with nothing left is gone', async () => {
        await setUp();
        await store.createCommentThread({
          id: 't1',
          mapId: 'm',
          target: { kind: 'node', id: 'a' },
          comment: comment('c1', 'ama', 'secret @Ben', 2000, ['ben']),
        });
        await store.addComment('m', 't1', comment('c2', 'owner', 'reply', 2100));
        expect(await store.deleteComment('m', 'c1', 'owner', 3000)).toBe(true);
        expect(await store.deleteComment('m', 'c1', 'owner', 3000)).toBe(false);
        expect(await store.getComment('m', 'c1')).toBeNull();
        expect(await store.editComment('m', 'c1', { body: 'back' }, 3100)).toBeNull();
        expect((await store.getCommentThread('m', 't1'))!.comments.map((c) => c.id)).toEqual(['c2']);
        expect(await store.deleteComment('m', 'c2', 'owner', 3200)).toBe(true);
        expect(await store.getCommentThread('m', 't1')).toBeNull();
        expect(await store.listCommentThreads('m')).toEqual([]);
        expect(await store.addComment('m', 't1', comment('c3', 'ama', 'anyone?', 3300))).toBeNull();
        expect(await store.resolveCommentThread('m', 't1', 'ama', 3400)).toBeNull();
      });

      it('resolves (keeping the first resolution) and reopens a thread', async () => {
        await setUp();
        await store.createCommentThread({
          id: 't1',
          mapId: 'm',
          target: { kind: 'node', id: 'a' },
          comment: comment('c1', 'ama', 'done?', 2000),
        });
        expect(await store.resolveCommentThread('m', 't1', 'ama', 3000)).toMatchObject({
          resolvedAt: 3000,
          resolvedBy: 'ama',
          resolvedByName: 'Ama',
        });
        expect(await store.resolveCommentThread('m', 't1', 'owner', 4000)).toMatchObject({
          resolvedAt: 3000,
          resolvedBy: 'ama',
        });
        expect(await store.reopenCommentThread('m', 't1')).toMatchObject({
          resolvedAt: null,
          resolvedBy: null,
          resolvedByName: null,
        });
        expect(await store.resolveCommentThread('m', 'nope', 'ama', 5000)).toBeNull();
        expect(await store.reopenCommentThread('other-map', 't1')).toBeNull();
      });

      it('keeps a deleted account’s comments and resolutions without a name, and drops mentions of it', async () => {
        await setUp();
        await store.createCommentThread({
          id: 't1',
          mapId: 'm',
          target: { kind: 'node', id: 'a' },
          comment: comment('c1', 'ama', 'ask @Ben', 2000, ['ben']),
        });
        await store.addComment('m', 't1', comment('c2', 'ben', 'answer', 2100, ['ama']));
        await store.resolveCommentThread('m', 't1', 'ben', 2200);
        await store.deleteUser('ben', 3000);
        const thread = (await store.getCommentThread('m', 't1'))!;
        expect(thread.comments.map((c) => [c.authorId, c.authorName, c.mentions.map((m) => m.userId)])).toEqual([
          ['ama', 'Ama', []],
          ['ben', null, ['ama']],
        ]);
        expect(thread).toMatchObject({ resolvedBy: 'ben', resolvedByName: null });
      });

      it('threads disappear from every read with their map', async () => {
        await setUp();
        await store.createCommentThread({
          id: 't1',
          mapId: 'm',
          target: { kind: 'node', id: 'a' },
          comment: comment('c1', 'ama', 'hello', 2000),
        });
        await store.deleteMap('m', 3000);
        expect(await store.listCommentThreads('m')).toEqual([]);
        expect(await store.getCommentThread('m', 't1')).toBeNull();
        expect(await store.getComment('m', 'c1')).toBeNull();
        expect(await store.addComment('m', 't1', comment('c2', 'ama', 'late', 3100))).toBeNull();
        expect(await store.editComment('m', 'c1', { body: 'late' }, 3100)).toBeNull();
        expect(await store.deleteComment('m', 'c1', 'ama', 3100)).toBe(false);
        expect(await store.resolveCommentThread('m', 't1', 'ama', 3100)).toBeNull();
      });
    });
  });
}
