import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { serveStatic } from '@hono/node-server/serve-static';
import { securityHeaders } from './http/securityHeaders.ts';
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { API, EXPORT_API } from '@loopmap/shared';
import type { Store } from './storage/Store.ts';
import type { RoomManager } from './collab/RoomManager.ts';
import type { MapHistory } from './history/MapHistory.ts';
import type { LiveSessions } from './history/LiveSessions.ts';
import { historyRoutes } from './routes/history.ts';
import { reviewRoutes } from './routes/reviews.ts';
import type { Clock } from './clock.ts';
import type { Logger } from './logger.ts';
import { errorBody, handleError, shuttingDown } from './http/errors.ts';
import { healthRoutes, opsRoutes, requestLog, type OpsDeps } from './routes/health.ts';
import { mapRoutes } from './routes/maps.ts';
import { exportRoutes } from './routes/exports.ts';
import { fontRoutes } from './routes/fonts.ts';
import { importRoutes } from './routes/imports.ts';
import { sharedExportPool, type ExportRunner } from './export/ExportPool.ts';
import { authRoutes } from './routes/auth.ts';
import { tokenRoutes } from './routes/tokens.ts';
import { inviteRoutes, memberRoutes } from './routes/members.ts';
import { commentRoutes } from './routes/comments.ts';
import { authMiddleware, sameOriginGuard } from './auth/middleware.ts';
import { SignInThrottle, type SignInLimits } from './auth/SignInThrottle.ts';
import { KnownDevices, randomServerSecret } from './auth/knownDevices.ts';
import type { AuthEnv } from './auth/identity.ts';

export interface AppDeps {
  store: Store;
  rooms: RoomManager;
  history: MapHistory;
  sessions: LiveSessions;
  clock: Clock;
  log: Logger;
  /** The built client (client/dist); when absent, / explains how to build it. */
  clientDir?: string;
  /** Trust X-Forwarded-Proto/-For from a reverse proxy (for Secure cookies and throttling). */
  trustProxy?: boolean;
  /** The address people use to reach Loopmap, e.g. https://maps.example.org (for invite links). */
  publicUrl?: string;
  /** Extra origins allowed to make state-changing requests and open sockets. */
  allowedOrigins?: readonly string[];
  /** Pages allowed to show Loopmap in a frame (Content-Security-Policy frame-ancestors); none by default. */
  frameAncestors?: readonly string[];
  /** Where exports are rendered; by default a pool of worker threads shared by the process. */
  exporter?: ExportRunner;
  /** Sign-in and sign-up throttling (see SignInLimits); defaults suit people, tests may tighten them. */
  limits?: Partial<SignInLimits>;
  /**
   * The server's secret, for signing known-device cookies. Without one a random secret is made,
   * and devices are forgotten when the process restarts (startServer keeps one in the data dir).
   */
  secret?: Uint8Array;
  /** /metrics and /readyz (startServer provides them). */
  ops?: OpsDeps;
}

/** Largest JSON body the API accepts. */
export const MAX_BODY_BYTES = 1024 * 1024;

/** Builds the HTTP app. Never listens: tests call app.request() directly. */
export function createApp(deps: AppDeps): Hono<AuthEnv> {
  const app = new Hono<AuthEnv>();
  const trustProxy = deps.trustProxy ?? false;
  const throttle = new SignInThrottle(deps.store.throttles, deps.limits ?? {}, deps.clock);
  const devices = new KnownDevices(deps.secret ?? randomServerSecret(), deps.clock);

  app.use('*', requestLog(deps.log));
  app.use(
    '*',
    securityHeaders({ allowedOrigins: deps.allowedOrigins, frameAncestors: deps.frameAncestors, trustProxy }),
  );
  // Draining for a restart: everything but the probes is sent elsewhere (503, Retry-After).
  const probes = new Set<string>([API.health, '/readyz', '/metrics']);
  app.use('*', async (c, next) => {
    if (deps.ops?.draining?.() && !probes.has(c.req.path)) return shuttingDown(c);
    await next();
  });
  // An answer given without reading the request's body (a 401, 403 or 413 before the body is
  // parsed): @hono/node-server then drains the body and drops the socket if that takes over
  // 500 ms, after a keep-alive answer, so the client's next request meets a closed socket. Say
  // up front that this connection ends here.
  app.use('/api/*', async (c, next) => {
    await next();
    const hasBody = Number(c.req.header('content-length') ?? 0) > 0 || c.req.header('transfer-encoding') !== undefined;
    if (hasBody && !c.req.raw.bodyUsed) c.header('Connection', 'close');
  });
  app.onError((error, c) =>
    handleError(error, c, (e) => deps.log.error('request failed', { error: e.stack ?? String(e) })),
  );

  const apiBodyLimit = bodyLimit({
    maxSize: MAX_BODY_BYTES,
    onError: (c) =>
      c.json(errorBody('payload_too_large', `request bodies are limited to ${MAX_BODY_BYTES} bytes`), 413),
  });
  // An import takes files up to MAX_IMPORT_BYTES: its route sets that limit itself.
  app.use('/api/*', (c, next) =>
    c.req.method === 'POST' && c.req.path === EXPORT_API.import ? next() : apiBodyLimit(c, next),
  );

  app.use('/api/*', sameOriginGuard({ allowedOrigins: deps.allowedOrigins }));
  app.use('/api/*', authMiddleware({ store: deps.store, clock: deps.clock, trustProxy }));

  app.route(API.health, healthRoutes(deps.rooms));
  if (deps.ops) app.route('/', opsRoutes(deps.ops));
  app.route('/api/auth', authRoutes({ ...deps, trustProxy, throttle, devices }));
  app.route('/api/tokens', tokenRoutes(deps));
  app.route(API.maps, memberRoutes({ ...deps, trustProxy }));
  const exporter = deps.exporter ?? sharedExportPool();
  app.route(API.maps, importRoutes({ ...deps, exporter }));
  app.route(API.maps, exportRoutes({ ...deps, exporter }));
  app.route(API.maps, mapRoutes(deps));
  app.route(API.maps, commentRoutes(deps));
  app.route(API.maps, historyRoutes(deps));
  app.route(API.maps, reviewRoutes({ ...deps, exporter }));
  app.route('/api/invites', inviteRoutes(deps));
  app.route('/fonts', fontRoutes());
  // `/fonts/` (no name) or a deeper path: the same JSON 404 as an unknown font, not Hono's text.
  app.all('/fonts/*', (c) => c.json(errorBody('not_found', `no font at ${c.req.path.slice(0, 60)}`), 404));
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
    // The build writes .br and .gz copies of its text files (client/vite.config.ts): sent to
    // browsers that accept them, a third of the bytes on a weak connection.
    app.use('/*', serveStatic({ root, precompressed: true }));
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
