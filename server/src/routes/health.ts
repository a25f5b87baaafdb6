import { Hono, type MiddlewareHandler } from 'hono';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { RoomManager } from '../collab/RoomManager.ts';
import type { ServerMetrics } from '../ops/metrics.ts';
import type { Logger } from '../logger.ts';
import { errorBody } from '../http/errors.ts';

/** GET /healthz: the process is alive (and how many maps it holds). */
export function healthRoutes(rooms: RoomManager): Hono {
  return new Hono().get('/', (c) => c.json({ ok: true, rooms: rooms.loadedCount }));
}

export interface OpsDeps {
  metrics: ServerMetrics;
  /** When set, /metrics wants `Authorization: Bearer <token>`. */
  metricsToken?: string;
  /** Whether this instance should get traffic: storage reachable, not shutting down. */
  ready(): Promise<{ ready: boolean; reason?: string }>;
  /** Whether the server is draining for a restart: requests other than probes answer 503. */
  draining?(): boolean;
}

/** GET /readyz (200 ready, 503 not, with the reason) and GET /metrics (Prometheus text format). */
export function opsRoutes(ops: OpsDeps): Hono {
  return new Hono()
    .get('/readyz', async (c) => {
      const { ready, reason } = await ops.ready();
      if (ready) return c.json({ ready: true });
      return c.json({ ready: false, ...errorBody('not_ready', reason ?? 'not ready') }, 503);
    })
    .get('/metrics', async (c) => {
      if (ops.metricsToken && !sameSecret(c.req.header('authorization') ?? '', `Bearer ${ops.metricsToken}`)) {
        return c.json(errorBody('unauthorized', 'metrics need the metrics token (METRICS_TOKEN)'), 401);
      }
      return c.body(await ops.metrics.text(), 200, { 'content-type': ops.metrics.contentType });
    });
}

const REQUEST_ID = /^[\w.:-]{1,64}$/;

/** Paths that carry a secret (an invite link's token) are logged with the secret replaced. */
export function loggablePath(path: string): string {
  return path.replace(/^\/api\/invites\/[^/]+/, '/api/invites/:token');
}

/**
 * Gives every request an id (the caller's X-Request-Id when it is a plain token, else a new one),
 * sends it back in X-Request-Id, and logs one line per API request: id, method, path (never the
 * query string, which may carry tokens), status and time taken. Assets are not logged.
 */
export function requestLog(log: Logger): MiddlewareHandler {
  return async (c, next) => {
    const given = c.req.header('x-request-id');
    const id = given && REQUEST_ID.test(given) ? given : randomBytes(8).toString('hex');
    const started = performance.now();
    // Set before the handlers run, so it joins whatever response they make (and the headers
    // the security middleware adds are kept).
    c.header('X-Request-Id', id);
    await next();
    if (!c.req.path.startsWith('/api/')) return;
    log.info('request', {
      reqId: id,
      method: c.req.method,
      path: loggablePath(c.req.path),
      status: c.res.status,
      ms: Math.round((performance.now() - started) * 10) / 10,
    });
  };
}

/** Compares two secrets in constant time (their hashes, so lengths do not show either). */
function sameSecret(given: string, expected: string): boolean {
  const digest = (text: string): Buffer => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest(given), digest(expected));
}
