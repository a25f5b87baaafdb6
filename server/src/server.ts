import { createAdaptorServer } from '@hono/node-server';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { WebSocketServer } from 'ws';
import { CLOSE_CODES } from '@loopmap/shared';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createApp } from './app.ts';
import { answerClientErrors } from './http/clientErrors.ts';
import type { RoomManager, RoomManagerOptions } from './collab/RoomManager.ts';
import { attachWebSocket } from './collab/attachWebSocket.ts';
import { DEFAULT_INBOUND_LIMITS, type InboundLimits } from './collab/InboundGate.ts';
import { SqliteStore } from './storage/SqliteStore.ts';
import { PostgresStore } from './storage/PostgresStore.ts';
import type { Store } from './storage/Store.ts';
import { systemClock, type Clock } from './clock.ts';
import { consoleLogger, countingLogger, type Logger } from './logger.ts';
import { ServerMetrics } from './ops/metrics.ts';
import { createSocketAuthorizer } from './auth/socketAuth.ts';
import type { SignInLimits } from './auth/SignInThrottle.ts';
import { loadOrCreateServerSecret, SECRET_FILE } from './auth/serverSecret.ts';
import type { MapHistory } from './history/MapHistory.ts';
import { createMapServices, type MapServicesOptions } from './mapServices.ts';
import { RedisCluster } from './cluster/redis.ts';
import { MapRouter } from './cluster/MapRouter.ts';

export interface ServerConfig {
  port: number;
  host: string;
  /** Where the SQLite file (unless a store or databaseUrl is given) and the server's secret live. */
  dataDir: string;
  clientDir?: string;
  store?: Store;
  /** Keep everything in this PostgreSQL database (migrated at start) instead of SQLite in dataDir. */
  databaseUrl?: string;
  /** Connections this instance keeps to PostgreSQL (default 10). */
  databasePoolSize?: number;
  clock?: Clock;
  log?: Logger;
  rooms?: Partial<RoomManagerOptions>;
  /** Trust X-Forwarded-Proto/-For from a reverse proxy. */
  trustProxy?: boolean;
  /** The address people use to reach Loopmap (invite links); defaults to the request's origin. */
  publicUrl?: string;
  /** Other origins (e.g. the Vite dev server) allowed to call the API and open sockets. */
  allowedOrigins?: readonly string[];
  /** Pages allowed to show Loopmap in a frame; none by default. */
  frameAncestors?: readonly string[];
  /** Sign-in throttling (see SignInLimits); the defaults suit people. */
  limits?: Partial<SignInLimits>;
  /** The signing secret; by default one kept in dataDir/server-secret (made on first start). */
  secret?: Uint8Array;
  /** What one WebSocket may send before it is read more slowly (InboundGate.ts). */
  inbound?: Partial<InboundLimits>;
  /** A map's memory: when checkpoints are taken, how long a live session outlives a dropped editor. */
  history?: MapServicesOptions['history'];
  /** Ping sockets this often and drop those that missed the previous ping (ms; default 30 s). */
  heartbeatMs?: number;
  /** Checkpoint SQLite's WAL from a worker this often (ms; default 1 s; ignored when a store is given). */
  checkpointEveryMs?: number;
  /** When set, /metrics answers only requests with `Authorization: Bearer <metricsToken>`. */
  metricsToken?: string;
  /** Several instances: live updates, presence and room events cross them through this Redis. */
  redisUrl?: string;
  /** Put before every Redis channel name (default `loopmap:`), so deployments can share a Redis. */
  redisPrefix?: string;
}

export interface RunningServer {
  url: string;
  port: number;
  store: Store;
  rooms: RoomManager;
  history: MapHistory;
  metrics: ServerMetrics;
  /** With REDIS_URL: who owns which open map, and the sockets relayed to owners elsewhere. */
  router: MapRouter | null;
  /**
   * Drains and stops: /readyz and every request but the probes answer 503, new sockets are
   * closed with 1012; every open map is stored (flushed and compacted) while its peers stay
   * connected, then they are closed with 1012 so they reconnect at once; then it stops listening.
   */
  close(): Promise<void>;
}

/** How long a shutdown waits for clients to answer the close (ms); then it ends their connections. */
const CLOSE_GRACE_MS = 2_000;

/** Resolves once every socket has closed, or after `ms`. */
function allClosed(wss: WebSocketServer, ms: number): Promise<void> {
  const open = [...wss.clients].filter((ws) => ws.readyState !== ws.CLOSED);
  if (open.length === 0) return Promise.resolve();
  return new Promise((resolve) => {
    let left = open.length;
    const timer = setTimeout(resolve, ms);
    for (const ws of open) {
      ws.once('close', () => {
        if (--left > 0) return;
        clearTimeout(timer);
        resolve();
      });
    }
  });
}

/** REDIS_URL is set but Redis did not answer at start. */
export class RedisUnavailableError extends Error {}

/** Starts the whole app on one port: REST, WebSocket, and the built client. */
export async function startServer(config: ServerConfig): Promise<RunningServer> {
  let connections = (): number => 0;
  let draining = false;
  const metrics = new ServerMetrics({
    connections: () => connections(),
    openMaps: () => rooms.loadedCount,
    ownedMaps: () => router?.ownedMaps().length ?? 0,
    relayedConnections: () => router?.relayedCount ?? 0,
  });
  const log = countingLogger(config.log ?? consoleLogger, (level, event) => metrics.events.inc({ level, event }));
  const clock = config.clock ?? systemClock;
  mkdirSync(config.dataDir, { recursive: true });
  const store =
    config.store ??
    (config.databaseUrl
      ? await PostgresStore.open({
          connectionString: config.databaseUrl,
          max: config.databasePoolSize,
          onIdleError: (error) =>
            log.warn('PostgreSQL connection lost; the next query reconnects', { error: error.message }),
        })
      : new SqliteStore({
          filename: join(config.dataDir, 'loopmap.sqlite'),
          checkpointEveryMs: config.checkpointEveryMs,
        }));
  const secret = config.secret ?? loadOrCreateServerSecret(join(config.dataDir, SECRET_FILE));
  let cluster: RedisCluster | null = null;
  if (config.redisUrl) {
    cluster = new RedisCluster({ url: config.redisUrl, prefix: config.redisPrefix, log });
    try {
      await cluster.connected(5_000);
    } catch (error) {
      await cluster.close();
      if (!config.store) await store.close();
      throw new RedisUnavailableError(error instanceof Error ? error.message : String(error));
    }
  }
  const { rooms, history, sessions, shutdown } = createMapServices(store, clock, log, {
    rooms: config.rooms,
    history: config.history,
    metrics,
    cluster: cluster ? { bus: cluster.bus, relay: cluster.relay } : undefined,
  });
  // Room events other instances published while Redis was away are lost: ask the store instead.
  cluster?.onReconnected(() => void rooms.recheckAccess());
  // One owner per open map: sockets that reach another instance are relayed to it.
  const router = cluster ? new MapRouter(cluster, rooms, log) : null;
  const app = createApp({
    store,
    rooms,
    history,
    sessions,
    clock,
    log,
    clientDir: config.clientDir,
    trustProxy: config.trustProxy,
    publicUrl: config.publicUrl,
    allowedOrigins: config.allowedOrigins,
    frameAncestors: config.frameAncestors,
    limits: config.limits,
    secret,
    ops: {
      metrics,
      metricsToken: config.metricsToken,
      draining: () => draining,
      ready: async () => {
        if (draining) return { ready: false, reason: 'shutting down' };
        try {
          await store.getMap('readiness-probe');
        } catch (error) {
          log.warn('readiness probe: storage did not answer', { error: String(error) });
          return { ready: false, reason: 'storage unavailable' };
        }
        if (cluster && !(await cluster.ping())) return { ready: false, reason: 'Redis unavailable' };
        if (rooms.overMemoryBudget) return { ready: false, reason: 'at its memory budget' };
        return { ready: true };
      },
    },
  });
  const server = createAdaptorServer({ fetch: app.fetch }) as Server;
  answerClientErrors(server);
  const authorize = createSocketAuthorizer({ store, clock, allowedOrigins: config.allowedOrigins });
  const wss = attachWebSocket(server, router ?? rooms, authorize, log, config.heartbeatMs, {
    ...DEFAULT_INBOUND_LIMITS,
    ...config.inbound,
  });
  connections = () => wss.clients.size;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const shownHost = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  let closing: Promise<void> | null = null;
  return {
    url: `http://${shownHost.includes(':') ? `[${shownHost}]` : shownHost}:${port}`,
    port,
    store,
    rooms,
    history,
    metrics,
    router,
    close: () =>
      (closing ??= (async () => {
        draining = true;
        await shutdown(() => router?.handOver() ?? Promise.resolve());
        // Sockets still being authorised or refused meanwhile: the same code. Give the close
        // handshakes a moment, so the code reaches every client before the connection ends.
        for (const client of wss.clients) client.close(CLOSE_CODES.serviceRestart, 'server restarting, reconnect');
        await allClosed(wss, CLOSE_GRACE_MS);
        for (const client of wss.clients) client.terminate();
        wss.close();
        server.closeAllConnections?.();
        await new Promise<void>((resolve) => server.close(() => resolve()));
        await cluster?.close();
        await store.close();
      })()),
  };
}
