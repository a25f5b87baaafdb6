import { CLOSE_CODES } from '@loopmap/shared';
import type { Store } from './storage/Store.ts';
import type { Clock } from './clock.ts';
import type { Logger } from './logger.ts';
import { DEFAULT_ROOM_MANAGER_OPTIONS, RoomManager, type RoomManagerOptions } from './collab/RoomManager.ts';
import { MapHistory } from './history/MapHistory.ts';
import { DEFAULT_LIVE_SESSION_OPTIONS, LiveSessions } from './history/LiveSessions.ts';
import type { CheckpointPolicy } from './history/checkpointPolicy.ts';
import type { ServerMetrics } from './ops/metrics.ts';
import type { RoomBus } from './collab/RoomBus.ts';
import type { MapRelay } from './collab/MapRelay.ts';

export interface MapServicesOptions {
  rooms?: Partial<RoomManagerOptions>;
  /** Where updates stored, their propagation time and the storage calls' time are counted. */
  metrics?: ServerMetrics;
  /** When checkpoints are taken; how long a live session outlives a dropped editor (ms). */
  history?: { checkpoints?: Partial<CheckpointPolicy>; sessionEndAfterMs?: number };
  /** Several instances: the bus every instance hears and the relay between rooms of one map. */
  cluster?: { bus: RoomBus; relay: MapRelay };
}

export interface MapServices {
  rooms: RoomManager;
  history: MapHistory;
  sessions: LiveSessions;
  /** Stores every open map, ends open sessions, stops timers; handOver runs once all is stored. */
  shutdown(handOver?: () => Promise<void>): Promise<void>;
}

/**
 * The live rooms and the map's memory, wired together: the history index catches up before a
 * map loads; each turn's updates may start the day's snapshot and count in a live session;
 * sessions and visits follow who comes and goes; a compaction is when a checkpoint may be stored.
 */
export function createMapServices(
  store: Store,
  clock: Clock,
  log: Logger,
  options: MapServicesOptions = {},
): MapServices {
  const history = new MapHistory(store, clock, log, { checkpoints: options.history?.checkpoints });
  const sessions = new LiveSessions(store, history, clock, log, {
    endAfterMs: options.history?.sessionEndAfterMs ?? DEFAULT_LIVE_SESSION_OPTIONS.endAfterMs,
  });
  const metrics = options.metrics;
  const rooms = new RoomManager(
    metrics ? timedDocumentStore(store, metrics) : store,
    clock,
    log,
    { ...DEFAULT_ROOM_MANAGER_OPTIONS, ...options.rooms },
    {
      loading: (mapId) => history.ensureIndexed(mapId),
      sessionExpiresAt: async (sessionId) => (await store.getSessionAndUser(sessionId))?.session.expiresAt ?? null,
      accessNow: async (identity, mapId) => {
        // The same codes as the room events that would have said so (RoomManager.handle).
        if (!(await store.getUser(identity.userId)))
          return { code: CLOSE_CODES.unauthorized, reason: 'account deleted' };
        if (identity.sessionId !== undefined && !(await store.getSessionAndUser(identity.sessionId))) {
          return { code: CLOSE_CODES.unauthorized, reason: 'signed out' };
        }
        if (identity.tokenId !== undefined) {
          const tokens = await store.listApiTokens(identity.userId);
          if (!tokens.some((token) => token.id === identity.tokenId)) {
            return { code: CLOSE_CODES.unauthorized, reason: 'token revoked' };
          }
        }
        const role = await store.getRole(mapId, identity.userId);
        if (!role) return { code: CLOSE_CODES.forbidden, reason: 'removed from this map' };
        if (role !== identity.role) return { code: CLOSE_CODES.roleChanged, reason: 'your role changed' };
        return null;
      },
      appended: async (room, updates) => {
        if (metrics) {
          metrics.updates.inc(updates.length);
          // Stored and sent to the other peers by now (the room relays before this hook).
          const now = clock.now();
          for (const update of updates) metrics.propagation.observe(Math.max(0, now - update.at) / 1000);
        }
        sessions.appended(room, updates);
        const first = updates.find((update) => update.author !== 'system');
        if (first) await history.maybeDailySnapshot(room.mapId, first.seq, first.at);
      },
      peerJoined: (room, peer) => sessions.peerJoined(room, peer),
      peerLeft: (room, peer) => sessions.peerLeft(room, peer),
      compacted: (room) => history.maybeCheckpoint(room),
      closing: (room) => sessions.closing(room),
    },
    options.cluster?.bus,
    options.cluster?.relay ?? null,
  );
  history.attach(rooms);
  const purge = async (): Promise<void> => {
    const purged = await history.purgeExpiredSnapshots().catch(() => 0);
    if (purged > 0) log.info('purged expired automatic snapshots', { purged });
  };
  void purge();
  const purgeTimer = setInterval(() => void purge(), 6 * 60 * 60 * 1000);
  purgeTimer.unref();
  return {
    rooms,
    history,
    sessions,
    async shutdown(handOver) {
      clearInterval(purgeTimer);
      await rooms.shutdown(handOver);
      await sessions.shutdown();
    },
  };
}

/** The same store, with its document-path calls timed (loopmap_storage_seconds{op}). */
function timedDocumentStore<S extends Store>(store: S, metrics: ServerMetrics): S {
  const timed = new Set<PropertyKey>(['appendUpdates', 'saveState', 'loadDoc']);
  return new Proxy(store, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver) as unknown;
      if (!timed.has(prop) || typeof value !== 'function') return value;
      return (...args: unknown[]) =>
        metrics.timeStorage(String(prop), () => (value as (...a: unknown[]) => Promise<unknown>).apply(target, args));
    },
  });
}
