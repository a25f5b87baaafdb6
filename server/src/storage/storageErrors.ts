/**
 * SQLite's result codes for "the storage itself cannot take this now": a full disk, an I/O error,
 * a file that became read-only or cannot be opened, a database another process holds. None is
 * the request's fault, and all may clear up (space freed, the disk remounted), so the API answers
 * 503 with Retry-After rather than a bare 500.
 */
const UNAVAILABLE = /^SQLITE_(FULL|IOERR|READONLY|CANTOPEN|BUSY|LOCKED|NOLFS|PROTOCOL)(_|$)/;

export function isStorageUnavailable(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && UNAVAILABLE.test(code);
}
