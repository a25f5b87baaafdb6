import { presenceColorFor } from '@loopmap/shared';
import type { UserRecord } from '../storage/Store.ts';

/** Who is calling: a user signed in with a session cookie, or a script with an API token. */
export type Auth =
  { via: 'session'; user: UserRecord; sessionId: string } | { via: 'token'; user: UserRecord; tokenId: string };

/** Hono context variables set by the auth middleware. */
export interface AuthVariables {
  auth: Auth | null;
}

export type AuthEnv = { Variables: AuthVariables };

/** A stable presence colour for a user id (server-stamped, so nobody picks another's). */
export const colorFor = presenceColorFor;
