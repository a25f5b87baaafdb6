import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { can, type Capability, type Role } from '@loopmap/shared';
import type { Clock } from '../clock.ts';
import type { MapRecord, Store } from '../storage/Store.ts';
import { ApiError } from '../http/errors.ts';
import type { Auth, AuthEnv } from './identity.ts';
import { hashSecret } from './secrets.ts';
import { SESSION_COOKIE, SESSION_TTL_MS, validateSessionToken } from './sessions.ts';

export interface AuthOptions {
  store: Store;
  clock: Clock;
  /** Trust X-Forwarded-Proto/-For from a reverse proxy. */
  trustProxy: boolean;
}

export function isHttps(c: Context, trustProxy: boolean): boolean {
  if (trustProxy && c.req.header('x-forwarded-proto') === 'https') return true;
  return new URL(c.req.url).protocol === 'https:';
}

export function setSessionCookie(c: Context, token: string, trustProxy: boolean): void {
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'Lax',
    path: '/',
    secure: isHttps(c, trustProxy),
    maxAge: Math.floor(SESSION_TTL_MS / 1000),
  });
}

export function clearSessionCookie(c: Context): void {
  deleteCookie(c, SESSION_COOKIE, { path: '/' });
}

/** Resolves an API token or a session token to the caller, the same way for HTTP and WebSocket. */
export async function authenticate(
  store: Store,
  clock: Clock,
  credentials: { bearer?: string | null; sessionToken?: string | null },
): Promise<{ auth: Auth | null; renewed?: boolean; invalid: 'token' | 'session' | null }> {
  if (credentials.bearer) {
    const found = await store.getApiTokenByHash(hashSecret(credentials.bearer));
    if (!found) return { auth: null, invalid: 'token' };
    const now = clock.now();
    // Record use at most once a minute, not on every request.
    if (found.token.lastUsedAt === null || now - found.token.lastUsedAt > 60_000)
      await store.touchApiToken(found.token.id, now);
    return { auth: { via: 'token', user: found.user, tokenId: found.token.id }, invalid: null };
  }
  if (credentials.sessionToken) {
    const result = await validateSessionToken(store, clock, credentials.sessionToken);
    if (!result) return { auth: null, invalid: 'session' };
    return {
      auth: { via: 'session', user: result.user, sessionId: result.session.id },
      renewed: result.renewed,
      invalid: null,
    };
  }
  return { auth: null, invalid: null };
}

export function bearerFrom(header: string | undefined | null): string | null {
  const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
  return match ? match[1]! : null;
}

/** Sets c.var.auth from the Authorization header or the session cookie (sliding its expiry). */
export function authMiddleware({ store, clock, trustProxy }: AuthOptions): MiddlewareHandler<AuthEnv> {
  return async function auth(c, next) {
    const bearer = bearerFrom(c.req.header('authorization'));
    const sessionToken = bearer ? null : (getCookie(c, SESSION_COOKIE) ?? null);
    const result = await authenticate(store, clock, { bearer, sessionToken });
    if (result.invalid === 'token') throw new ApiError(401, 'unauthorized', 'that API token is not valid (revoked?)');
    if (result.invalid === 'session') clearSessionCookie(c);
    if (result.renewed && sessionToken) setSessionCookie(c, sessionToken, trustProxy);
    c.set('auth', result.auth);
    await next();
  };
}

/** The signed-in caller, or a 401. */
export function requireAuth(c: Context<AuthEnv>): Auth {
  const auth = c.get('auth');
  if (!auth) throw new ApiError(401, 'unauthorized', 'sign in first');
  return auth;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** Sec-Fetch-Site values of a request this site's own pages (or the user, typing) started. */
const SAME_SITE_FETCH = new Set(['same-origin', 'none']);

/**
 * Cross-site request protection for every state-changing request, JSON included. A browser marks
 * where a request comes from with Origin and (since 2020-2023, all engines) Sec-Fetch-Site, and
 * both must name this site (or an allowed origin). A request that carries the session cookie
 * but neither header is refused too: every browser we support sends at least one on a POST,
 * PUT, PATCH or DELETE, so such a request comes from an old or odd client (or a proxy that
 * strips headers) we cannot tell apart from a forged one. Requests with an API token carry no
 * ambient credentials and need no such check; neither do requests without a session cookie
 * (sign-in, sign-up), which JSON's Content-Type check already keeps from cross-site forms.
 */
export function sameOriginGuard(options: { allowedOrigins?: readonly string[] } = {}): MiddlewareHandler<AuthEnv> {
  return async function sameOrigin(c, next) {
    if (SAFE_METHODS.has(c.req.method) || bearerFrom(c.req.header('authorization'))) return next();
    const origin = c.req.header('origin');
    const site = c.req.header('sec-fetch-site');
    const allowedOther = origin !== undefined && options.allowedOrigins?.includes(origin) === true;
    if (origin !== undefined && origin !== new URL(c.req.url).origin && !allowedOther) {
      throw new ApiError(403, 'csrf', `cross-site request refused: it comes from ${origin}, not from this site`);
    }
    // A configured origin (e.g. the Vite dev server) is another site by Sec-Fetch-Site's measure.
    if (site !== undefined && !SAME_SITE_FETCH.has(site) && !allowedOther) {
      throw new ApiError(403, 'csrf', `cross-site request refused: the browser marks it ${site}`);
    }
    if (origin === undefined && site === undefined && getCookie(c, SESSION_COOKIE) !== undefined) {
      throw new ApiError(
        403,
        'csrf',
        'request refused: a change made with a session cookie must say where it comes from (Origin or Sec-Fetch-Site), as browsers do; scripts should use an API token',
      );
    }
    return next();
  };
}

/** Whether an Origin header may open a WebSocket to a server reached at `host`. */
export function isAllowedSocketOrigin(
  origin: string | undefined,
  host: string | undefined,
  allowed: readonly string[] = [],
): boolean {
  if (origin === undefined) return true; // not a browser: it authenticates with a token or cookie it holds
  if (allowed.includes(origin)) return true;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

const CAPABILITY_TEXT: Record<Capability, string> = {
  'map.read': 'open this map',
  'map.edit': 'change this map',
  'map.delete': 'delete this map',
  'comments.write': 'comment on this map',
  'comments.moderate': "delete other people's comments",
  'members.read': 'see who is on this map',
  'members.manage': 'manage the members of this map',
  'invites.manage': 'create or revoke invite links',
  'map.facilitate': 'facilitate this map',
  'snapshots.write': 'take or name snapshots of this map',
  'snapshots.delete': 'delete snapshots of this map',
  'history.restore': 'restore versions of this map',
  'reviews.run': 'start or close reviews of this map',
  'reviews.contribute': 'add to reviews of this map',
};

/** The map and the caller's role on it, or the right error: 401, 404 (no such map), 403. */
export async function authorizeMap(
  c: Context<AuthEnv>,
  store: Store,
  mapId: string,
  capability: Capability,
): Promise<{ auth: Auth; map: MapRecord; role: Role }> {
  const auth = requireAuth(c);
  const map = await store.getMap(mapId);
  if (!map) throw new ApiError(404, 'not_found', 'map not found');
  const role = await store.getRole(mapId, auth.user.id);
  if (!role) throw new ApiError(403, 'forbidden', 'you are not a member of this map');
  if (!can(role, capability)) {
    throw new ApiError(403, 'forbidden', `as ${role} you cannot ${CAPABILITY_TEXT[capability]}`);
  }
  return { auth, map, role };
}
