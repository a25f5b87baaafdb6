import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { COMMENTS_API, HISTORY_API, addNode, createOrigin, readNodes } from '@loopmap/shared';
import { copySqliteToPostgres, verifyCopy } from '../../server/src/storage/copyToPostgres.ts';
import { connectPeer } from './support/peers.ts';
import { repoRoot, removeDir, startTestServer, tempDataDir } from './support/servers.ts';
import { addMember, createMapAs, request, sessionCookieFrom, signUp, type Actor } from './support/accounts.ts';
import { freshSchema, inSchema, MUST_RUN, postgresUnavailable, urlForSchema } from './support/postgres.ts';

/**
 * Moving a Loopmap from its SQLite file to PostgreSQL: a data directory written by a real server
 * is copied into a fresh schema, and a server on that schema carries on where the old one
 * stopped: the same accounts, passwords, maps, cards, comments and members.
 */
describe('copying a SQLite data file into PostgreSQL', () => {
  let dir = '';
  let schema = '';
  let drop: (() => Promise<void>) | null = null;

  beforeEach(() => {
    dir = tempDataDir('pg-copy');
    drop = null;
  });
  afterEach(async () => {
    await drop?.();
    removeDir(dir);
  });

  const needPostgres = async (context: { skip(): void }): Promise<boolean> => {
    const reason = await postgresUnavailable();
    if (!reason) {
      ({ schema, drop } = await freshSchema());
      return true;
    }
    if (MUST_RUN) throw new Error(`PostgreSQL copy tests cannot run: ${reason}`);
    console.log(`[copyToPostgres] skipped (${reason})`);
    context.skip();
    return false;
  };

  const sqliteFile = (): string => join(dir, 'loopmap.sqlite');

  /** A data directory with two users, two maps with cards, members, comments, an invite, a snapshot and a review. */
  async function buildSqliteData(): Promise<{ ana: Actor; bo: Actor; mapId: string; otherId: string }> {
    // Compacting after every other update, so both the stored states and the log tails are copied.
    const server = await startTestServer(dir, { rooms: { compactEvery: 2, compactDebounceMs: 0 } });
    try {
      const url = server.url;
      const ana = await signUp(url, 'Ana');
      const bo = await signUp(url, 'Bo');
      const mapId = await createMapAs(ana, 'Youth sport network');
      const otherId = await createMapAs(bo, 'Second map');
      await addMember(ana, mapId, bo, 'editor');
      const peer = connectPeer(url, mapId, 'ana', ana, { saved: true });
      await peer.whenSynced();
      for (const label of ['More girls play', 'Coaches trained', 'Parents trust clubs']) {
        addNode(peer.doc, { kind: 'outcome', label, x: 0, y: 0 }, createOrigin('user', ana.userId));
        await peer.whenSaved();
      }
      peer.destroy();
      const thread = await bo.api('POST', COMMENTS_API.threads(mapId), {
        target: { kind: 'node', id: 'somewhere' },
        body: 'Which clubs?',
      });
      expect(thread.status, JSON.stringify(thread.body)).toBe(201);
      expect(
        (await ana.api('POST', COMMENTS_API.replies(mapId, thread.body.thread.id), { body: 'The three in town' }))
          .status,
      ).toBe(201);
      expect((await ana.api('POST', `/api/maps/${mapId}/invites`, { role: 'viewer', expiresInDays: 7 })).status).toBe(
        201,
      );
      expect((await ana.api('POST', HISTORY_API.snapshots(mapId), { name: 'Before the review' })).status).toBe(201);
      expect((await ana.api('POST', HISTORY_API.reviews(mapId), { title: 'Q1 review' })).status).toBe(201);
      return { ana, bo, mapId, otherId };
    } finally {
      await server.close();
    }
  }

  const countRows = (table: string): number => {
    const db = new Database(sqliteFile(), { readonly: true });
    try {
      return db.prepare<[], { n: number }>(`SELECT COUNT(*) AS n FROM ${table}`).get()!.n;
    } finally {
      db.close();
    }
  };

  it('a server on the copy lets users sign in with their old passwords and shows the same maps', async (context) => {
    if (!(await needPostgres(context))) return;
    const { ana, bo, mapId, otherId } = await buildSqliteData();
    expect(countRows('doc_states')).toBeGreaterThan(0);
    const lines: string[] = [];
    const updateProgress: number[] = [];
    const result = await copySqliteToPostgres({
      sqliteFile: sqliteFile(),
      databaseUrl: urlForSchema(schema),
      log: (line) => lines.push(line),
      // Small batches, so a table takes several INSERTs.
      batchSize: 2,
      onProgress: (progress) => progress.table === 'doc_updates' && updateProgress.push(progress.copied),
    });
    expect(updateProgress).toEqual(
      Array.from({ length: Math.ceil(countRows('doc_updates') / 2) }, (_, i) =>
        Math.min(2 * (i + 1), countRows('doc_updates')),
      ),
    );
    expect(updateProgress.length).toBeGreaterThan(1);
    expect(result.verification.problems).toEqual([]);
    expect(result.verification.ok).toBe(true);
    expect(result.verification.mapsChecked).toBe(2);
    const copied = Object.fromEntries(result.copied.map((t) => [t.table, t.rows]));
    for (const table of [
      'users',
      'maps',
      'map_members',
      'invites',
      'doc_updates',
      'doc_states',
      'comments',
      'snapshots',
      'reviews',
    ]) {
      expect(copied[table], table).toBe(countRows(table));
      expect(copied[table], table).toBeGreaterThan(0);
    }
    expect(lines.some((line) => /^copied doc_updates: \d+ rows$/.test(line))).toBe(true);

    // A server on PostgreSQL with a new data directory (the old secret is not needed to sign in).
    const pgDir = tempDataDir('pg-copy-server');
    const server = await startTestServer(pgDir, { databaseUrl: urlForSchema(schema) });
    try {
      const login = await request(server.url, 'POST', '/api/auth/login', { email: bo.email, password: bo.password });
      expect(login.status).toBe(200);
      const cookie = sessionCookieFrom(login.headers)!;
      const as = (method: string, path: string) => request(server.url, method, path, undefined, { cookie });
      const maps = (await as('GET', '/api/maps')).body.maps.map((m: { id: string; title: string }) => [m.id, m.title]);
      expect(maps.sort()).toEqual(
        [
          [mapId, 'Youth sport network'],
          [otherId, 'Second map'],
        ].sort(),
      );
      const members = (await as('GET', `/api/maps/${mapId}/members`)).body.members;
      expect(members.map((m: { name: string; role: string }) => [m.name, m.role]).sort()).toEqual([
        ['Ana', 'owner'],
        ['Bo', 'editor'],
      ]);
      const threads = (await as('GET', COMMENTS_API.threads(mapId))).body.threads;
      expect(threads).toHaveLength(1);
      expect(threads[0].comments.map((c: { body: string }) => c.body)).toEqual(['Which clubs?', 'The three in town']);
      const peer = connectPeer(server.url, mapId, 'bo', { cookie });
      await peer.whenSynced();
      expect(
        readNodes(peer.doc)
          .map((n) => n.label)
          .sort(),
      ).toEqual(['Coaches trained', 'More girls play', 'Parents trust clubs']);
      // And the map goes on: an edit on the copy is kept.
      addNode(peer.doc, { kind: 'risk', label: 'Rain', x: 0, y: 0 }, createOrigin('user', bo.userId));
      await peer.whenSaved();
      peer.destroy();
      const wrong = await request(server.url, 'POST', '/api/auth/login', { email: ana.email, password: 'not it' });
      expect(wrong.status).toBe(401);
    } finally {
      await server.close();
      removeDir(pgDir);
    }
  });

  it('refuses a target that already holds data and leaves it as it was', async (context) => {
    if (!(await needPostgres(context))) return;
    await buildSqliteData();
    // A target already in use: a server signed someone up there.
    const pgDir = tempDataDir('pg-copy-server');
    const server = await startTestServer(pgDir, { databaseUrl: urlForSchema(schema) });
    const zoe = await signUp(server.url, 'Zoe');
    await createMapAs(zoe, 'Already here');
    await server.close();
    removeDir(pgDir);
    const before = await inSchema<{ id: string }>(
      schema,
      'SELECT id FROM users UNION ALL SELECT id FROM maps ORDER BY id',
    );

    await expect(copySqliteToPostgres({ sqliteFile: sqliteFile(), databaseUrl: urlForSchema(schema) })).rejects.toThrow(
      /target database is not empty \(it holds 1 users, 1 maps.*nothing was written/,
    );
    expect(await inSchema(schema, 'SELECT id FROM users UNION ALL SELECT id FROM maps ORDER BY id')).toEqual(before);
    expect(await inSchema(schema, 'SELECT COUNT(*)::int AS n FROM comments')).toEqual([{ n: 0 }]);
  });

  it('a copy that fails part-way leaves the target empty (all or nothing)', async (context) => {
    if (!(await needPostgres(context))) return;
    await buildSqliteData();
    // A row PostgreSQL refuses, late in the copy: a visit by an account that does not exist.
    const db = new Database(sqliteFile());
    db.pragma('foreign_keys = OFF');
    const mapId = db.prepare<[], { id: string }>('SELECT id FROM maps LIMIT 1').get()!.id;
    db.prepare('INSERT INTO map_visits (map_id, user_id, seq, at) VALUES (?, ?, 1, 1)').run(mapId, 'no-such-user');
    db.close();
    const lines: string[] = [];
    await expect(
      copySqliteToPostgres({ sqliteFile: sqliteFile(), databaseUrl: urlForSchema(schema), log: (l) => lines.push(l) }),
    ).rejects.toThrow(/^the copy was rolled back, nothing was written: .*map_visits/);
    expect(lines).toContain('copied users: 2 rows');
    for (const table of ['users', 'maps', 'doc_updates', 'comments']) {
      expect(await inSchema(schema, `SELECT COUNT(*)::int AS n FROM ${table}`), table).toEqual([{ n: 0 }]);
    }
  });

  it('verification reports a copy that lost a row or had a document changed', async (context) => {
    if (!(await needPostgres(context))) return;
    const { mapId } = await buildSqliteData();
    const databaseUrl = urlForSchema(schema);
    expect((await copySqliteToPostgres({ sqliteFile: sqliteFile(), databaseUrl })).verification.ok).toBe(true);

    await inSchema(schema, "UPDATE maps SET title = 'Tampered' WHERE id = $1", [mapId]);
    // The map's stored state and the last update of its log dropped: its document no longer matches.
    await inSchema(schema, 'DELETE FROM doc_states WHERE map_id = $1', [mapId]);
    await inSchema(
      schema,
      'DELETE FROM doc_updates WHERE map_id = $1 AND seq = (SELECT MAX(seq) FROM doc_updates WHERE map_id = $1)',
      [mapId],
    );
    const verification = await verifyCopy({ sqliteFile: sqliteFile(), databaseUrl });
    expect(verification.ok).toBe(false);
    expect(verification.problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^doc_states: \d+ rows in SQLite, \d+ in PostgreSQL$/),
        expect.stringMatching(/^doc_updates: \d+ rows in SQLite, \d+ in PostgreSQL$/),
        expect.stringMatching(/^maps: the same number of rows \(2\) but different contents$/),
        expect.stringMatching(new RegExp(`^map ${mapId}: the document's state vector differs in PostgreSQL$`)),
        expect.stringMatching(
          new RegExp(`^map ${mapId}: the document's state vector differs as PostgresStore loads it$`),
        ),
      ]),
    );
  });

  it('the command prints progress and a summary, never the password, and exits 1 on a non-empty target', async (context) => {
    if (!(await needPostgres(context))) return;
    await buildSqliteData();
    // A password the trust-auth test server ignores, to see that it is never printed.
    const url = urlForSchema(schema).replace('//postgres@', '//postgres:s3cret-pw@');
    const run = () =>
      new Promise<{ code: number | null; out: string }>((resolve) => {
        const child = spawn(
          process.execPath,
          ['--import', 'tsx', 'server/src/copyToPostgres.cli.ts', '--from', sqliteFile(), '--to', url],
          { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] },
        );
        let out = '';
        child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
        child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
        child.on('exit', (code) => resolve({ code, out }));
      });
    const first = await run();
    expect(first.out).not.toContain('s3cret-pw');
    expect(first.code, first.out).toBe(0);
    expect(first.out).toMatch(/^copied users: 2 rows$/m);
    expect(first.out).toMatch(/^ {2}doc_updates +sqlite +\d+ +postgres +\d+ +ok$/m);
    expect(first.out).toContain('verification passed');
    const second = await run();
    expect(second.code).toBe(1);
    expect(second.out).toContain('target database is not empty');
    expect(second.out).not.toContain('s3cret-pw');
  });
});
