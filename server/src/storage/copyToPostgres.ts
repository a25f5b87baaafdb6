import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';
import * as Y from 'yjs';
import { toMapJSON } from '@loopmap/shared';
import type { PgConn } from './postgresDb.ts';
import { PostgresStore } from './PostgresStore.ts';
import { SQLITE_MIGRATIONS } from './sqliteMigrations.ts';
import type { StoredDoc } from './Store.ts';

/**
 * Moving a Loopmap from its SQLite file to PostgreSQL: every row of every table, ids, seqs and
 * times kept, in one PostgreSQL transaction (all or nothing), then checked on both sides.
 * Rows are read and written with plain SQL, so nothing the Store methods would skip (deleted
 * maps, expired sessions, tombstoned comments) is left behind.
 */

/**
 * The tables, parents before children (the foreign keys are checked row by row). A table the
 * SQLite file has and this list lacks stops the copy: it would otherwise be left behind.
 */
export const COPIED_TABLES: readonly string[] = [
  'users',
  'maps',
  'sessions',
  'api_tokens',
  'map_members',
  'invites',
  'doc_updates',
  'doc_states',
  'doc_changes',
  'doc_change_targets',
  'doc_checkpoints',
  'snapshots',
  'live_sessions',
  'map_visits',
  'comment_threads',
  'comments',
  'comment_mentions',
  'reviews',
  'review_participants',
  'review_decisions',
  'review_lessons',
  'review_ratings',
];

/**
 * Bookkeeping of each side's own migrations, and sign-in throttling state (short-lived, and
 * starting afresh only forgets recent wrong passwords): not copied.
 */
const NOT_COPIED = new Set(['schema_migrations', 'throttle_buckets']);

export interface CopyProgress {
  table: string;
  copied: number;
  total: number;
}

export interface CopyOptions {
  /** The SQLite data file (DATA_DIR/loopmap.sqlite); only read. */
  sqliteFile: string;
  /** The PostgreSQL connection URL (DATABASE_URL) of an empty database. */
  databaseUrl: string;
  /** Tables live in this schema (default: the connection's search_path). */
  schema?: string;
  /** Told one line per step (which table, how many rows). */
  log?: (line: string) => void;
  /** Told after every batch written. */
  onProgress?: (progress: CopyProgress) => void;
  /** Rows per INSERT at most (default 500; fewer for wide rows or large blobs). */
  batchSize?: number;
}

export interface TableCheck {
  table: string;
  sqlite: number;
  postgres: number;
  /** The rows themselves (every column, order aside) are the same on both sides. */
  sameRows: boolean;
}

export interface Verification {
  ok: boolean;
  tables: TableCheck[];
  /** Maps whose document, rebuilt from the stored state and the log tail, was compared. */
  mapsChecked: number;
  /** Users looked up by email through PostgresStore. */
  usersChecked: number;
  /** Every difference found, one sentence each; empty when ok. */
  problems: string[];
}

export interface CopyResult {
  copied: { table: string; rows: number }[];
  verification: Verification;
}

/** The copy was refused before anything was written (the target is not empty, say). */
export class CopyRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CopyRefusedError';
  }
}

type Row = Record<string, unknown>;

/** The URL without its password, for messages. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '';
    return parsed.toString().replace(/:@/, '@');
  } catch {
    return url.replace(/\/\/([^:@/]*):[^@/]*@/, '//$1@');
  }
}

function openSqlite(file: string): Database.Database {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  db.pragma('busy_timeout = 5000');
  return db;
}

/** The SQLite file's tables, checked against what this Loopmap knows. */
function sqliteTables(db: Database.Database): string[] {
  const names = db
    .prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
    .all()
    .map((row) => row.name)
    .filter((name) => !NOT_COPIED.has(name));
  const unknown = names.filter((name) => !COPIED_TABLES.includes(name));
  if (unknown.length > 0) {
    throw new CopyRefusedError(`the SQLite file has tables this Loopmap does not know: ${unknown.join(', ')}`);
  }
  if (names.includes('schema_migrations')) {
    const newest = db.prepare<[], { v: number | null }>('SELECT MAX(version) AS v FROM schema_migrations').get()?.v;
    const known = Math.max(...SQLITE_MIGRATIONS.map((m) => m.version));
    if ((newest ?? 0) > known) {
      throw new CopyRefusedError(
        `the SQLite file is at schema version ${newest}, newer than this Loopmap knows (${known}): run the newer Loopmap's copy`,
      );
    }
  }
  return COPIED_TABLES.filter((name) => names.includes(name));
}

const sqliteColumns = (db: Database.Database, table: string): string[] =>
  db
    .prepare<[], { name: string }>(`SELECT name FROM pragma_table_info('${table}')`)
    .all()
    .map((row) => row.name);

/** The primary key columns, or rowid for tables keyed by it: the order rows are read in. */
function sqliteOrder(db: Database.Database, table: string): string {
  try {
    db.prepare(`SELECT rowid FROM "${table}" LIMIT 0`).all();
    // Reading in rowid order keeps insertion order, which PostgreSQL's ord columns stand for.
    return 'rowid';
  } catch {
    const keys = db
      .prepare<[], { name: string; pk: number }>(`SELECT name, pk FROM pragma_table_info('${table}') WHERE pk > 0`)
      .all()
      .sort((a, b) => a.pk - b.pk)
      .map((row) => `"${row.name}"`);
    return keys.join(', ');
  }
}

async function postgresColumns(c: PgConn, table: string): Promise<Map<string, string>> {
  const rows = await c.rows<{ column_name: string; data_type: string }>(
    `SELECT column_name, data_type FROM information_schema.columns
     WHERE table_schema = current_schema() AND table_name = ?`,
    [table],
  );
  return new Map(rows.map((row) => [row.column_name, row.data_type]));
}

/** A SQLite value as PostgreSQL takes it for a column of that type. */
function toPostgres(value: unknown, type: string | undefined): unknown {
  if (value === null || value === undefined) return null;
  if (type === 'boolean') return value === 1 || value === 1n || value === true;
  if (typeof value === 'bigint') return value.toString();
  return value;
}

/** A value from either side in one comparable form. */
function canonical(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (value instanceof Uint8Array) return `b:${Buffer.from(value).toString('hex')}`;
  if (typeof value === 'boolean') return `n:${value ? 1 : 0}`;
  if (typeof value === 'number' || typeof value === 'bigint') return `n:${value.toString()}`;
  return `s:${JSON.stringify(String(value))}`;
}

/** A digest of a table's rows over the given columns, independent of their order. */
function rowsDigest(rows: Iterable<Row>, columns: readonly string[]): { count: number; digest: string } {
  const digests: string[] = [];
  for (const row of rows) {
    digests.push(
      createHash('sha256')
        .update(columns.map((column) => canonical(row[column])).join('|'))
        .digest('hex'),
    );
  }
  digests.sort();
  return { count: digests.length, digest: createHash('sha256').update(digests.join('\n')).digest('hex') };
}

/** A document rebuilt the way the server opens it: the stored state, then the log after it. */
function rebuild(state: Uint8Array | null, tail: readonly Uint8Array[]): Y.Doc {
  const doc = new Y.Doc();
  if (state) Y.applyUpdate(doc, state);
  for (const update of tail) Y.applyUpdate(doc, update);
  return doc;
}

/** What two copies of a document must agree on: the state vector and the map's JSON. */
function fingerprint(doc: Y.Doc): { vector: string; json: string } {
  let json: string;
  try {
    json = JSON.stringify(toMapJSON(doc));
  } catch (error) {
    json = `unreadable: ${(error as Error).message}`;
  }
  return { vector: Buffer.from(Y.encodeStateVector(doc)).toString('hex'), json };
}

function sqliteDoc(db: Database.Database, mapId: string): Y.Doc {
  const state = db
    .prepare<[string], { state: Uint8Array; through_seq: number }>(
      'SELECT state, through_seq FROM doc_states WHERE map_id = ?',
    )
    .get(mapId);
  const tail = db
    .prepare<[string, number], { data: Uint8Array }>(
      'SELECT data FROM doc_updates WHERE map_id = ? AND seq > ? ORDER BY seq',
    )
    .all(mapId, state?.through_seq ?? 0)
    .map((row) => row.data);
  return rebuild(state?.state ?? null, tail);
}

async function postgresDoc(c: PgConn, mapId: string): Promise<Y.Doc> {
  const state = await c.one<{ state: Buffer; through_seq: number }>(
    'SELECT state, through_seq FROM doc_states WHERE map_id = ?',
    [mapId],
  );
  const tail = await c.rows<{ data: Buffer }>(
    'SELECT data FROM doc_updates WHERE map_id = ? AND seq > ? ORDER BY seq',
    [mapId, state?.through_seq ?? 0],
  );
  return rebuild(
    state ? new Uint8Array(state.state) : null,
    tail.map((row) => new Uint8Array(row.data)),
  );
}

const storedDoc = (doc: StoredDoc): Y.Doc =>
  rebuild(
    doc.state,
    doc.tail.map((entry) => entry.update),
  );

/**
 * Compares the SQLite file with the PostgreSQL database: rows per table (count and content),
 * every map's document rebuilt on both sides with plain SQL and through PostgresStore.loadDoc,
 * and every user found by email through PostgresStore with the same id and password hash.
 */
export async function verifyCopy(options: {
  sqliteFile: string;
  databaseUrl: string;
  schema?: string;
  log?: (line: string) => void;
}): Promise<Verification> {
  const log = options.log ?? (() => undefined);
  const sqlite = openSqlite(options.sqliteFile);
  const store = await PostgresStore.open({ connectionString: options.databaseUrl, schema: options.schema, max: 2 });
  try {
    return await verifyWith(sqlite, store, log);
  } finally {
    sqlite.close();
    await store.close();
  }
}

async function verifyWith(
  sqlite: Database.Database,
  store: PostgresStore,
  log: (line: string) => void,
): Promise<Verification> {
  const problems: string[] = [];
  const tables: TableCheck[] = [];
  sqlite.exec('BEGIN');
  try {
    await store.db.snapshot(async (c) => {
      for (const table of sqliteTables(sqlite)) {
        const columns = sqliteColumns(sqlite, table);
        const quoted = columns.map((col) => `"${col}"`).join(', ');
        const source = rowsDigest(sqlite.prepare<[], Row>(`SELECT ${quoted} FROM "${table}"`).iterate(), columns);
        const target = rowsDigest(await c.rows<Row>(`SELECT ${quoted} FROM "${table}"`), columns);
        const check: TableCheck = {
          table,
          sqlite: source.count,
          postgres: target.count,
          sameRows: source.digest === target.digest,
        };
        tables.push(check);
        if (check.sqlite !== check.postgres) {
          problems.push(`${table}: ${check.sqlite} rows in SQLite, ${check.postgres} in PostgreSQL`);
        } else if (!check.sameRows) {
          problems.push(`${table}: the same number of rows (${check.sqlite}) but different contents`);
        }
        log(`verify ${table}: ${check.sqlite} = ${check.postgres}${check.sameRows ? '' : ' (contents differ)'}`);
      }
    });
    const mapIds = sqlite
      .prepare<[], { id: string }>('SELECT id FROM maps ORDER BY id')
      .all()
      .map((row) => row.id);
    for (const mapId of mapIds) {
      const expected = fingerprint(sqliteDoc(sqlite, mapId));
      const viaSql = fingerprint(await postgresDoc(store.db, mapId));
      const viaStore = fingerprint(storedDoc(await store.loadDoc(mapId)));
      for (const [how, got] of [
        ['in PostgreSQL', viaSql],
        ['as PostgresStore loads it', viaStore],
      ] as const) {
        if (got.vector !== expected.vector) problems.push(`map ${mapId}: the document's state vector differs ${how}`);
        else if (got.json !== expected.json) problems.push(`map ${mapId}: the document's content differs ${how}`);
      }
    }
    log(`verify documents: ${mapIds.length} maps`);
    const users = sqlite
      .prepare<[], { id: string; email: string; password_hash: string }>('SELECT id, email, password_hash FROM users')
      .all();
    for (const user of users) {
      const found = await store.getUserByEmail(user.email);
      if (!found) problems.push(`user ${user.id}: not found by email in PostgreSQL`);
      else if (found.id !== user.id || found.passwordHash !== user.password_hash) {
        problems.push(`user ${user.id}: found by email but with another id or password hash`);
      }
    }
    log(`verify users: ${users.length} signed-in lookups`);
    return { ok: problems.length === 0, tables, mapsChecked: mapIds.length, usersChecked: users.length, problems };
  } finally {
    sqlite.exec('COMMIT');
  }
}

/**
 * Copies the SQLite file into an empty PostgreSQL database, migrating it first, then verifies
 * the copy. Throws CopyRefusedError (writing nothing) when the target already holds data; any
 * error while copying rolls the whole copy back. The server should be stopped while it runs.
 */
export async function copySqliteToPostgres(options: CopyOptions): Promise<CopyResult> {
  const log = options.log ?? (() => undefined);
  const sqlite = openSqlite(options.sqliteFile);
  let store: PostgresStore | null = null;
  try {
    const tables = sqliteTables(sqlite);
    log(`target ${redactUrl(options.databaseUrl)}${options.schema ? ` (schema ${options.schema})` : ''}: migrating`);
    store = await PostgresStore.open({ connectionString: options.databaseUrl, schema: options.schema, max: 2 });
    const copied: { table: string; rows: number }[] = [];
    // One snapshot of the file for the whole copy, even if something writes to it meanwhile.
    sqlite.exec('BEGIN');
    try {
      await store.db
        .tx(async (c) => {
          // Nobody else writes these tables until the copy commits or rolls back.
          await c.run(`LOCK TABLE ${COPIED_TABLES.map((t) => `"${t}"`).join(', ')} IN SHARE ROW EXCLUSIVE MODE`);
          const occupied: string[] = [];
          for (const table of COPIED_TABLES) {
            const count = (await c.one<{ n: number }>(`SELECT COUNT(*)::bigint AS n FROM "${table}"`))?.n ?? 0;
            if (count > 0) occupied.push(`${count} ${table.replace(/_/g, ' ')}`);
          }
          if (occupied.length > 0) {
            throw new CopyRefusedError(
              `the target database is not empty (it holds ${occupied.join(', ')}): copy only into an empty database; nothing was written`,
            );
          }
          for (const table of tables) {
            copied.push({ table, rows: await copyTable(sqlite, c, table, options) });
            log(`copied ${table}: ${copied[copied.length - 1]!.rows} rows`);
          }
        })
        .catch((error: unknown) => {
          if (error instanceof CopyRefusedError) throw error;
          throw new Error(`the copy was rolled back, nothing was written: ${(error as Error).message}`, {
            cause: error,
          });
        });
    } finally {
      sqlite.exec('COMMIT');
    }
    log('copy committed; verifying');
    const verification = await verifyWith(sqlite, store, log).catch((error: unknown) => {
      throw new Error(`the copy was committed but could not be verified: ${(error as Error).message}`, {
        cause: error,
      });
    });
    return { copied, verification };
  } finally {
    sqlite.close();
    await store?.close();
  }
}

/** The largest batch in bytes of blobs and text, so one INSERT never grows huge. */
const MAX_BATCH_BYTES = 8 * 1024 * 1024;
/** PostgreSQL takes at most 65535 parameters per statement. */
const MAX_PARAMETERS = 60_000;

async function copyTable(sqlite: Database.Database, c: PgConn, table: string, options: CopyOptions): Promise<number> {
  const columns = sqliteColumns(sqlite, table);
  const target = await postgresColumns(c, table);
  const missing = columns.filter((column) => !target.has(column));
  if (missing.length > 0) {
    throw new Error(`PostgreSQL's ${table} lacks the columns ${missing.join(', ')}: is the target's Loopmap older?`);
  }
  const total = sqlite.prepare<[], { n: number }>(`SELECT COUNT(*) AS n FROM "${table}"`).get()?.n ?? 0;
  const perBatch = Math.max(1, Math.min(options.batchSize ?? 500, Math.floor(MAX_PARAMETERS / columns.length)));
  const types = columns.map((column) => target.get(column));
  const quoted = columns.map((column) => `"${column}"`).join(', ');
  let batch: unknown[][] = [];
  let bytes = 0;
  let copied = 0;
  const flush = async (): Promise<void> => {
    if (batch.length === 0) return;
    const placeholders = batch.map(() => `(${columns.map(() => '?').join(', ')})`).join(', ');
    await c.run(`INSERT INTO "${table}" (${quoted}) VALUES ${placeholders}`, batch.flat());
    copied += batch.length;
    batch = [];
    bytes = 0;
    options.onProgress?.({ table, copied, total });
  };
  const rows = sqlite.prepare<[], Row>(`SELECT ${quoted} FROM "${table}" ORDER BY ${sqliteOrder(sqlite, table)}`);
  // Streamed: nothing else uses the SQLite connection while the table is copied.
  for (const row of rows.iterate()) {
    const values = columns.map((column, i) => toPostgres(row[column], types[i]));
    for (const value of values) {
      if (value instanceof Uint8Array || typeof value === 'string') bytes += value.length;
    }
    batch.push(values);
    if (batch.length >= perBatch || bytes >= MAX_BATCH_BYTES) await flush();
  }
  await flush();
  return copied;
}
