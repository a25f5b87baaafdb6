import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import pg from 'pg';
import { migratePostgres, POSTGRES_MIGRATIONS, PostgresStore, SchemaTooNewError } from '@loopmap/server';
import { freshSchema, inSchema, MUST_RUN, postgresUnavailable, TEST_DATABASE_URL } from './support/postgres.ts';

/**
 * What an operator sees when Loopmap instances start on a PostgreSQL database: the schema is
 * migrated once however many start at once, a restart changes nothing, a failed migration leaves
 * nothing half-done, and code older than the schema refuses to start.
 */
describe('PostgreSQL migrations', () => {
  let schema = '';
  let drop: (() => Promise<void>) | null = null;
  const stores: PostgresStore[] = [];
  const open = async () => {
    const store = await PostgresStore.open({ connectionString: TEST_DATABASE_URL, schema, max: 2 });
    stores.push(store);
    return store;
  };
  const versions = async () =>
    (await inSchema<{ version: number }>(schema, 'SELECT version FROM schema_migrations ORDER BY version')).map(
      (r) => r.version,
    );
  const known = POSTGRES_MIGRATIONS.map((m) => m.version);

  beforeEach(async (context) => {
    drop = null;
    const reason = await postgresUnavailable();
    if (reason) {
      if (MUST_RUN) throw new Error(`PostgreSQL migrations cannot be tested: ${reason}`);
      console.log(`[postgresMigrations] skipped (${reason})`);
      context.skip();
      return;
    }
    ({ schema, drop } = await freshSchema());
  });
  afterEach(async () => {
    await Promise.all(stores.splice(0).map((s) => s.close()));
    await drop?.();
  });

  it('instances starting at once on a fresh database all start, and migrate it once', async () => {
    const started = await Promise.allSettled([open(), open(), open(), open()]);
    expect(started.map((s) => (s.status === 'rejected' ? String(s.reason) : 'ok'))).toEqual(['ok', 'ok', 'ok', 'ok']);
    expect(await versions()).toEqual(known);
    // They share one database: what one writes, another reads.
    const [a, b] = stores;
    await a!.createUser({ id: 'u', email: 'u@example.org', name: 'U', passwordHash: 'h', at: 1 });
    expect(await b!.getUser('u')).toMatchObject({ email: 'u@example.org' });
  });

  it('a restart applies nothing and keeps the data', async () => {
    const first = await open();
    await first.createUser({ id: 'u', email: 'u@example.org', name: 'U', passwordHash: 'h', at: 1 });
    const pool = new pg.Pool({ connectionString: TEST_DATABASE_URL, options: `-c search_path=${schema}` });
    try {
      expect(await migratePostgres(pool)).toEqual({ applied: [] });
    } finally {
      await pool.end();
    }
    const second = await open();
    expect(await second.getUser('u')).not.toBeNull();
    expect(await versions()).toEqual(known);
  });

  it('a run of migrations where one fails applies none of them', async () => {
    await open();
    const broken = [
      ...POSTGRES_MIGRATIONS,
      { version: 1000, sql: 'CREATE TABLE half_done (id TEXT)' },
      { version: 1001, sql: 'SELECT no_such_function()' },
    ];
    const pool = new pg.Pool({ connectionString: TEST_DATABASE_URL, options: `-c search_path=${schema}` });
    try {
      await expect(migratePostgres(pool, broken)).rejects.toThrow(/no_such_function/);
    } finally {
      await pool.end();
    }
    expect(await versions()).toEqual(known);
    expect(
      await inSchema(schema, "SELECT 1 FROM pg_tables WHERE schemaname = $1 AND tablename = 'half_done'", [schema]),
    ).toEqual([]);
  });

  it('refuses to start on a schema newer than the code, saying so, and changes nothing', async () => {
    const first = await open();
    await first.createUser({ id: 'u', email: 'u@example.org', name: 'U', passwordHash: 'h', at: 1 });
    const newer = Math.max(...known) + 1;
    await inSchema(schema, 'INSERT INTO schema_migrations (version, applied_at) VALUES ($1, 0)', [newer]);
    const refused = await open().then(
      () => null,
      (error: unknown) => error,
    );
    expect(refused).toBeInstanceOf(SchemaTooNewError);
    expect(String((refused as Error).message)).toContain(`version ${newer}, newer than this Loopmap knows`);
    expect(await versions()).toEqual([...known, newer]);
    expect(await inSchema(schema, 'SELECT id FROM users')).toEqual([{ id: 'u' }]);
  });
});
