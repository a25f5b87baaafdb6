import type { IncomingMessage } from 'node:http';
import { parse as parseCookies } from 'hono/utils/cookie';
import { CLOSE_CODES } from '@loopmap/shared';
import type { Clock } from '../clock.ts';
import type { Store } from '../storage/Store.ts';
import type { AuthorizeSocket, SocketAuthorization } from '../collab/attachWebSocket.ts';
import { colorFor } from './identity.ts';
import { authenticate, bearerFrom, isAllowedSocketOrigin } from './middleware.ts';
import { SESSION_COOKIE } from './sessions.ts';

/**
 * Authorises a WebSocket upgrade: the Origin must be this site (or an allowed one); the caller
 * must present a session cookie, or an API token (Authorization: Bearer, or ?token= for clients
 * that cannot set headers); and must be a member of the map.
 */
export function createSocketAuthorizer(deps: {
  store: Store;
  clock: Clock;
  allowedOrigins?: readonly string[];
}): AuthorizeSocket {
  const refuse = (code: number, reason: string): SocketAuthorization => ({ ok: false, code, reason });
  return async (req: IncomingMessage, url: URL, mapId: string) => {
    if (!isAllowedSocketOrigin(req.headers.origin, req.headers.host, deps.allowedOrigins)) {
      return refuse(CLOSE_CODES.forbidden, 'cross-site socket refused');
    }
    const bearer = bearerFrom(req.headers.authorization) ?? url.searchParams.get('token');
    const sessionToken = bearer
      ? null
      : (parseCookies(req.headers.cookie ?? '', SESSION_COOKIE)[SESSION_COOKIE] ?? null);
    const { auth } = await authenticate(deps.store, deps.clock, { bearer, sessionToken });
    if (!auth) return refuse(CLOSE_CODES.unauthorized, 'sign in to open this map');
    if (!(await deps.store.getMap(mapId))) return refuse(CLOSE_CODES.mapNotFound, 'map not found');
    const role = await deps.store.getRole(mapId, auth.user.id);
    if (!role) return refuse(CLOSE_CODES.forbidden, 'you are not a member of this map');
    const session = auth.via === 'session' ? await deps.store.getSessionAndUser(auth.sessionId) : null;
    return {
      ok: true,
      identity: {
        userId: auth.user.id,
        name: auth.user.name,
        color: colorFor(auth.user.id),
        role,
        ...(auth.via === 'session' ? { sessionId: auth.sessionId, expiresAt: session?.session.expiresAt } : {}),
        ...(auth.via === 'token' ? { tokenId: auth.tokenId } : {}),
      },
    };
  };
}
