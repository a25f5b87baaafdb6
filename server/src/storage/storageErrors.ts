/**
 * SQLite's result codes for "the storage itself cannot take this now": a full disk, an I/O error,
 * a file that became read-only or cannot be opened, a database another process holds. None is
 * the request's fault, and all may clear up (space freed, the disk remounted), so the API answers
 * 503 with Retry-After rather than a bare 500.
 */
const UNAVAILABLE = /^SQLITE_(FULL|IOERR|READONLY|CANTOPEN|BUSY|LOCKED|NOLFS|PROTOCOL)(_|$)/;

/**
 * The same for PostgreSQL (SQLSTATE classes): 08 the connection failed or broke, 53 insufficient
 * resources (disk full, out of memory, too many connections), 57P01-57P03 the server is shutting
 * down or starting, 58 system (I/O) errors. And the socket errors of a database that cannot be
 * reached at all.
 */
const PG_UNAVAILABLE = /^(08...|53...|57P0[123]|58...)$/;
const NETWORK = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND', 'EPIPE']);
const PG_GONE = /^(Connection terminated|timeout exceeded when trying to connect)/;

export function isStorageUnavailable(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string') return UNAVAILABLE.test(code) || PG_UNAVAILABLE.test(code) || NETWORK.has(code);
  const message = (error as { message?: unknown } | null)?.message;
  return typeof message === 'string' && PG_GONE.test(message);
}

/**
 * The database was migrated by a newer Loopmap: running older code on it could corrupt it, so
 * the store refuses to open (and changes nothing). The server exits with this one line.
 */
export class SchemaTooNewError extends Error {
  constructor(
    readonly engine: 'SQLite' | 'PostgreSQL',
    readonly databaseVersion: number,
    readonly knownVersion: number,
  ) {
    super(
      `the ${engine} schema is at version ${databaseVersion}, newer than this Loopmap knows (${knownVersion}): ` +
        'run the newer Loopmap, or restore a backup taken before it was started',
    );
    this.name = 'SchemaTooNewError';
  }
}
