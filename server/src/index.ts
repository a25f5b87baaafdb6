/**
 * The process entry: the only file that reads process.env. Config -> startServer -> listen.
 *   PORT (8787), HOST (127.0.0.1), DATA_DIR (./data), CLIENT_DIR (../client/dist),
 *   TRUST_PROXY (unset), PUBLIC_URL (unset), ALLOWED_ORIGINS (comma-separated, unset),
 *   FRAME_ANCESTORS (pages allowed to frame Loopmap, space- or comma-separated, unset: none),
 *   MAP_MAX_RECORDS (50000), MAP_MAX_BYTES (67108864): each map's budgets (collab/updateGuard.ts)
 *   MEMORY_BUDGET_MB (2048; 0: none): past this RSS no further map opens (idle ones unload first)
 *   LOG_FORMAT (json, or pretty; unset: pretty at a terminal, json otherwise)
 *   METRICS_TOKEN (unset: /metrics open to whoever reaches the port)
 *   DATABASE_URL (unset: SQLite in DATA_DIR; postgres://user:password@host:5432/db: PostgreSQL,
 *     migrated at start; the server secret still lives in DATA_DIR), DATABASE_POOL_SIZE (10)
 *   REDIS_URL (unset: one instance; redis://host:6379: several instances share live updates,
 *     presence and room events through it), REDIS_PREFIX (loopmap:, before every channel name)
 * Tuning, mostly for fault tests (whole numbers of milliseconds or updates; unset: the defaults):
 *   HEARTBEAT_MS (30000: how soon a silent socket is dropped, between one and two of these),
 *   CHECKPOINT_EVERY_MS (1000: WAL checkpoints; 0 leaves them to SQLite),
 *   COMPACT_EVERY (500 updates), COMPACT_DEBOUNCE_MS (2000), COMPACT_MAX_WAIT_MS (10000)
 */
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import { RedisUnavailableError, startServer } from './server.ts';
import { processLogger } from './logger.ts';
import { DEFAULT_MAP_BUDGETS } from './collab/updateGuard.ts';
import { isStorageUnavailable } from './storage/storageErrors.ts';

const here = fileURLToPath(new URL('.', import.meta.url));
// JSON lines (pino) for log collectors; LOG_FORMAT=pretty (or a terminal) for people.
const log = processLogger();
const env = process.env;

function portFrom(value: string | undefined): number {
  if (value === undefined || value === '') return 8787;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    log.error(`PORT must be a whole number from 0 to 65535, got "${value}"`);
    process.exit(2);
  }
  return port;
}

function wholeFrom(name: string, min: number): number | undefined {
  const value = env[name];
  if (value === undefined || value === '') return undefined;
  const number = Number(value);
  if (!Number.isInteger(number) || number < min) {
    log.error(`${name} must be a whole number of at least ${min}, got "${value}"`);
    process.exit(2);
  }
  return number;
}

/** Only the options that were set, so the defaults apply to the rest. */
function defined<T extends object>(options: T): Partial<T> {
  return Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function listFrom(value: string | undefined): string[] {
  return (value ?? '')
    .split(/[\s,]+/)
    .map((item) => item.trim())
    .filter((item) => item.length > 0);
}

const dataDir = resolve(env.DATA_DIR || 'data');
const databaseUrl = env.DATABASE_URL || undefined;
const redisUrl = env.REDIS_URL || undefined;
/** Where the data is, for messages: never the URL's password. */
const dataPlace = databaseUrl ? `PostgreSQL at ${databaseUrl.replace(/\/\/[^@/]*@/, '//')}` : dataDir;
const server = await startServer({
  port: portFrom(env.PORT),
  host: env.HOST || '127.0.0.1',
  dataDir,
  databaseUrl,
  databasePoolSize: wholeFrom('DATABASE_POOL_SIZE', 1),
  clientDir: resolve(env.CLIENT_DIR || resolve(here, '../../client/dist')),
  trustProxy: env.TRUST_PROXY === '1' || env.TRUST_PROXY === 'true',
  publicUrl: env.PUBLIC_URL || undefined,
  allowedOrigins: listFrom(env.ALLOWED_ORIGINS),
  frameAncestors: listFrom(env.FRAME_ANCESTORS),
  log,
  metricsToken: env.METRICS_TOKEN || undefined,
  redisUrl,
  redisPrefix: env.REDIS_PREFIX || undefined,
  heartbeatMs: wholeFrom('HEARTBEAT_MS', 10),
  checkpointEveryMs: wholeFrom('CHECKPOINT_EVERY_MS', 0),
  rooms: {
    ...defined({
      compactEvery: wholeFrom('COMPACT_EVERY', 1),
      compactDebounceMs: wholeFrom('COMPACT_DEBOUNCE_MS', 0),
      compactMaxWaitMs: wholeFrom('COMPACT_MAX_WAIT_MS', 0),
      memoryBudgetBytes: ((mb) => (mb === undefined ? undefined : mb * 1024 * 1024))(wholeFrom('MEMORY_BUDGET_MB', 0)),
    }),
    budgets: {
      maxRecords: wholeFrom('MAP_MAX_RECORDS', 1) ?? DEFAULT_MAP_BUDGETS.maxRecords,
      maxDocumentBytes: wholeFrom('MAP_MAX_BYTES', 1) ?? DEFAULT_MAP_BUDGETS.maxDocumentBytes,
    },
  },
}).catch((error: unknown) => {
  if (error instanceof RedisUnavailableError) {
    log.error(`could not reach Redis at ${(redisUrl ?? '').replace(/\/\/[^@/]*@/, '//')}: is it running?`, {
      error: error.message,
    });
    process.exit(1);
  }
  // A read-only or full disk, or a directory we may not write, is the usual cause: say so in
  // one line instead of a stack trace, and exit non-zero so a supervisor notices.
  const hint = !isStorageUnavailable(error)
    ? ''
    : databaseUrl
      ? ': is PostgreSQL running and reachable at that address?'
      : ': is the disk read-only or full, or the directory not writable?';
  log.error(`could not start with the data in ${dataPlace}${hint}`, {
    error: error instanceof Error ? error.message : String(error),
    code: (error as { code?: unknown } | null)?.code,
  });
  process.exit(1);
});
log.info(`Loopmap is running at ${server.url}`);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) process.exit(1);
    stopping = true;
    // Drain (server.ts close): refuse new work with 503 and 1012, store every open map while its
    // peers are still connected, then close them with 1012 so they reconnect at once.
    log.info(`${signal}: storing open maps, then sending their clients elsewhere (1012)`);
    server.close().then(
      () => {
        log.info('every open map is stored; exiting');
        process.exit(0);
      },
      (error: unknown) => {
        log.error('shutdown failed', { error: String(error) });
        process.exit(1);
      },
    );
  });
}
