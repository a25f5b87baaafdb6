import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { serveStatic } from '@hono/node-server/serve-static';
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { API } from '@loopmap/shared';
import type { Store } from './storage/Store.ts';
import type { RoomManager } from './collab/RoomManager.ts';
import type { Clock } from './clock.ts';
import type { Logger } from './logger.ts';
import { errorBody, handleError } from './http/errors.ts';
import { healthRoutes } from './routes/health.ts';
import { mapRoutes } from './routes/maps.ts';

export interface AppDeps {
  store: Store;
  rooms: RoomManager;
  clock: Clock;
  log: Logger;
  /** The built client (client/dist); when absent, / explains how to build it. */
  clientDir?: string;
}

/** Largest JSON body the API accepts. */
export const MAX_BODY_BYTES = 1024 * 1024;

/** Builds the HTTP app. Never listens: tests call app.request() directly. */
export function createApp(deps: AppDeps): Hono {
  const app = new Hono();

  app.onError((error, c) =>
    handleError(error, c, (e) => deps.log.error('request failed', { error: e.stack ?? String(e) })),
  );

  app.use(
    '/api/*',
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: (c) =>
        c.json(errorBody('payload_too_large', `request bodies are limited to ${MAX_BODY_BYTES} bytes`), 413),
    }),
  );

  app.route(API.health, healthRoutes(deps.rooms));
  app.route(API.maps, mapRoutes(deps));
  app.all('/api/*', (c) => c.json(errorBody('not_found', `no API route ${c.req.method} ${c.req.path}`), 404));

  const clientDir = deps.clientDir;
  if (clientDir && existsSync(join(clientDir, 'index.html'))) {
    const root = relative(process.cwd(), clientDir) || '.';
    const indexHtml = readFileSync(join(clientDir, 'index.html'), 'utf8');
    app.use('/assets/*', async (c, next) => {
      await next();
      // Vite fingerprints asset names, so they can be cached for good.
      if (c.res.ok) c.header('Cache-Control', 'public, max-age=31536000, immutable');
    });
    app.use('/*', serveStatic({ root }));
    // Client-side routes (/maps/:id, ...) all load the single-page app.
    app.get('*', (c) => c.html(indexHtml));
  } else {
    app.get('/', (c) =>
      c.text(
        'Loopmap server is running, but the client is not built. Run `pnpm start` (it builds it) or `pnpm build`.',
      ),
    );
  }
  return app;
}
