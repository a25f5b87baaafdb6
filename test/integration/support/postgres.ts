import { randomBytes } from 'node:crypto';
import pg from 'pg';

/**
 * The PostgreSQL the integration tests use: LOOPMAP_TEST_DATABASE_URL, else a local server with
 * trust auth. Each test works in a schema of its own (freshSchema), so test files running in
 * parallel never see each other's tables.
 */
export const TEST_DATABASE_URL = process.env.LOOPMAP_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** Under CI (or .ci/run's LOOPMAP_REQUIRE_SERVICES) an unreachable PostgreSQL fails instead of skipping. */
export const MUST_RUN = Boolean(process.env.CI) || Boolean(process.env.LOOPMAP_REQUIRE_SERVICES);

/** Null when PostgreSQL answers, otherwise why not (checked once per file). */
let reachable: Promise<string | null> | null = null;
export function postgresUnavailable(): Promise<string | null> {
  reachable ??= (async () => {
    const client = new pg.Client({ connectionString: TEST_DATABASE_URL, connectionTimeoutMillis: 3000 });
    try {
      await client.connect();
      await client.query('SELECT 1');
      return null;
    } catch (error) {
      return `PostgreSQL at ${TEST_DATABASE_URL.replace(/\/\/[^@]*@/, '//')} unreachable: ${(error as Error).message}`;
    } finally {
      await client.end().catch(() => undefined);
    }
  })();
  return reachable;
}

async function admin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** A connection URL whose sessions use the schema (DATABASE_URL for a server under test). */
export const urlForSchema = (schema: string): string =>
  `${TEST_DATABASE_URL}${TEST_DATABASE_URL.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`;

/** Creates an empty schema lm_<random>; drop() removes it with everything in it. */
export async function freshSchema(): Promise<{ schema: string; drop(): Promise<void> }> {
  const schema = `lm_${randomBytes(6).toString('hex')}`;
  await admin((c) => c.query(`CREATE SCHEMA ${schema}`));
  return { schema, drop: () => admin((c) => c.query(`DROP SCHEMA ${schema} CASCADE`)).then(() => undefined) };
}

/** Runs SQL in the schema (for tests that inspect or tamper with what the store wrote). */
export function inSchema<T extends pg.QueryResultRow>(schema: string, sql: string, params: unknown[] = []) {
  return admin(async (c) => {
    await c.query(`SET search_path = ${schema}`);
    return (await c.query<T>(sql, params)).rows;
  });
}
