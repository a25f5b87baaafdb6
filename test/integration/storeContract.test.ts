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
  });
}
