/**
 * The process entry: the only file that reads process.env. Config -> startServer -> listen.
 *   PORT (8787), HOST (127.0.0.1), DATA_DIR (./data), CLIENT_DIR (../client/dist),
 *   TRUST_PROXY (unset), PUBLIC_URL (unset), ALLOWED_ORIGINS (comma-separated, unset),
 *   FRAME_ANCESTORS (pages allowed to frame Loopmap, space- or comma-separated, unset: none),
 *   MAP_MAX_RECORDS (50000), MAP_MAX_BYTES (67108864): each map's budgets (collab/updateGuard.ts)
 */
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import { startServer } from './server.ts';
import { consoleLogger } from './logger.ts';
import { DEFAULT_MAP_BUDGETS } from './collab/updateGuard.ts';

const here = fileURLToPath(new URL('.', import.meta.url));
const env = process.env;

function portFrom(value: string | undefined): number {
  if (value === undefined || value === '') return 8787;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    consoleLogger.error(`PORT must be a whole number from 0 to 65535, got "${value}"`);
    process.exit(2);
  }
  return port;
}

function positiveFrom(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const number = Number(value);
  if (!Number.isSafeInteger(number) || number < 1) {
    consoleLogger.error(`${name} must be a whole number above 0, got "${value}"`);
    process.exit(2);
  }
  return number;
}

function listFrom(value: string | undefined): string[] {
  return (value ?? '')
    .split(/[\s,]+/)
    .map((item) => item.trim())
    .filter((item) => item.length > 0);
}

const server = await startServer({
  port: portFrom(env.PORT),
  host: env.HOST || '127.0.0.1',
  dataDir: resolve(env.DATA_DIR || 'data'),
  clientDir: resolve(env.CLIENT_DIR || resolve(here, '../../client/dist')),
  trustProxy: env.TRUST_PROXY === '1' || env.TRUST_PROXY === 'true',
  publicUrl: env.PUBLIC_URL || undefined,
  allowedOrigins: listFrom(env.ALLOWED_ORIGINS),
  frameAncestors: listFrom(env.FRAME_ANCESTORS),
  rooms: {
    budgets: {
      maxRecords: positiveFrom('MAP_MAX_RECORDS', env.MAP_MAX_RECORDS, DEFAULT_MAP_BUDGETS.maxRecords),
      maxDocumentBytes: positiveFrom('MAP_MAX_BYTES', env.MAP_MAX_BYTES, DEFAULT_MAP_BUDGETS.maxDocumentBytes),
    },
  },
});
consoleLogger.info(`Loopmap is running at ${server.url}`);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) process.exit(1);
    stopping = true;
    consoleLogger.info(`${signal}: storing open maps and shutting down`);
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        consoleLogger.error('shutdown failed', { error: String(error) });
        process.exit(1);
      },
    );
  });
}
