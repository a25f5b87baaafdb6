import type { UserRecord } from '../storage/Store.ts';

/** Who is calling: a user signed in with a session cookie, or a script with an API token. */
export type Auth =
  { via: 'session'; user: UserRecord; sessionId: string } | { via: 'token'; user: UserRecord; tokenId: string };

/** Hono context variables set by the auth middleware. */
export interface AuthVariables {
  auth: Auth | null;
}

export type AuthEnv = { Variables: AuthVariables };

/** A stable, pleasant presence colour for a user id (server-stamped, so nobody picks another's). */
export function colorFor(userId: string): string {
  const palette = [
    '#e11d48',
    '#0ea5e9',
    '#16a34a',
    '#d97706',
    '#7c3aed',
    '#db2777',
    '#0891b2',
    '#65a30d',
    '#ea580c',
    '#4f46e5',
  ];
  let h = 0;
  for (let i = 0; i < userId.length; i++) h = (h * 31 + userId.charCodeAt(i)) >>> 0;
  return palette[h % palette.length]!;
}
