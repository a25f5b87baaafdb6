import type { Clock } from '../clock.ts';
import type { AccountStore, SessionRecord, UserRecord } from '../storage/Store.ts';
import { generateSecret, hashSecret } from './secrets.ts';

/** Sessions last 30 days and slide: one used in its last 15 days is extended to 30 again. */
export const SESSION_TTL_MS = 30 * 24 * 60 * 60 * 1000;
const RENEW_WITHIN_MS = 15 * 24 * 60 * 60 * 1000;

export const SESSION_COOKIE = 'loopmap_session';

export function generateSessionToken(): string {
  return generateSecret();
}

export async function createSession(
  store: AccountStore,
  clock: Clock,
  userId: string,
): Promise<{ token: string; session: SessionRecord }> {
  const token = generateSessionToken();
  const session: SessionRecord = { id: hashSecret(token), userId, expiresAt: clock.now() + SESSION_TTL_MS };
  await store.insertSession(session, clock.now());
  return { token, session };
}

export type SessionValidation = { session: SessionRecord; user: UserRecord; renewed: boolean } | null;

/** The session and user for a token, or null; an expired session is deleted, a near-expiry one renewed. */
export async function validateSessionToken(
  store: AccountStore,
  clock: Clock,
  token: string,
): Promise<SessionValidation> {
  const found = await store.getSessionAndUser(hashSecret(token));
  if (!found) return null;
  const now = clock.now();
  if (now >= found.session.expiresAt) {
    await store.deleteSession(found.session.id);
    return null;
  }
  let renewed = false;
  if (now >= found.session.expiresAt - RENEW_WITHIN_MS) {
    found.session.expiresAt = now + SESSION_TTL_MS;
    await store.setSessionExpiry(found.session.id, found.session.expiresAt);
    renewed = true;
  }
  return { ...found, renewed };
}

export function invalidateSession(store: AccountStore, sessionId: string): Promise<void> {
  return store.deleteSession(sessionId);
}

/** Invalidates every session of a user (but `keep`); returns the ids, so their sockets can be closed. */
export function invalidateUserSessions(store: AccountStore, userId: string, keep?: string): Promise<string[]> {
  return store.deleteUserSessions(userId, keep);
}
