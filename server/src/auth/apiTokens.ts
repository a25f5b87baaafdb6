import { randomId } from '@loopmap/shared';
import type { AccountStore, ApiTokenRecord } from '../storage/Store.ts';
import { generateSecret, hashSecret } from './secrets.ts';

export const API_TOKEN_PREFIX = 'lm_';

/** Creates a personal API token; the secret is returned once and only its hash is stored. */
export async function issueApiToken(
  store: AccountStore,
  userId: string,
  name: string,
  at: number,
): Promise<{ token: ApiTokenRecord; secret: string }> {
  const secret = generateSecret(API_TOKEN_PREFIX);
  const token: ApiTokenRecord = { id: randomId(), userId, name, createdAt: at, lastUsedAt: null };
  await store.insertApiToken({ ...token, tokenHash: hashSecret(secret) });
  return { token, secret };
}
