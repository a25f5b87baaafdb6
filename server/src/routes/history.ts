import { Hono, type Context } from 'hono';
import { compress } from 'hono/compress';
import {
  HISTORY_LIMITS,
  createSnapshotBodySchema,
  diffMaps,
  restoreBodySchema,
  revertBodySchema,
  updateSnapshotBodySchema,
  writeMapJSON,
  type CatchUpResponse,
  type DiffResponse,
  type HistoryPage,
  type StateResponse,
  type TimelineResponse,
  type UpdatesPage,
} from '@loopmap/shared';
import type { Store } from '../storage/Store.ts';
import type { SnapshotRecord } from '../storage/HistoryStore.ts';
import type { AuthEnv } from '../auth/identity.ts';
import { authorizeMap } from '../auth/middleware.ts';
import type { RoomManager } from '../collab/RoomManager.ts';
import type { Clock } from '../clock.ts';
import type { MapHistory } from '../history/MapHistory.ts';
import type { LiveSessions } from '../history/LiveSessions.ts';
import { ApiError, readJsonBody } from '../http/errors.ts';
import { storeNewMap, toSummary } from './maps.ts';
import { iso, people, pointView, sessionView, snapshotView } from './historyViews.ts';

export interface HistoryRoutesDeps {
  store: Store;
  rooms: RoomManager;
  history: MapHistory;
  sessions: LiveSessions;
  clock: Clock;
}

/** A whole number from the query string within bounds, the default when absent, or a 400. */
function intQuery(c: Context, name: string, fallback: number, min: number, max: number): number {
  const raw = c.req.query(name);
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d{1,15}$/.test(raw)) throw new ApiError(400, 'bad_request', `${name} must be a whole number`);
  const value = Number(raw);
  if (value < min || value > max) throw new ApiError(400, 'bad_request', `${name} must be between ${min} and ${max}`);
  return value;
}

function requiredQuery(c: Context, name: string): string {
  const raw = c.req.query(name);
  if (raw === undefined || raw.trim() === '') {
    throw new ApiError(400, 'bad_request', `give ${name}: now, a seq, a time (ISO 8601) or a snapshot id`);
  }
  return raw;
}

/**
 * A map's memory over REST (shared/src/api/history.ts): snapshots, restore, state at any point,
 * the attributed history, diffs, the raw log for replay, the timeline, live sessions and
 * catch-up. Everyone who can open the map reads all of it; writing needs the capabilities in
 * shared/src/auth/roles.ts.
 */
export function historyRoutes({ store, rooms, history, sessions, clock }: HistoryRoutesDeps): Hono<AuthEnv> {
  const app = new Hono<AuthEnv>();
  // Whole maps, the log and the timeline run to megabytes on a long history: JSON shrinks to a
  // fifth or less with gzip, which every browser and fetch() undo by themselves.
  for (const path of ['/:id/state', '/:id/diff', '/:id/updates', '/:id/timeline', '/:id/snapshots/:sid']) {
    app.get(path, compress());
  }

  async function snapshotOr404(mapId: string, sid: string): Promise<SnapshotRecord> {
    const snapshot = await store.history.getSnapshot(mapId, sid);
    if (!snapshot) throw new ApiError(404, 'not_found', 'snapshot not found');
    return snapshot;
  }

  app.get('/:id/snapshots', async (c) => {
    const { map } = await authorizeMap(c, store, c.req.param('id'), 'map.read');
    const snapshots = await store.history.listSnapshots(map.id);
    return c.json({ snapshots: snapshots.map(snapshotView) });
  });

  app.post('/:id/snapshots', async (c) => {
    const { map, auth } = await authorizeMap(c, store, c.req.param('id'), 'snapshots.write');
    const body = await readJsonBody(c, createSnapshotBodySchema);
    const point = await history.resolvePoint(map.id, body.at ?? 'now');
    // Seq 0 is before the map was created: it has no title or kind of its own, and restoring it
    // would turn the map into an untitled theory-of-change map.
    if (point.seq === 0) throw new ApiError(400, 'bad_request', 'there is no version before the map was created');
    const snapshot = await history.takeSnapshot({
      mapId: map.id,
      seq: point.seq,
      name: body.name,
      note: body.note,
      reason: null,
      by: auth.user.id,
    });
    return c.json({ snapshot: snapshotView(snapshot) }, 201);
  });

  app.get('/:id/snapshots/:sid', async (c) => {
    const { map } = await authorizeMap(c, store, c.req.param('id'), 'map.read');
    const snapshot = await snapshotOr404(map.id, c.req.param('sid'));
    return c.json({ snapshot: snapshotView(snapshot), map: await history.mapAt(map.id, snapshot.seq) });
  });

  app.patch('/:id/snapshots/:sid', async (c) => {
    const { map } = await authorizeMap(c, store, c.req.param('id'), 'snapshots.write');
    const body = await readJsonBody(c, updateSnapshotBodySchema);
    await snapshotOr404(map.id, c.req.param('sid'));
    const snapshot = await store.history.updateSnapshot(map.id, c.req.param('sid'), body);
    if (!snapshot) throw new ApiError(404, 'not_found', 'snapshot not found');
    return c.json({ snapshot: snapshotView(snapshot) });
  });

  app.delete('/:id/snapshots/:sid', async (c) => {
    const { map } = await authorizeMap(c, store, c.req.param('id'), 'snapshots.delete');
    if (!(await store.history.deleteSnapshot(map.id, c.req.param('sid')))) {
      throw new ApiError(404, 'not_found', 'snapshot not found');
    }
    return c.body(null, 204);
  });

  app.post('/:id/snapshots/:sid/restore', async (c) => {
    const { map, auth } = await authorizeMap(c, store, c.req.param('id'), 'history.restore');
    const body = await readJsonBody(c, restoreBodySchema);
    const snapshot = await snapshotOr404(map.id, c.req.param('sid'));
    if (body.mode === 'copy') {
      const content = await history.mapAt(map.id, snapshot.seq);
      const title = `${content.meta.title} (${snapshot.name})`.slice(0, 200);
      const copy = await storeNewMap(store, clock, {
        ownerId: auth.user.id,
        title,
        kind: content.meta.kind,
        write: (doc, origin) => writeMapJSON(doc, { ...content, meta: { ...content.meta, title } }, origin),
      });
      return c.json({ map: toSummary(copy, 'owner') }, 201, { Location: `/api/maps/${copy.id}` });
    }
    const { undo, seq } = await history.restoreInPlace(map.id, snapshot, auth.user.id);
    return c.json({ undo: snapshotView(undo), seq });
  });

  app.post('/:id/revert', async (c) => {
    const { map, auth } = await authorizeMap(c, store, c.req.param('id'), 'history.restore');
    const body = await readJsonBody(c, revertBodySchema);
    const from = body.from === undefined ? 0 : (await history.resolvePoint(map.id, body.from)).seq;
    const to = body.to === undefined ? undefined : (await history.resolvePoint(map.id, body.to)).seq;
    if (to !== undefined && to < from) throw new ApiError(400, 'bad_request', 'the range ends before it starts');
    const result = await history.revert(map.id, { author: body.author, fromSeq: from, toSeq: to }, auth.user.id);
    return c.json({ undo: result.undo ? snapshotView(result.undo) : null, seq: result.seq, reverted: result.reverted });
  });

  app.get('/:id/state', async (c) => {
    const { map } = await authorizeMap(c, store, c.req.param('id'), 'map.read');
    const point = await history.resolvePoint(map.id, requiredQuery(c, 'at'));
    const body: StateResponse = { point: pointView(point), map: await history.mapAt(map.id, point.seq) };
    return c.json(body);
  });

  app.get('/:id/history', async (c) => {
    const { map } = await authorizeMap(c, store, c.req.param('id'), 'map.read');
    const limit = intQuery(c, 'limit', HISTORY_LIMITS.defaultPage, 1, HISTORY_LIMITS.maxPage);
    const before = intQuery(c, 'before', Number.MAX_SAFE_INTEGER, 1, Number.MAX_SAFE_INTEGER);
    const node = c.req.query('node');
    await rooms.settledSeq(map.id);
    await history.ensureIndexed(map.id);
    // One more than asked: whether an older page exists, without a last empty one.
    const found = await store.history.listHistory(map.id, { before, limit: limit + 1, target: node || undefined });
    const entries = found.slice(0, limit);
    const person = await people(
      store,
      entries.map((e) => e.author),
    );
    const body: HistoryPage = {
      entries: entries.map((entry) => ({
        seq: entry.seq,
        at: iso(entry.at),
        author: person(entry.author),
        summary: entry.summary,
        ids: entry.ids,
      })),
      nextBefore: found.length > limit ? entries[entries.length - 1]!.seq : null,
    };
    return c.json(body);
  });

  app.get('/:id/diff', async (c) => {
    const { map } = await authorizeMap(c, store, c.req.param('id'), 'map.read');
    const from = await history.resolvePoint(map.id, requiredQuery(c, 'from'));
    const to = await history.resolvePoint(map.id, c.req.query('to') ?? 'now');
    const [before, after] = await Promise.all([history.mapAt(map.id, from.seq), history.mapAt(map.id, to.seq)]);
    const body: DiffResponse = { from: pointView(from), to: pointView(to), diff: diffMaps(before, after) };
    return c.json(body);
  });

  app.get('/:id/updates', async (c) => {
    const { map } = await authorizeMap(c, store, c.req.param('id'), 'map.read');
    const after = intQuery(c, 'after', 0, 0, Number.MAX_SAFE_INTEGER);
    const limit = intQuery(c, 'limit', HISTORY_LIMITS.maxUpdatesPage, 1, HISTORY_LIMITS.maxUpdatesPage);
    const lastSeq = await rooms.settledSeq(map.id);
    const updates = await store.listUpdates(map.id, after, limit);
    const body: UpdatesPage = {
      updates: updates.map((u) => ({
        seq: u.seq,
        at: iso(u.at),
        author: u.author,
        data: Buffer.from(u.update.buffer, u.update.byteOffset, u.update.byteLength).toString('base64'),
      })),
      lastSeq,
    };
    return c.json(body);
  });

  app.get('/:id/timeline', async (c) => {
    const { map } = await authorizeMap(c, store, c.req.param('id'), 'map.read');
    const lastSeq = await rooms.settledSeq(map.id);
    const [times, snapshots, ended, reviews] = await Promise.all([
      store.history.listEntryTimes(map.id),
      store.history.listSnapshots(map.id),
      store.history.listSessions(map.id),
      store.reviews.listReviews(map.id),
    ]);
    const current = sessions.current(map.id);
    const all = current ? [current, ...ended] : ended;
    const authorIds = [...new Set([...times.map((t) => t.author), ...all.flatMap((s) => s.participants)])];
    const person = await people(store, authorIds);
    const index = new Map(authorIds.map((id, i) => [id, i]));
    const body: TimelineResponse = {
      lastSeq,
      entries: times.map((t) => [t.seq, t.at, index.get(t.author)!]),
      authors: authorIds.map(person),
      snapshots: snapshots.map(snapshotView),
      sessions: all.map((s) => sessionView(s, person)),
      reviews: reviews.map((r) => ({
        id: r.id,
        title: r.title,
        fromSeq: r.fromSeq,
        toSeq: r.toSeq,
        createdAt: iso(r.createdAt),
      })),
    };
    return c.json(body);
  });

  app.get('/:id/sessions', async (c) => {
    const { map } = await authorizeMap(c, store, c.req.param('id'), 'map.read');
    const ended = await store.history.listSessions(map.id);
    const current = sessions.current(map.id);
    const all = current ? [current, ...ended] : ended;
    const person = await people(
      store,
      all.flatMap((s) => s.participants),
    );
    return c.json({ sessions: all.map((s) => sessionView(s, person)) });
  });

  app.get('/:id/catch-up', async (c) => {
    const { map, auth } = await authorizeMap(c, store, c.req.param('id'), 'map.read');
    const lastSeq = await rooms.settledSeq(map.id);
    const visit = await store.history.getVisit(map.id, auth.user.id);
    if (!visit) {
      const body: CatchUpResponse = { since: null, sinceSeq: lastSeq, lastSeq, changes: 0, authors: [] };
      return c.json(body);
    }
    const { changes, authors } = await store.history.changesSince(map.id, visit.seq, auth.user.id);
    const person = await people(store, authors);
    const body: CatchUpResponse = {
      since: iso(visit.at),
      sinceSeq: visit.seq,
      lastSeq,
      changes,
      authors: authors.map(person),
    };
    return c.json(body);
  });

  return app;
}
