import { Hono } from 'hono';
import type * as Y from 'yjs';
import {
  MAP_TEMPLATES,
  buildTemplate,
  createMapBodySchema,
  createOrigin,
  defaultTemplateFor,
  initMap,
  localDate,
  writeMapJSON,
  newMapId,
  setMapKind,
  setMapTitle,
  updateMapBodySchema,
  type MapKind,
  type MapSummary,
  type Origin,
} from '@loopmap/shared';
import type { MapRecord, Store } from '../storage/Store.ts';
import type { Role } from '@loopmap/shared';
import type { AuthEnv } from '../auth/identity.ts';
import { authorizeMap, requireAuth } from '../auth/middleware.ts';
import type { RoomManager } from '../collab/RoomManager.ts';
import type { Clock } from '../clock.ts';
import { ApiError, readJsonBody } from '../http/errors.ts';
import { firstUpdateOf, type FirstUpdate } from '../storage/firstUpdate.ts';
import { requestLanguage, translatorFor } from '../i18n.ts';

export interface MapRoutesDeps {
  store: Store;
  rooms: RoomManager;
  clock: Clock;
}

export function toSummary(map: MapRecord, role: Role): MapSummary {
  return {
    id: map.id,
    title: map.title,
    kind: map.kind,
    createdAt: new Date(map.createdAt).toISOString(),
    updatedAt: new Date(map.updatedAt).toISOString(),
    role,
  };
}

/**
 * Creates a map whose first logged update is what `write` puts in an empty document (a
 * template, a copy of a version), with that update's change for the history index; or, given
 * that update already built (an import builds it in a worker), stores it as it is.
 */
export async function storeNewMap(
  store: Store,
  clock: Clock,
  input: { ownerId: string; title: string; kind: MapKind } & (
    { write: (doc: Y.Doc, origin: Origin) => void } | { first: FirstUpdate }
  ),
): Promise<MapRecord> {
  const { initialUpdate, initialChange } = 'first' in input ? input.first : firstUpdateOf(input.ownerId, input.write);
  return store.createMap({
    id: newMapId(),
    ownerId: input.ownerId,
    title: input.title,
    kind: input.kind,
    at: clock.now(),
    initialUpdate,
    initialChange,
    author: input.ownerId,
  });
}

export function mapRoutes({ store, rooms, clock }: MapRoutesDeps): Hono<AuthEnv> {
  const app = new Hono<AuthEnv>();

  app.get('/', async (c) => {
    const auth = requireAuth(c);
    const maps = await store.listMapsFor(auth.user.id);
    return c.json({ maps: maps.map((m) => toSummary(m, m.role)) });
  });

  app.post('/', async (c) => {
    const auth = requireAuth(c);
    const body = await readJsonBody(c, createMapBodySchema);
    const template = body.template ? MAP_TEMPLATES.find((t) => t.id === body.template) : undefined;
    if (template && body.kind && body.kind !== template.kind) {
      throw new ApiError(400, 'validation_failed', `kind: the template "${template.id}" makes a ${template.kind} map`);
    }
    const kind = template?.kind ?? body.kind ?? 'theory-of-change';
    // The map's first change: its meta record and, from a template, its starting content.
    const templateId = template?.id ?? defaultTemplateFor(kind);
    const map = await storeNewMap(store, clock, {
      ownerId: auth.user.id,
      title: body.title,
      kind,
      write: (doc, origin) => {
        if (templateId) {
          const today = localDate(new Date(clock.now()));
          const language = requestLanguage(body.language, auth.user.language, c.req.header('Accept-Language'));
          const t = translatorFor(language, 'domain');
          writeMapJSON(doc, buildTemplate(templateId, { title: body.title, today, t }), origin);
        } else {
          initMap(doc, { title: body.title, kind }, origin);
        }
      },
    });
    return c.json({ map: toSummary(map, 'owner') }, 201, { Location: `/api/maps/${map.id}` });
  });

  app.get('/:id', async (c) => {
    const { map, role } = await authorizeMap(c, store, c.req.param('id'), 'map.read');
    return c.json({ map: toSummary(map, role) });
  });

  app.patch('/:id', async (c) => {
    const { map, role, auth } = await authorizeMap(c, store, c.req.param('id'), 'map.edit');
    const body = await readJsonBody(c, updateMapBodySchema);
    // The title and kind live in the document too: change them there, through the same durable
    // pipeline as a peer's edit, so every open canvas sees the rename live.
    await rooms.withRoom(map.id, (room) =>
      room.change((doc) => {
        const origin = createOrigin('server', auth.user.id);
        if (body.title !== undefined) setMapTitle(doc, body.title, origin);
        if (body.kind !== undefined) setMapKind(doc, body.kind, origin);
      }),
    );
    // The room's flush has written the new title and kind to the map record.
    const updated = await store.getMap(map.id);
    if (!updated) throw new ApiError(404, 'not_found', 'map not found');
    return c.json({ map: toSummary(updated, role) });
  });

  app.delete('/:id', async (c) => {
    const { map } = await authorizeMap(c, store, c.req.param('id'), 'map.delete');
    await store.deleteMap(map.id, clock.now());
    rooms.bus.publish({ type: 'map-deleted', mapId: map.id });
    return c.body(null, 204);
  });

  return app;
}
