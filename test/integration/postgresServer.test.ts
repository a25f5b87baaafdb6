import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startChildServer, startTestServer, tempDataDir, removeDir, type ChildServer } from './support/servers.ts';
import { request, signUp } from './support/accounts.ts';
import { tcpRelay } from './support/tcpRelay.ts';
import {
  freshSchema,
  inSchema,
  MUST_RUN,
  postgresUnavailable,
  TEST_DATABASE_URL,
  urlForSchema,
} from './support/postgres.ts';

/**
 * The production entry with DATABASE_URL: Loopmap keeps everything in PostgreSQL, several
 * processes can serve one database, and it refuses to start, in one clear line, on a database it
 * cannot use.
 */
const withSchema = urlForSchema;

/** A relay to PostgreSQL that the test can cut and restore (the database going away and back). */
const databaseRelay = () => {
  const upstream = new URL(TEST_DATABASE_URL);
  return tcpRelay(upstream.hostname, Number(upstream.port || 5432));
};

/** Why startChildServer gave up: the server's output when it exited before it was ready. */
const startFailure = (dir: string, env: Record<string, string>): Promise<string> =>
  startChildServer(dir, 0, env).then(
    async (server) => {
      await server.stop();
      return 'started';
    },
    (error: unknown) => String((error as Error).message),
  );

describe('a server on PostgreSQL (DATABASE_URL)', () => {
  let dir = '';
  let schema = '';
  let drop: (() => Promise<void>) | null = null;
  const servers: ChildServer[] = [];

  beforeEach(async () => {
    dir = tempDataDir('pg-server');
    drop = null;
  });
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => s.stop()));
    await drop?.();
    removeDir(dir);
  });

  const needPostgres = async (context: { skip(): void }): Promise<boolean> => {
    const reason = await postgresUnavailable();
    if (!reason) {
      ({ schema, drop } = await freshSchema());
      return true;
    }
    if (MUST_RUN) throw new Error(`PostgreSQL server tests cannot run: ${reason}`);
    console.log(`[postgresServer] skipped (${reason})`);
    context.skip();
    return false;
  };

  it('two server processes on one database share accounts, maps and each other’s edits', async (context) => {
    if (!(await needPostgres(context))) return;
    const env = { DATABASE_URL: withSchema(schema) };
    const [a, b] = await Promise.all([startChildServer(dir, 0, env), startChildServer(dir, 0, env)]);
    servers.push(a!, b!);
    const ama = await signUp(a!.url, 'Ama');
    const created = await ama.api('POST', '/api/maps', { title: 'Shared plan' });
    expect(created.status).toBe(201);
    const mapId = created.body.map.id as string;

    // Ama's session, made by A, signs her in on B, which lists the map A created.
    const onB = (method: string, path: string, body?: unknown) =>
      request(b!.url, method, path, body, { cookie: ama.cookie });
    const listed = await onB('GET', '/api/maps');
    expect(listed.status).toBe(200);
    expect(listed.body.maps.map((m: { id: string }) => m.id)).toEqual([mapId]);

    // B renames it (an update appended to the log); A reads the new title.
    expect((await onB('PATCH', `/api/maps/${mapId}`, { title: 'Renamed on B' })).status).toBe(200);
    expect((await ama.api('GET', `/api/maps/${mapId}`)).body.map.title).toBe('Renamed on B');

    // It is all in PostgreSQL, numbered once: the creation then the rename.
    const rows = await inSchema<{ seq: number }>(schema, 'SELECT seq FROM doc_updates WHERE map_id = $1 ORDER BY seq', [
      mapId,
    ]);
    expect(rows.map((r) => Number(r.seq))).toEqual(rows.map((_, i) => i + 1));
    expect(rows.length).toBeGreaterThanOrEqual(2);
    expect(await inSchema(schema, 'SELECT title FROM maps')).toEqual([{ title: 'Renamed on B' }]);
  });

  it('wrong passwords count on every instance: guesses spread over two processes meet one limit', async (context) => {
    if (!(await needPostgres(context))) return;
    // Addresses come from X-Forwarded-For, as behind the load balancer that spreads requests.
    const env = { DATABASE_URL: withSchema(schema), TRUST_PROXY: '1' };
    const [a, b] = await Promise.all([startChildServer(dir, 0, env), startChildServer(dir, 0, env)]);
    servers.push(a!, b!);
    const ama = await signUp(a!.url, 'Ama');
    const guess = (server: ChildServer, password: string, from = '203.0.113.66') =>
      request(server.url, 'POST', '/api/auth/login', { email: ama.email, password }, { 'x-forwarded-for': from });

    // One address may guess one account's password 10 times; the balancer sends every other
    // guess to the other instance. In memory, each instance would have counted 5 of them.
    for (let i = 0; i < 10; i++) expect((await guess(i % 2 ? b! : a!, `guess ${i}`)).status).toBe(401);
    for (const server of [a!, b!]) {
      const refused = await guess(server, 'guess 10');
      expect(refused.status).toBe(429);
      expect(refused.body.error.code).toBe('rate_limited');
      expect(refused.body.error.message).toMatch(/too many wrong passwords for this account from your network/);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    }
    // The limit is the stranger's only: Ama signs in from another network, on either instance.
    expect((await guess(b!, ama.password, '198.51.100.20')).status).toBe(200);
    expect((await guess(a!, ama.password, '192.0.2.44')).status).toBe(200);
  });

  it('answers 503 with Retry-After while PostgreSQL is gone, and serves again once it is back', async (context) => {
    if (!(await needPostgres(context))) return;
    const relay = await databaseRelay();
    const url = new URL(withSchema(schema));
    url.hostname = '127.0.0.1';
    url.port = String(relay.port);
    const server = await startTestServer(dir, { databaseUrl: url.toString() });
    try {
      const ama = await signUp(server.url, 'Ama');
      const mapId = (await ama.api('POST', '/api/maps', { title: 'Plan' })).body.map.id as string;

      await relay.cut();
      const gone = await ama.api('GET', '/api/maps');
      expect(gone.status).toBe(503);
      expect(gone.headers.get('retry-after')).toBe('30');
      expect(gone.body.error.code).toBe('storage_unavailable');
      expect((await request(server.url, 'GET', '/readyz')).status).toBe(503);

      await relay.restore();
      const back = await ama.api('GET', '/api/maps');
      expect(back.status).toBe(200);
      expect(back.body.maps.map((m: { id: string }) => m.id)).toEqual([mapId]);
      expect((await request(server.url, 'GET', '/readyz')).status).toBe(200);
    } finally {
      await server.close();
      await relay.cut();
    }
  });

  it('refuses to start on a database migrated by a newer Loopmap, saying so', async (context) => {
    if (!(await needPostgres(context))) return;
    const first = await startChildServer(dir, 0, { DATABASE_URL: withSchema(schema) });
    await first.stop();
    await inSchema(schema, 'INSERT INTO schema_migrations (version, applied_at) VALUES (9999, 0)');
    const output = await startFailure(dir, { DATABASE_URL: withSchema(schema) });
    expect(output).toMatch(/server exited with 1/);
    expect(output).toContain('schema is at version 9999, newer than this Loopmap knows');
  });

  it('exits with a hint when PostgreSQL cannot be reached, and never prints the password', async () => {
    const output = await startFailure(dir, { DATABASE_URL: 'postgres://loopmap:s3cret@127.0.0.1:1/loopmap' });
    expect(output).toMatch(/server exited with 1/);
    expect(output).toContain('PostgreSQL at postgres://127.0.0.1:1/loopmap');
    expect(output).toContain('is PostgreSQL running and reachable');
    expect(output).not.toContain('s3cret');
  });
});
