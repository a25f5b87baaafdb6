import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import * as Y from 'yjs';
import type { MapPatch } from '@loopmap/shared';
import { EmailTakenError, PostgresStore, SqliteStore, type Store, type ThrottleBucket } from '@loopmap/server';
import { removeDir, tempDataDir } from './support/servers.ts';
import { freshSchema, MUST_RUN, postgresUnavailable, TEST_DATABASE_URL } from './support/postgres.ts';

/**
 * The contract every Store implementation passes: every method of DocumentStore, AccountStore,
 * MemberStore and CommentStore, the history and reviews beside them, and what must hold when two
 * instances (two server processes) work on the same data at once. SQLite (a real file) and
 * PostgreSQL (a schema of its own per test) run it. When PostgreSQL cannot be reached its cases
 * skip with the reason printed, unless CI or LOOPMAP_REQUIRE_SERVICES is set: then they fail.
 */
interface Implementation {
  name: string;
  /** Why this implementation cannot run here, or null. */
  unavailable?(): Promise<string | null>;
  open(): Promise<{
    store: Store;
    /** Closes `store` and opens it again on the same data. */
    reopen(): Promise<Store>;
    /** Another instance on the same data, as a second server process would open it (the suite closes it). */
    another(): Promise<Store>;
    cleanup(): Promise<void>;
  }>;
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
        another: async () => new SqliteStore({ filename }),
        cleanup: async () => removeDir(dir),
      };
    },
  },
  {
    name: 'PostgresStore',
    unavailable: postgresUnavailable,
    async open() {
      const { schema, drop } = await freshSchema();
      const connect = () => PostgresStore.open({ connectionString: TEST_DATABASE_URL, schema, max: 4 });
      const store = await connect();
      return {
        store,
        reopen: async () => {
          await store.close();
          return connect();
        },
        another: connect,
        cleanup: drop,
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
    let openAnother: () => Promise<Store>;
    let cleanup: () => Promise<void>;
    let others: Store[] = [];
    let opened = false;
    let told = false;
    beforeEach(async (context) => {
      opened = false;
      const reason = await impl.unavailable?.();
      if (reason) {
        if (MUST_RUN) throw new Error(`${impl.name} cannot run: ${reason}`);
        if (!told) console.log(`[storeContract] ${impl.name}: skipped (${reason})`);
        told = true;
        context.skip();
        return;
      }
      ({ store, reopen, another: openAnother, cleanup } = await impl.open());
      others = [];
      opened = true;
    });
    afterEach(async () => {
      if (!opened) return;
      await Promise.all(others.map((other) => other.close()));
      await store.close();
      await cleanup();
    });
    /** A second instance on the same data (another server process). */
    const another = async (): Promise<Store> => {
      const other = await openAnother();
      others.push(other);
      return other;
    };

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

    it('reads the last seq and ranges of the log; an empty append changes nothing', async () => {
      await create('m');
      expect(await store.lastSeq('m')).toBe(1);
      expect(await store.lastSeq('nope')).toBe(0);
      await store.appendUpdates('m', [
        { update: update('x'), author: 'alice', at: 2000 },
        { update: update('y'), author: 'bob', at: 2001 },
        { update: update('z'), author: 'carol', at: 2002 },
      ]);
      expect(await store.appendUpdates('m', [])).toBe(4);
      expect(await store.lastSeq('m')).toBe(4);
      expect((await store.listUpdateRange('m', 1, 3)).map((e) => [e.seq, e.author])).toEqual([
        [2, 'alice'],
        [3, 'bob'],
      ]);
      expect(await store.listUpdateRange('m', 4, 10)).toEqual([]);
      expect(await store.listUpdateRange('other', 0, 10)).toEqual([]);
    });

    it('two instances appending to one map at once number every update once, without gaps', async () => {
      await create('m');
      const other = await another();
      const rounds = 40;
      const written: number[][] = [];
      for (let round = 0; round < rounds; round++) {
        // Neither call is awaited before the other starts: as two server processes would.
        const [a, b] = await Promise.all([
          store.appendUpdates('m', [{ update: update(`a${round}`), author: `a${round}`, at: 2000 + round }]),
          other.appendUpdates('m', [
            { update: update(`b${round}`), author: `b${round}`, at: 2000 + round },
            { update: update(`c${round}`), author: `c${round}`, at: 2000 + round },
          ]),
        ]);
        written.push([a], [b - 1, b]);
      }
      const total = 1 + rounds * 3;
      const log = await store.listUpdates('m', 0, 1000);
      expect(log.map((e) => e.seq)).toEqual(Array.from({ length: total }, (_, i) => i + 1));
      expect(written.flat().sort((x, y) => x - y)).toEqual(Array.from({ length: total - 1 }, (_, i) => i + 2));
      // Each instance's batch kept its order, and every update is there once.
      const authors = log.map((e) => e.author);
      expect(new Set(authors).size).toBe(total);
      for (let round = 0; round < rounds; round++) {
        expect(authors.indexOf(`c${round}`)).toBe(authors.indexOf(`b${round}`) + 1);
      }
      for (const reader of [store, other]) {
        expect(await reader.lastSeq('m')).toBe(total);
        expect((await reader.loadDoc('m')).lastSeq).toBe(total);
      }
      // An instance that was idle while the other wrote numbers from the log, not from memory.
      await other.appendUpdates('m', [{ update: update('late'), author: 'late', at: 9000 }]);
      expect(await store.appendUpdates('m', [{ update: update('later'), author: 'later', at: 9001 }])).toBe(total + 2);
    });

    describe('accounts', () => {
      it('creates users, refuses a taken email, and changes a password hash', async () => {
        const user = await store.createUser({ id: 'u', email: 'u@example.org', name: 'U', passwordHash: 'h1', at: 5 });
        expect(user).toEqual({ id: 'u', email: 'u@example.org', name: 'U', createdAt: 5, language: null });
        await expect(
          store.createUser({ id: 'v', email: 'u@example.org', name: 'V', passwordHash: 'h', at: 6 }),
        ).rejects.toBeInstanceOf(EmailTakenError);
        expect(await store.getUser('u')).toEqual(user);
        expect(await store.getUser('v')).toBeNull();
        expect(await store.getUserByEmail('u@example.org')).toEqual({ ...user, passwordHash: 'h1' });
        expect(await store.getUserByEmail('nobody@example.org')).toBeNull();
        await store.setPasswordHash('u', 'h2');
        expect(await store.getPasswordHash('u')).toBe('h2');
        expect(await store.getPasswordHash('v')).toBeNull();
      });

      it('keeps an account’s interface language: set, cleared, read with sessions and tokens, after a reopen', async () => {
        await store.createUser({ id: 'u', email: 'u@example.org', name: 'U', passwordHash: 'h', at: 1 });
        await store.createUser({ id: 'w', email: 'w@example.org', name: 'W', passwordHash: 'h', at: 1 });
        await store.setUserLanguage('u', 'ar');
        await store.insertSession({ id: 's1', userId: 'u', expiresAt: 100 }, 10);
        await store.insertApiToken({
          id: 't1',
          userId: 'u',
          name: 'ci',
          createdAt: 10,
          lastUsedAt: null,
          tokenHash: 'x1',
        });
        store = await reopen();
        expect((await store.getUser('u'))!.language).toBe('ar');
        expect((await store.getUser('w'))!.language).toBeNull();
        expect((await store.getUserByEmail('u@example.org'))!.language).toBe('ar');
        expect((await store.getSessionAndUser('s1'))!.user.language).toBe('ar');
        expect((await store.getApiTokenByHash('x1'))!.user.language).toBe('ar');
        // Another instance sees the choice at once.
        const other = await another();
        await other.setUserLanguage('u', 'fr');
        expect((await store.getUser('u'))!.language).toBe('fr');
        await store.setUserLanguage('u', null);
        expect((await other.getUser('u'))!.language).toBeNull();
      });

      it('keeps sessions: reads them with their user, slides, deletes one or all but one', async () => {
        await store.createUser({ id: 'u', email: 'u@example.org', name: 'U', passwordHash: 'h', at: 1 });
        for (const id of ['s1', 's2', 's3']) await store.insertSession({ id, userId: 'u', expiresAt: 100 }, 10);
        expect(await store.getSessionAndUser('s1')).toEqual({
          session: { id: 's1', userId: 'u', expiresAt: 100 },
          user: { id: 'u', email: 'u@example.org', name: 'U', createdAt: 1, language: null },
        });
        await store.setSessionExpiry('s1', 500);
        expect((await store.getSessionAndUser('s1'))!.session.expiresAt).toBe(500);
        await store.deleteSession('s1');
        expect(await store.getSessionAndUser('s1')).toBeNull();
        expect(await store.deleteUserSessions('u', 's2')).toEqual(['s3']);
        expect(await store.getSessionAndUser('s2')).not.toBeNull();
        expect(await store.deleteUserSessions('u')).toEqual(['s2']);
        expect(await store.getSessionAndUser('s2')).toBeNull();
      });

      it('keeps API tokens: lists (newest first), finds by hash, records use, deletes only its owner’s', async () => {
        await store.createUser({ id: 'u', email: 'u@example.org', name: 'U', passwordHash: 'h', at: 1 });
        await store.createUser({ id: 'w', email: 'w@example.org', name: 'W', passwordHash: 'h', at: 1 });
        await store.insertApiToken({
          id: 't1',
          userId: 'u',
          name: 'ci',
          createdAt: 10,
          lastUsedAt: null,
          tokenHash: 'x1',
        });
        await store.insertApiToken({
          id: 't2',
          userId: 'u',
          name: 'cli',
          createdAt: 20,
          lastUsedAt: null,
          tokenHash: 'x2',
        });
        expect((await store.listApiTokens('u')).map((t) => t.id)).toEqual(['t2', 't1']);
        expect(await store.getApiTokenByHash('x1')).toEqual({
          token: { id: 't1', userId: 'u', name: 'ci', createdAt: 10, lastUsedAt: null },
          user: { id: 'u', email: 'u@example.org', name: 'U', createdAt: 1, language: null },
        });
        expect(await store.getApiTokenByHash('nope')).toBeNull();
        await store.touchApiToken('t1', 30);
        expect((await store.getApiTokenByHash('x1'))!.token.lastUsedAt).toBe(30);
        expect(await store.deleteApiToken('w', 't1')).toBe(false);
        expect(await store.deleteApiToken('u', 't1')).toBe(true);
        expect(await store.getApiTokenByHash('x1')).toBeNull();
        expect(await store.listApiTokens('w')).toEqual([]);
      });

      it('deletes an account with its sessions, tokens and memberships, and the maps it alone had', async () => {
        await create('mine');
        await create('shared');
        await store.createUser({ id: 'ama', email: 'ama@example.org', name: 'Ama', passwordHash: 'h', at: 1 });
        await store.setMember('shared', 'ama', 'owner', 1000);
        await store.insertSession({ id: 's', userId: 'owner', expiresAt: 100 }, 10);
        await store.insertApiToken({
          id: 't',
          userId: 'owner',
          name: 'ci',
          createdAt: 10,
          lastUsedAt: null,
          tokenHash: 'x',
        });
        await store.deleteUser('owner', 5000);
        expect(await store.getUser('owner')).toBeNull();
        expect(await store.getSessionAndUser('s')).toBeNull();
        expect(await store.getApiTokenByHash('x')).toBeNull();
        expect(await store.getMap('mine')).toBeNull();
        expect(await store.getMap('shared')).not.toBeNull();
        expect((await store.listMembers('shared')).map((m) => m.userId)).toEqual(['ama']);
      });

      it('refuses to delete the only owner of a map others use, and deletes nothing then', async () => {
        await create('mine', 1000);
        await create('shared', 2000);
        await store.createUser({ id: 'ama', email: 'ama@example.org', name: 'Ama', passwordHash: 'h', at: 1 });
        await store.setMember('shared', 'ama', 'editor', 2000);
        expect(await store.deleteUserUnlessLastOwner('owner', 5000)).toMatchObject({
          ok: false,
          reason: 'last-owner',
          map: { id: 'shared', title: 'Map shared' },
        });
        expect(await store.getUser('owner')).not.toBeNull();
        expect(await store.getMap('mine')).not.toBeNull();
        await store.changeRole('shared', 'ama', 'owner');
        const deleted = await store.deleteUserUnlessLastOwner('owner', 6000);
        expect(deleted.ok && deleted.maps.map((m) => [m.id, m.role])).toEqual([
          ['shared', 'owner'],
          ['mine', 'owner'],
        ]);
        expect(await store.getUser('owner')).toBeNull();
        expect(await store.getMap('mine')).toBeNull();
        expect(await store.listMembers('shared')).toMatchObject([{ userId: 'ama', role: 'owner' }]);
      });
    });

    describe('members and invites', () => {
      /** Map m with the owner and Ama (editor); Ben has an account but no access. */
      const setUp = async () => {
        await create('m');
        await store.createUser({ id: 'ama', email: 'ama@example.org', name: 'Ama', passwordHash: 'h', at: 1 });
        await store.createUser({ id: 'ben', email: 'ben@example.org', name: 'Ben', passwordHash: 'h', at: 1 });
        await store.setMember('m', 'ama', 'editor', 2000);
      };

      it('adds members, changes roles, counts owners and removes members', async () => {
        await setUp();
        expect(await store.listMembers('m')).toEqual([
          { userId: 'owner', email: 'owner@example.org', name: 'Owner', role: 'owner', addedAt: 1000 },
          { userId: 'ama', email: 'ama@example.org', name: 'Ama', role: 'editor', addedAt: 2000 },
        ]);
        expect(await store.getRole('m', 'ama')).toBe('editor');
        expect(await store.getRole('m', 'ben')).toBeNull();
        await store.setMember('m', 'ama', 'viewer', 3000);
        expect(await store.listMembers('m')).toMatchObject([{}, { userId: 'ama', role: 'viewer', addedAt: 2000 }]);
        expect(await store.countOwners('m')).toBe(1);
        await store.setMember('m', 'ama', 'owner', 3000);
        expect(await store.countOwners('m')).toBe(2);
        expect(await store.removeMember('m', 'ama')).toBe(true);
        expect(await store.removeMember('m', 'ama')).toBe(false);
        expect(await store.countOwners('m')).toBe(1);
        expect(await store.countOwners('nope')).toBe(0);
      });

      it('changes a role or removes a member only while the map keeps an owner', async () => {
        await setUp();
        expect(await store.changeRole('m', 'owner', 'editor')).toMatchObject({
          ok: false,
          reason: 'last-owner',
          map: { id: 'm' },
        });
        expect(await store.removeMemberUnlessLastOwner('m', 'owner')).toMatchObject({
          ok: false,
          reason: 'last-owner',
        });
        expect(await store.changeRole('m', 'owner', 'owner')).toEqual({ ok: true, previous: 'owner' });
        expect(await store.changeRole('m', 'ben', 'editor')).toEqual({ ok: false, reason: 'not-member' });
        expect(await store.getRole('m', 'ben')).toBeNull();
        expect(await store.removeMemberUnlessLastOwner('m', 'ben')).toEqual({ ok: false, reason: 'not-member' });
        expect(await store.changeRole('m', 'ama', 'owner')).toEqual({ ok: true, previous: 'editor' });
        expect(await store.changeRole('m', 'owner', 'commenter')).toEqual({ ok: true, previous: 'owner' });
        expect(await store.removeMemberUnlessLastOwner('m', 'owner')).toEqual({ ok: true, previous: 'commenter' });
        expect(await store.listMembers('m')).toMatchObject([{ userId: 'ama', role: 'owner' }]);
      });

      it('of two owners demoting or removing each other at once, one is refused', async () => {
        await setUp();
        await store.changeRole('m', 'ama', 'owner');
        const other = await another();
        const demotions = await Promise.all([
          store.changeRole('m', 'owner', 'editor'),
          other.changeRole('m', 'ama', 'editor'),
        ]);
        expect(demotions.filter((r) => r.ok)).toHaveLength(1);
        expect(demotions.filter((r) => !r.ok && r.reason === 'last-owner')).toHaveLength(1);
        expect(await store.countOwners('m')).toBe(1);

        // Back to two owners; now both leave at once.
        const stillOwner = (await store.listMembers('m')).find((m) => m.role === 'owner')!.userId;
        const demoted = stillOwner === 'owner' ? 'ama' : 'owner';
        await store.changeRole('m', demoted, 'owner');
        const removals = await Promise.all([
          store.removeMemberUnlessLastOwner('m', 'owner'),
          other.removeMemberUnlessLastOwner('m', 'ama'),
        ]);
        expect(removals.filter((r) => r.ok)).toHaveLength(1);
        expect(await store.countOwners('m')).toBe(1);
        expect(await other.listMembers('m')).toHaveLength(1);
      });

      it('an owner deleting their account while the other owner steps down leaves the map an owner', async () => {
        await setUp();
        await store.changeRole('m', 'ama', 'owner');
        await store.setMember('m', 'ben', 'viewer', 2500);
        const other = await another();
        const [deleted, demoted] = await Promise.all([
          store.deleteUserUnlessLastOwner('owner', 5000),
          other.changeRole('m', 'ama', 'editor'),
        ]);
        expect([deleted.ok, demoted.ok].filter(Boolean)).toHaveLength(1);
        expect(await store.getMap('m')).not.toBeNull();
        expect(await store.countOwners('m')).toBe(1);
      });

      it('keeps invites: finds them by hash, lists them newest first, revokes once', async () => {
        await setUp();
        const invite = (id: string, createdAt: number) => ({
          id,
          mapId: 'm',
          role: 'editor' as const,
          createdBy: 'owner',
          createdAt,
          expiresAt: createdAt + 100,
          revokedAt: null,
          tokenHash: `hash-${id}`,
        });
        await store.insertInvite(invite('i1', 10));
        await store.insertInvite(invite('i2', 20));
        const { tokenHash: _hash, ...first } = invite('i1', 10);
        expect(await store.getInviteByHash('hash-i1')).toEqual(first);
        expect(await store.getInviteByHash('nope')).toBeNull();
        expect((await store.listInvites('m')).map((i) => i.id)).toEqual(['i2', 'i1']);
        expect(await store.revokeInvite('other', 'i1', 30)).toBe(false);
        expect(await store.revokeInvite('m', 'i1', 30)).toBe(true);
        expect(await store.revokeInvite('m', 'i1', 40)).toBe(false);
        expect((await store.getInviteByHash('hash-i1'))!.revokedAt).toBe(30);
        expect(await store.listInvites('other')).toEqual([]);
      });
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

    describe('history', () => {
      const change = (
        ids: string[],
        patch: MapPatch = { n: Object.fromEntries(ids.map((id) => [id, { label: id }])) },
      ) => ({
        patch,
        summary: { added: [], removed: [], changed: [], moved: [], meta: patch.m ? Object.keys(patch.m) : [] },
        ids,
      });

      it('indexes each update’s change with it, and lists patches and history, per card too', async () => {
        await create('m', 1000);
        await store.createUser({ id: 'ama', email: 'ama@example.org', name: 'Ama', passwordHash: 'h', at: 1 });
        await store.appendUpdates('m', [
          { update: update('a'), author: 'ama', at: 2000, change: change(['card-a']) },
          { update: update('b'), author: 'ghost', at: 3000, change: change(['card-a', 'card-b']) },
          { update: update('c'), author: 'ama', at: 4000, change: change([], { m: { title: 'T' } }) },
        ]);
        // seq 1 (the creation) has no change recorded: the index stops before it.
        expect(await store.history.indexedThrough('m')).toBe(0);
        await store.history.saveChanges('m', [{ seq: 1, ...change([]) }]);
        expect(await store.history.indexedThrough('m')).toBe(4);
        expect(await store.history.listPatches('m', 1, 3)).toEqual([
          { seq: 2, patch: { n: { 'card-a': { label: 'card-a' } } } },
          { seq: 3, patch: { n: { 'card-a': { label: 'card-a' }, 'card-b': { label: 'card-b' } } } },
        ]);
        expect(await store.history.listPatches('m', 4, 10)).toEqual([]);
        const all = await store.history.listHistory('m', { before: 100, limit: 2 });
        expect(all.map((e) => [e.seq, e.author, e.authorName, [...e.ids].sort()])).toEqual([
          [4, 'ama', 'Ama', []],
          [3, 'ghost', null, ['card-a', 'card-b']],
        ]);
        expect(all[0]!.summary).toMatchObject({ meta: ['title'] });
        expect(
          (await store.history.listHistory('m', { before: 100, limit: 10, target: 'card-a' })).map((e) => e.seq),
        ).toEqual([3, 2]);
        expect(await store.history.listEntryTimes('m')).toEqual([
          { seq: 1, at: 1000, author: 'owner' },
          { seq: 2, at: 2000, author: 'ama' },
          { seq: 3, at: 3000, author: 'ghost' },
          { seq: 4, at: 4000, author: 'ama' },
        ]);
        expect(await store.history.lastSeq('m')).toBe(4);
        expect(await store.history.seqAt('m', 2999)).toBe(2);
        expect(await store.history.seqAt('m', 999)).toBe(0);
        expect(await store.history.timeOf('m', 3)).toBe(3000);
        expect(await store.history.timeOf('m', 9)).toBeNull();
        expect(await store.history.userNames(['ama', 'ghost', 'ama'])).toEqual(new Map([['ama', 'Ama']]));
        // What others did since seq 1, seen by the owner: two cards, the settings, by Ama and a guest.
        expect(await store.history.changesSince('m', 1, 'owner')).toEqual({ changes: 3, authors: ['ama', 'ghost'] });
        expect(await store.history.changesSince('m', 1, 'ama')).toEqual({ changes: 2, authors: ['ghost'] });
      });

      it('keeps checkpoints and reports what reaching now from one costs', async () => {
        await create('m');
        await store.appendUpdates('m', [
          { update: update('a'), author: 'owner', at: 2000, change: change(['x']) },
          { update: update('b'), author: 'owner', at: 3000, change: change(['y']) },
        ]);
        await store.history.saveCheckpoint('m', 2, new Uint8Array([1, 2, 3]), 2000);
        await store.history.saveCheckpoint('m', 3, new Uint8Array([4, 5, 6, 7]), 3000);
        store = await reopen();
        expect(await store.history.checkpointAtOrBefore('m', 2)).toEqual({ seq: 2, state: new Uint8Array([1, 2, 3]) });
        expect(await store.history.checkpointAtOrBefore('m', 1)).toBeNull();
        expect((await store.history.checkpointAtOrBefore('m', 99))!.seq).toBe(3);
        expect(await store.history.checkpointStats('m')).toEqual({ count: 2, bytes: 7, lastSeq: 3, lastBytes: 4 });
        const tail = await store.history.tailSince('m', 1);
        expect(tail.updates).toBe(2);
        expect(tail.patchBytes).toBeGreaterThan(0);
        expect(await store.history.checkpointStats('other')).toEqual({ count: 0, bytes: 0, lastSeq: 0, lastBytes: 0 });
      });

      it('keeps snapshots: named or automatic, renamed, purged when automatic and old, gone with the map', async () => {
        await create('m', 1000);
        await store.appendUpdates('m', [{ update: update('a'), author: 'owner', at: 2000 }]);
        const snap = (id: string, seq: number, reason: 'daily' | null, createdAt: number) =>
          store.history.insertSnapshot({
            id,
            mapId: 'm',
            seq,
            name: id,
            note: '',
            reason,
            named: reason === null,
            createdBy: 'owner',
            createdAt,
          });
        expect(await snap('s0', 0, null, 1500)).toMatchObject({ takenAt: 1000, named: true, createdByName: 'Owner' });
        expect(await snap('s2', 2, 'daily', 2500)).toMatchObject({ takenAt: 2000, named: false, reason: 'daily' });
        await snap('s3', 2, 'daily', 2600);
        expect((await store.history.listSnapshots('m')).map((s) => s.id)).toEqual(['s3', 's2', 's0']);
        expect((await store.history.latestSnapshot('m', 'daily'))!.id).toBe('s3');
        expect(await store.history.updateSnapshot('m', 's2', { name: 'Kept' })).toMatchObject({
          name: 'Kept',
          named: true,
        });
        await store.history.saveSession({
          id: 'ls',
          mapId: 'm',
          startedAt: 2000,
          endedAt: 2600,
          fromSeq: 1,
          toSeq: 2,
          changes: 1,
          participants: ['owner', 'ama'],
          snapshotId: 's3',
          summary: null,
        });
        // Only the unnamed automatic one is old enough; the session keeps its record without it.
        expect(await store.history.purgeAutomaticSnapshots(3000)).toBe(1);
        expect((await store.history.listSnapshots('m')).map((s) => s.id)).toEqual(['s2', 's0']);
        expect(await store.history.listSessions('m')).toMatchObject([
          { id: 'ls', participants: ['owner', 'ama'], snapshotId: null },
        ]);
        expect(await store.history.deleteSnapshot('m', 's0')).toBe(true);
        expect(await store.history.deleteSnapshot('m', 's0')).toBe(false);
        expect(await store.history.getSnapshot('other', 's2')).toBeNull();
        await store.deleteMap('m', 5000);
        expect(await store.history.listSnapshots('m')).toEqual([]);
        expect(await store.history.listSessions('m')).toEqual([]);
      });

      it('saves live sessions over again and records visits, the first one only when absent', async () => {
        await create('m');
        const session = {
          id: 'ls',
          mapId: 'm',
          startedAt: 2000,
          endedAt: null,
          fromSeq: 1,
          toSeq: 1,
          changes: 0,
          participants: ['owner'],
          snapshotId: null,
          summary: null,
        };
        await store.history.saveSession(session);
        await store.history.saveSession({ ...session, endedAt: 3000, toSeq: 5, changes: 4, summary: 'four' });
        expect(await store.history.listSessions('m')).toEqual([
          { ...session, endedAt: 3000, toSeq: 5, changes: 4, summary: 'four' },
        ]);
        await store.history.deleteSession('m', 'ls');
        expect(await store.history.listSessions('m')).toEqual([]);

        expect(await store.history.getVisit('m', 'owner')).toBeNull();
        await store.history.setVisit('m', 'owner', 1, 100, true);
        await store.history.setVisit('m', 'owner', 2, 200, true);
        expect(await store.history.getVisit('m', 'owner')).toEqual({ seq: 1, at: 100 });
        await store.history.setVisit('m', 'owner', 3, 300);
        expect(await store.history.getVisit('m', 'owner')).toEqual({ seq: 3, at: 300 });
      });
    });

    describe('reviews', () => {
      const review = (id: string, createdAt: number) => ({
        id,
        mapId: 'm',
        title: `Review ${id}`,
        status: 'open' as const,
        fromSeq: 1,
        fromSnapshotId: null,
        toSeq: null,
        toSnapshotId: null,
        notes: { single: '', double: '', triple: '' },
        createdBy: 'owner',
        createdAt,
        closedAt: null,
      });

      it('keeps reviews with participants, decisions, lessons and ratings, in order', async () => {
        await create('m');
        await store.reviews.createReview(review('r1', 2000));
        await store.reviews.createReview(review('r2', 2000));
        await store.reviews.addParticipant('r1', 'ama', 2100);
        await store.reviews.addParticipant('r1', 'ama', 2200);
        const decision = (id: string, createdAt: number) => ({
          id,
          reviewId: 'r1',
          text: id,
          ownerId: null,
          ownerName: 'Partner org',
          due: null,
          status: 'open' as const,
          cards: ['c1'],
          createdBy: 'owner',
          createdAt,
        });
        await store.reviews.insertDecision(decision('d1', 3000));
        await store.reviews.insertDecision(decision('d2', 3000));
        await store.reviews.insertLesson({
          id: 'l1',
          reviewId: 'r1',
          loop: 'double',
          text: 'lesson',
          cardId: 'card',
          createdBy: 'owner',
          createdAt: 3100,
        });
        await store.reviews.insertRating({
          id: 'a1',
          reviewId: 'r1',
          assumptionId: 'as',
          assumptionLabel: 'Assumption',
          status: 'at-risk',
          note: 'hm',
          createdBy: 'owner',
          createdAt: 3200,
        });
        expect(await store.reviews.updateDecision('r1', 'd1', { status: 'done', cards: ['c1', 'c2'] })).toBe(true);
        expect(await store.reviews.updateDecision('r1', 'nope', { status: 'done' })).toBe(false);
        expect(await store.reviews.deleteDecision('r1', 'd2')).toBe(true);
        expect(await store.reviews.deleteDecision('r1', 'd2')).toBe(false);
        await store.reviews.updateReview('m', 'r1', {
          status: 'closed',
          toSeq: 1,
          closedAt: 4000,
          notes: { single: 's', double: 'd', triple: 't' },
        });
        store = await reopen();
        // Newest first; of two created in one millisecond, the later one first.
        expect((await store.reviews.listReviews('m')).map((r) => r.id)).toEqual(['r2', 'r1']);
        expect(await store.reviews.getReview('m', 'r1')).toMatchObject({
          status: 'closed',
          toSeq: 1,
          closedAt: 4000,
          notes: { single: 's', double: 'd', triple: 't' },
          participants: ['owner', 'ama'],
          decisions: [{ id: 'd1', status: 'done', cards: ['c1', 'c2'], ownerName: 'Partner org' }],
          lessons: [{ id: 'l1', loop: 'double' }],
          ratings: [{ id: 'a1', status: 'at-risk', assumptionLabel: 'Assumption' }],
        });
        expect(await store.reviews.getReview('other', 'r1')).toBeNull();
        await store.deleteMap('m', 5000);
        expect(await store.reviews.listReviews('m')).toEqual([]);
        expect(await store.reviews.getReview('m', 'r1')).toBeNull();
      });

      it('keeps members’ organisations', async () => {
        await create('m');
        expect(await store.reviews.setOrganisation('m', 'owner', 'Org A')).toBe(true);
        expect(await store.reviews.setOrganisation('m', 'stranger', 'Org B')).toBe(false);
        expect(await store.reviews.organisations('m')).toEqual(new Map([['owner', 'Org A']]));
        await store.reviews.setOrganisation('m', 'owner', null);
        expect(await store.reviews.organisations('m')).toEqual(new Map());
      });
    });

    describe('throttles', () => {
      const T0 = 1_000_000;
      const bucket = (limit: string, key: string, capacity = 3, refillMs = 60_000): ThrottleBucket => ({
        limit,
        key,
        capacity,
        refillMs,
      });
      /** Takes from the buckets `times` times at `now`; how many were let through. */
      const takes = async (s: Store, buckets: ThrottleBucket[], now: number, times: number) => {
        let ok = 0;
        for (let i = 0; i < times; i++) if ((await s.throttles.takeAttempt(buckets, now)).ok) ok++;
        return ok;
      };

      it('lets a burst through, then refuses with the wait and takes from no bucket', async () => {
        const address = bucket('perAddress', '203.0.113.0', 3, 60_000);
        const account = bucket('perAccount', 'ama@example.org', 5, 60_000);
        expect(await takes(store, [address, account], T0, 3)).toBe(3);
        expect(await store.throttles.takeAttempt([address, account], T0 + 500)).toEqual({
          ok: false,
          refused: [{ limit: 'perAddress', retryAfterMs: 59_500 }],
        });
        // The refusal took nothing from the account's bucket: two are left, not one.
        expect(await takes(store, [account], T0 + 500, 3)).toBe(2);
        expect(await store.throttles.takeAttempt([address, account], T0 + 500)).toEqual({
          ok: false,
          refused: [
            { limit: 'perAddress', retryAfterMs: 59_500 },
            { limit: 'perAccount', retryAfterMs: 59_500 },
          ],
        });
        // One attempt comes back per refill period.
        expect(await takes(store, [address], T0 + 60_000, 2)).toBe(1);
        expect(await takes(store, [address], T0 + 60_000 + 2 * 60_000, 3)).toBe(2);
      });

      it('limits and keys are separate buckets, and long keys are fine', async () => {
        const long = 'x'.repeat(5000);
        expect(await takes(store, [bucket('perAddress', 'k', 2)], T0, 3)).toBe(2);
        expect(await takes(store, [bucket('perAccount', 'k', 2)], T0, 3)).toBe(2);
        expect(await takes(store, [bucket('perAddress', 'k2', 2)], T0, 3)).toBe(2);
        expect(await takes(store, [bucket('perAddress', long, 2)], T0, 3)).toBe(2);
        expect(await takes(store, [bucket('perAddress', `${long}y`, 2)], T0, 3)).toBe(2);
      });

      it('a refund gives one attempt back, never more than the capacity', async () => {
        const b = bucket('perSignedIn', 'session:s1', 3);
        expect(await takes(store, [b], T0, 3)).toBe(3);
        await store.throttles.refundAttempt([b], T0);
        expect(await takes(store, [b], T0, 2)).toBe(1);
        // Refunds to a bucket that is full (or has no row) change nothing.
        const fresh = bucket('perSignedIn', 'session:s2', 3);
        await store.throttles.refundAttempt([fresh], T0);
        await store.throttles.refundAttempt([fresh], T0);
        expect(await takes(store, [fresh], T0, 5)).toBe(3);
        // A bucket that refilled while the attempt was in flight stays full.
        const slow = bucket('perSignedIn', 'session:s3', 3, 1000);
        expect(await takes(store, [slow], T0, 1)).toBe(1);
        await store.throttles.refundAttempt([slow], T0 + 5000);
        expect(await takes(store, [slow], T0 + 5000, 5)).toBe(3);
      });

      it('expiry forgets only the buckets that are full again', async () => {
        const quick = bucket('perAddress', 'quick', 3, 1000);
        const slow = bucket('perAddress', 'slow', 3, 60_000);
        expect(await takes(store, [quick], T0, 3)).toBe(3);
        expect(await takes(store, [slow], T0, 3)).toBe(3);
        expect(await store.throttles.expireThrottles(T0 + 2999)).toBe(0);
        expect(await store.throttles.expireThrottles(T0 + 3000)).toBe(1);
        // The slow bucket kept its state: still empty, save what refilled.
        expect(await takes(store, [slow], T0 + 3000, 3)).toBe(0);
        expect(await takes(store, [quick], T0 + 3000, 4)).toBe(3);
        // It survives a reopen (a restart) as well.
        store = await reopen();
        expect(await takes(store, [slow], T0 + 60_000, 3)).toBe(1);
      });

      it('two instances on one database count the same attempts and refunds', async () => {
        const other = await another();
        const b = bucket('perAccountAndAddress', 'ama@example.org\n198.51.100.0', 3);
        expect(await takes(store, [b], T0, 2)).toBe(2);
        expect(await takes(other, [b], T0, 2)).toBe(1);
        expect((await store.throttles.takeAttempt([b], T0)).ok).toBe(false);
        await other.throttles.refundAttempt([b], T0);
        expect(await takes(store, [b], T0, 2)).toBe(1);
        // An expiry run by one instance does not lose the other's state.
        expect(await other.throttles.expireThrottles(T0 + 1000)).toBe(0);
        expect((await store.throttles.takeAttempt([b], T0 + 1000)).ok).toBe(false);
      });

      it('concurrent takes from two instances let exactly the capacity through, in any bucket order', async () => {
        const other = await another();
        const a = bucket('perAddress', 'shared-a', 10);
        const b = bucket('perAccount', 'shared-b', 10);
        // Neither call is awaited before the others start, as two busy server processes would;
        // half name the buckets in the other order.
        const results = await Promise.all(
          Array.from({ length: 30 }, (_, i) =>
            (i % 2 === 0 ? store : other).throttles.takeAttempt(i % 3 === 0 ? [b, a] : [a, b], T0),
          ),
        );
        expect(results.filter((r) => r.ok)).toHaveLength(10);
        expect(await takes(store, [a], T0, 1)).toBe(0);
        expect(await takes(other, [b], T0, 1)).toBe(0);
        // And concurrent refunds each give one back.
        await Promise.all(
          Array.from({ length: 4 }, (_, i) => (i % 2 ? store : other).throttles.refundAttempt([a], T0)),
        );
        expect(await takes(other, [a], T0, 6)).toBe(4);
      });
    });
  });
}
