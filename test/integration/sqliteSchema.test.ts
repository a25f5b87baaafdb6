import { afterEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { SchemaTooNewError, SqliteStore } from '@loopmap/server';
import { removeDir, startChildServer, tempDataDir, type ChildServer } from './support/servers.ts';
import { request, signUp } from './support/accounts.ts';

/**
 * A SQLite file migrated by a newer Loopmap (its schema_migrations names a version this code
 * does not know): running older code on it could corrupt it, so the store refuses to open it and
 * the server refuses to start, in one line, as it does on such a PostgreSQL database.
 */
const tamper = (filename: string, sql: string): void => {
  const db = new Database(filename);
  try {
    db.exec(sql);
  } finally {
    db.close();
  }
};

const versions = (filename: string): number[] => {
  const db = new Database(filename, { readonly: true });
  try {
    return db
      .prepare<[], { version: number }>('SELECT version FROM schema_migrations ORDER BY version')
      .all()
      .map((row) => row.version);
  } finally {
    db.close();
  }
};

describe('a SQLite file with a schema newer than the code', () => {
  let dir: string | null = null;
  const servers: ChildServer[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => s.stop()));
    if (dir) removeDir(dir);
    dir = null;
  });

  it('SqliteStore refuses to open it and applies none of its own migrations', async () => {
    dir = tempDataDir('sqlite-schema');
    const filename = join(dir, 'loopmap.sqlite');
    const first = new SqliteStore({ filename, checkpointEveryMs: 0 });
    await first.createUser({ id: 'u', email: 'u@example.org', name: 'U', passwordHash: 'h', at: 1 });
    await first.close();
    const known = versions(filename);
    const latest = Math.max(...known);
    // As a newer Loopmap would leave it, but without this code's latest migration: opening must
    // not apply that one either.
    tamper(
      filename,
      `DROP TABLE throttle_buckets; DELETE FROM schema_migrations WHERE version = ${latest};
       INSERT INTO schema_migrations (version, applied_at) VALUES (9999, 0);`,
    );

    let refused: unknown = null;
    try {
      await new SqliteStore({ filename, checkpointEveryMs: 0 }).close();
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(SchemaTooNewError);
    expect((refused as Error).message).toBe(
      `the SQLite schema is at version 9999, newer than this Loopmap knows (${latest}): ` +
        'run the newer Loopmap, or restore a backup taken before it was started',
    );
    expect(versions(filename)).toEqual([...known.filter((v) => v !== latest), 9999]);
    const db = new Database(filename, { readonly: true });
    try {
      expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'throttle_buckets'").all()).toEqual([]);
      expect(db.prepare('SELECT id FROM users').all()).toEqual([{ id: 'u' }]);
    } finally {
      db.close();
    }
  });

  it('the server exits 1 with a one-line reason, and starts again once the file is one it knows', async () => {
    dir = tempDataDir('sqlite-schema');
    const filename = join(dir, 'loopmap.sqlite');
    const first = await startChildServer(dir);
    const ama = await signUp(first.url, 'Ama');
    await first.stop();
    tamper(filename, 'INSERT INTO schema_migrations (version, applied_at) VALUES (9999, 0)');

    const output = await startChildServer(dir).then(
      async (server) => {
        await server.stop();
        return 'started';
      },
      (error: unknown) => String((error as Error).message),
    );
    expect(output).toMatch(/server exited with 1/);
    expect(output).toContain(`could not start with the data in ${dir}`);
    expect(output).toContain('the SQLite schema is at version 9999, newer than this Loopmap knows');

    // Restored (here: the newer version's row removed), it serves the same data.
    tamper(filename, 'DELETE FROM schema_migrations WHERE version = 9999');
    const again = await startChildServer(dir);
    servers.push(again);
    const signedIn = await request(again.url, 'POST', '/api/auth/login', { email: ama.email, password: ama.password });
    expect(signedIn.status).toBe(200);
  });
});
