import { Hono } from 'hono';
import { createTokenBodySchema } from '@loopmap/shared';
import type { Clock } from '../clock.ts';
import type { ApiTokenRecord, Store } from '../storage/Store.ts';
import type { RoomManager } from '../collab/RoomManager.ts';
import { ApiError, readJsonBody } from '../http/errors.ts';
import type { AuthEnv } from '../auth/identity.ts';
import { requireAuth } from '../auth/middleware.ts';
import { issueApiToken } from '../auth/apiTokens.ts';

const view = (t: ApiTokenRecord) => ({
  id: t.id,
  name: t.name,
  createdAt: new Date(t.createdAt).toISOString(),
  lastUsedAt: t.lastUsedAt === null ? null : new Date(t.lastUsedAt).toISOString(),
});

/** Personal API tokens: shown once at creation, stored hashed, revocable (which closes their sockets). */
export function tokenRoutes({
  store,
  rooms,
  clock,
}: {
  store: Store;
  rooms: RoomManager;
  clock: Clock;
}): Hono<AuthEnv> {
  const app = new Hono<AuthEnv>();

  app.get('/', async (c) => {
    const auth = requireAuth(c);
    return c.json({ tokens: (await store.listApiTokens(auth.user.id)).map(view) });
  });

  app.post('/', async (c) => {
    const auth = requireAuth(c);
    if (auth.via !== 'session')
      throw new ApiError(403, 'forbidden', 'create API tokens while signed in, not with a token');
    const body = await readJsonBody(c, createTokenBodySchema);
    const { token, secret } = await issueApiToken(store, auth.user.id, body.name, clock.now());
    return c.json({ token: view(token), secret }, 201);
  });

  app.delete('/:id', async (c) => {
    const auth = requireAuth(c);
    const id = c.req.param('id');
    if (!(await store.deleteApiToken(auth.user.id, id))) throw new ApiError(404, 'not_found', 'token not found');
    rooms.bus.publish({ type: 'token-revoked', tokenId: id });
    return c.body(null, 204);
  });

  return app;
}
