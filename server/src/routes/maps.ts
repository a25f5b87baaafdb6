import { Hono } from 'hono';
import * as Y from 'yjs';
import {
  CLOSE_CODES,
  createMapBodySchema,
  createOrigin,
  initMap,
  newMapId,
  setMapKind,
  setMapTitle,
  toMapJSON,
  updateMapBodySchema,
  type MapSummary,
} from '@loopmap/shared';
import type { MapRecord, Store } from '../storage/Store.ts';
import type { RoomManager } from '../collab/RoomManager.ts';
import type { Clock } from '../clock.ts';
import { ApiError, notFound, readJsonBody } from '../http/errors.ts';

export interface MapRoutesDeps {
  store: Store;
  rooms: RoomManager;
  clock: Clock;
}

export function toSummary(map: MapRecord): MapSummary {
  return {
    id: map.id,
    title: map.title,
    kind: map.kind,
    createdAt: new Date(map.createdAt).toISOString(),
    updatedAt: new Date(map.updatedAt).toISOString(),
  };
}

/** A file name for downloads: the title, made safe. */
function fileName(title: string): string {
  const base = title
    .replace(/[^\p{L}\p{N} ._-]+/gu, '')
    .trim()
    .replace(/\s+/g, '-')
    .slice(0, 80);
  return base.length > 0 ? base : 'map';
}

export function mapRoutes({ store, rooms, clock }: MapRoutesDeps): Hono {
  const app = new Hono();

  const requireMap = async (id: string): Promise<MapRecord> => {
    const map = await store.getMap(id);
    if (!map) throw notFound('map');
    return map;
  };

  app.get('/', async (c) => {
    const maps = await store.listMaps();
    return c.json({ maps: maps.map(toSummary) });
  });

  app.post('/', async (c) => {
    const body = await readJsonBody(c, createMapBodySchema);
    const id = newMapId();
    const doc = new Y.Doc();
    initMap(doc, body, createOrigin('server'));
    const initialUpdate = Y.encodeStateAsUpdate(doc);
    doc.destroy();
    const map = await store.createMap({ id, ...body, at: clock.now(), initialUpdate, author: 'system' });
    return c.json({ map: toSummary(map) }, 201, { Location: `/api/maps/${id}` });
  });

  app.get('/:id', async (c) => {
    const map = await requireMap(c.req.param('id'));
    return c.json({ map: toSummary(map) });
  });

  app.patch('/:id', async (c) => {
    const id = c.req.param('id');
    await requireMap(id);
    const body = await readJsonBody(c, updateMapBodySchema);
    // The title and kind live in the document too: change them there, through the same durable
    // pipeline as a peer's edit, so every open canvas sees the rename live.
    await rooms.withRoom(id, (room) =>
      room.change((doc) => {
        const origin = createOrigin('server', 'api');
        if (body.title !== undefined) setMapTitle(doc, body.title, origin);
        if (body.kind !== undefined) setMapKind(doc, body.kind, origin);
      }),
    );
    // The room's flush has written the new title and kind to the map record.
    return c.json({ map: toSummary(await requireMap(id)) });
  });

  app.delete('/:id', async (c) => {
    const id = c.req.param('id');
    const deleted = await store.deleteMap(id, clock.now());
    if (!deleted) throw notFound('map');
    await rooms.closeMap(id, CLOSE_CODES.mapNotFound, 'map deleted');
    return c.body(null, 204);
  });

  app.get('/:id/export', async (c) => {
    const id = c.req.param('id');
    const format = c.req.query('format') ?? 'json';
    const map = await requireMap(id);
    if (format !== 'json') {
      throw new ApiError(400, 'unsupported_format', `export format "${format}" is not supported; use format=json`);
    }
    const json = await rooms.withRoom(id, (room) => toMapJSON(room.doc));
    c.header('Content-Disposition', `attachment; filename="${fileName(map.title)}.loopmap.json"`);
    return c.json(json);
  });

  return app;
}
