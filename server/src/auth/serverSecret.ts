import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';

/** Where startServer keeps the server's secret, in the data directory. */
export const SECRET_FILE = 'server-secret';

/**
 * The server's signing secret (32 random bytes, hex), kept in a file only its owner may read, so
 * what it signed (known-device cookies) stays valid across restarts. Made on first start;
 * deleting the file makes every device new again, nothing worse.
 */
export function loadOrCreateServerSecret(path: string): Uint8Array {
  try {
    return parseSecret(readFileSync(path, 'utf8'), path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  try {
    writeFileSync(path, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    // Another process made it first: use theirs.
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  return parseSecret(readFileSync(path, 'utf8'), path);
}

function parseSecret(text: string, path: string): Uint8Array {
  const hex = text.trim();
  if (!/^[0-9a-f]{64,}$/i.test(hex))
    throw new Error(`${path} must hold at least 32 bytes as hex; delete it to make a new one`);
  return new Uint8Array(Buffer.from(hex, 'hex'));
}
