import pg from 'pg';

/** Turns `?` placeholders (as the SQLite statements are written) into PostgreSQL's `$1, $2…`. */
const converted = new Map<string, string>();
function numbered(sql: string): string {
  let text = converted.get(sql);
  if (text === undefined) {
    let n = 0;
    text = sql.replace(/\?/g, () => `$${++n}`);
    converted.set(sql, text);
  }
  return text;
}

/** bigint (int8) and numeric columns hold ms times, seqs, counts and sums: all safe integers here. */
const NUMBER_OIDS = new Set([20, 1700]);
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    NUMBER_OIDS.has(oid) && format !== 'binary'
      ? (value: string) => Number(value)
      : pg.types.getTypeParser(oid, format ?? 'text')) as typeof pg.types.getTypeParser,
};

type Queryable = pg.Pool | pg.PoolClient;

/** A connection (or the pool) with small helpers over `?`-numbered SQL. */
export class PgConn {
  constructor(protected readonly client: Queryable) {}

  async rows<R>(sql: string, params: readonly unknown[] = []): Promise<R[]> {
    const result = await this.client.query(numbered(sql), params as unknown[]);
    return result.rows as R[];
  }

  async one<R>(sql: string, params: readonly unknown[] = []): Promise<R | undefined> {
    return (await this.rows<R>(sql, params))[0];
  }

  /** Runs a statement; resolves with the number of rows it changed. */
  async run(sql: string, params: readonly unknown[] = []): Promise<number> {
    const result = await this.client.query(numbered(sql), params as unknown[]);
    return result.rowCount ?? 0;
  }
}

/** Deadlocks and serialization failures: the transaction did nothing and may simply run again. */
const RETRYABLE = new Set(['40001', '40P01']);

export interface PgPoolOptions {
  connectionString: string;
  /** Tables live in this schema (search_path); the default is the server's (public). */
  schema?: string;
  max?: number;
  /** Told when an idle connection breaks (the database restarted); the default prints it. */
  onIdleError?: (error: Error) => void;
}

export function createPool(options: PgPoolOptions): pg.Pool {
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.max ?? 10,
    types,
    ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
  });
  // An idle client losing its connection (a database restart) must not crash the process; the
  // next query gets a fresh one.
  pool.on('error', options.onIdleError ?? ((error) => console.error(`PostgreSQL pool: ${error.message}`)));
  return pool;
}

export class PgDb extends PgConn {
  constructor(readonly pool: pg.Pool) {
    super(pool);
  }

  /** Runs fn in one transaction on one connection; retried when PostgreSQL reports a deadlock. */
  async tx<T>(fn: (c: PgConn) => Promise<T>, mode = 'BEGIN'): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const client = await this.pool.connect();
      try {
        await client.query(mode);
        const result = await fn(new PgConn(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        const code = (error as { code?: unknown }).code;
        if (attempt < 5 && typeof code === 'string' && RETRYABLE.has(code)) continue;
        throw error;
      } finally {
        client.release();
      }
    }
  }

  /** Reads in one snapshot. */
  snapshot<T>(fn: (c: PgConn) => Promise<T>): Promise<T> {
    return this.tx(fn, 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  }
}
