import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp, createMapServices, SqliteStore, silentLogger, type MapServices } from '@loopmap/server';
import { mapJsonSchema, readMeta } from '@loopmap/shared';
import { connectPeer } from './support/peers.ts';
import { useTestServer } from './support/servers.ts';
import { browserOrigin, createMapAs, sessionCookieFrom, signUp } from './support/accounts.ts';
import { waitFor } from './support/waitFor.ts';

describe('maps REST API (app.request, real SQLite in memory)', () => {
  let store: SqliteStore;
  let services: MapServices;
  let app: ReturnType<typeof createApp>;
  let cookie: string;
  let now = Date.parse('2026-03-01T09:00:00Z');
  const clock = { now: () => now };

  beforeEach(async () => {
    store = new SqliteStore({ filename: ':memory:' });
    services = createMapServices(store, clock, silentLogger);
    app = createApp({ store, ...services, clock, log: silentLogger });
    const res = await app.request('/api/auth/signup', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'amina@example.org', password: 'a long passphrase', name: 'Amina' }),
    });
    cookie = sessionCookieFrom(res.headers)!;
  });
  afterEach(async () => {
    await services.shutdown();
    await store.close();
  });

  const json = (method: string, body?: unknown): RequestInit => ({
    method,
    // As the browser client sends them: app.request() serves http://localhost.
    headers: { 'content-type': 'application/json', cookie, ...browserOrigin('http://localhost', method) },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });

  it('creates, lists, reads, renames and deletes a map', async () => {
    const created = await app.request('/api/maps', json('POST', { title: 'City network', kind: 'partnership' }));
    expect(created.status).toBe(201);
    const { map } = (await created.json()) as { map: { id: string; title: string; kind: string; createdAt: string } };
    expect(map).toMatchObject({
      title: 'City network',
      kind: 'partnership',
      createdAt: '2026-03-01T09:00:00.000Z',
      role: 'owner',
    });
    expect(created.headers.get('location')).toBe(`/api/maps/${map.id}`);

    const list = (await (await app.request('/api/maps', json('GET'))).json()) as { maps: { id: string }[] };
    expect(list.maps.map((m) => m.id)).toEqual([map.id]);

    now += 60_000;
    const renamed = await app.request(`/api/maps/${map.id}`, json('PATCH', { title: 'City peer network' }));
    expect(renamed.status).toBe(200);
    expect(((await renamed.json()) as { map: { title: string; updatedAt: string } }).map).toMatchObject({
      title: 'City peer network',
      updatedAt: '2026-03-01T09:01:00.000Z',
    });

    const exported = await app.request(`/api/maps/${map.id}/export?format=json`, json('GET'));
    expect(exported.headers.get('content-disposition')).toContain('City peer network.loopmap.json');
    const body = mapJsonSchema.parse(await exported.json());
    expect(body.meta).toEqual({ title: 'City peer network', kind: 'partnership' });

    expect((await app.request(`/api/maps/${map.id}`, json('DELETE'))).status).toBe(204);
    expect((await app.request(`/api/maps/${map.id}`, json('GET'))).status).toBe(404);
    expect((await app.request(`/api/maps/${map.id}`, json('DELETE'))).status).toBe(404);
    expect(((await (await app.request('/api/maps', json('GET'))).json()) as { maps: unknown[] }).maps).toEqual([]);
  });

  const errorCases: [string, string, string, RequestInit | undefined, number, string][] = [
    ['invalid JSON', 'POST', '/api/maps', json('POST', '{"title":'), 400, 'invalid_json'],
    ['an unknown kind', 'POST', '/api/maps', json('POST', { kind: 'mindmap' }), 400, 'validation_failed'],
    ['an empty title', 'POST', '/api/maps', json('POST', { title: '   ' }), 400, 'validation_failed'],
    ['a too-long title', 'POST', '/api/maps', json('POST', { title: 'x'.repeat(201) }), 400, 'validation_failed'],
    ['an empty patch', 'PATCH', '/api/maps/{id}', json('PATCH', {}), 400, 'validation_failed'],
    ['an unknown map', 'GET', '/api/maps/nope', undefined, 404, 'not_found'],
    ['patching an unknown map', 'PATCH', '/api/maps/nope', json('PATCH', { title: 'x' }), 404, 'not_found'],
    ['exporting an unknown map', 'GET', '/api/maps/nope/export?format=json', undefined, 404, 'not_found'],
    ['an unsupported export format', 'GET', '/api/maps/{id}/export?format=pptx', undefined, 400, 'unsupported_format'],
    ['an unknown API route', 'GET', '/api/nothing-here', undefined, 404, 'not_found'],
    [
      'a body over 1 MiB',
      'POST',
      '/api/maps',
      json('POST', JSON.stringify({ title: 'x'.repeat(1_100_000) })),
      413,
      'payload_too_large',
    ],
  ];

  for (const [name, method, path, init, status, code] of errorCases) {
    it(`answers ${name} with ${status} ${code}`, async () => {
      const created = await app.request('/api/maps', json('POST', { title: 'Target' }));
      const { map } = (await created.json()) as { map: { id: string } };
      // Requests are built before beforeEach ran; give them this test's session.
      const headers = { ...(init?.headers as Record<string, string> | undefined), cookie };
      const res = await app.request(path.replace('{id}', map.id), { ...(init ?? { method }), headers });
      expect(res.status).toBe(status);
      const body = (await res.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe(code);
      expect(body.error.message.length).toBeGreaterThan(5);
    });
  }

  it('creates a map from a template: its content is the map’s first stored change', async () => {
    const created = await app.request(
      '/api/maps',
      json('POST', { title: 'Peer learning', template: 'learning-community' }),
    );
    expect(created.status).toBe(201);
    const { map } = (await created.json()) as { map: { id: string; kind: string } };
    expect(map.kind).toBe('theory-of-change');
    const exported = await app.request(`/api/maps/${map.id}/export?format=json`, json('GET'));
    const body = mapJsonSchema.parse(await exported.json());
    expect(body.meta.title).toBe('Peer learning');
    expect(body.meta.lanes?.bounds).toHaveLength(4);
    expect(body.nodes.filter((node) => node.kind === 'impact')).toHaveLength(1);
    expect(body.nodes.filter((node) => node.attachedTo !== undefined).length).toBeGreaterThan(3);
    // Dated entries carry the server's day (the injected clock), not the wall clock.
    expect(body.nodes.flatMap((node) => node.readings ?? []).map((reading) => reading.date)).toContain('2026-03-01');
    // The whole template is one logged update, authored by its creator.
    const log = await store.listUpdates(map.id, 0, 10);
    expect(log).toHaveLength(1);

    const partnership = await app.request('/api/maps', json('POST', { title: 'Network', template: 'partnership' }));
    expect(((await partnership.json()) as { map: { kind: string } }).map.kind).toBe('partnership');
  });

  it('refuses an unknown template, or a kind the template does not make, with a clear 400', async () => {
    const unknown = await app.request('/api/maps', json('POST', { title: 'X', template: 'mind-map' }));
    expect(unknown.status).toBe(400);
    expect(((await unknown.json()) as { error: { code: string; message: string } }).error).toMatchObject({
      code: 'validation_failed',
      message: expect.stringMatching(/^template: /),
    });
    const mismatch = await app.request(
      '/api/maps',
      json('POST', { title: 'X', template: 'partnership', kind: 'theory-of-change' }),
    );
    expect(mismatch.status).toBe(400);
    expect(((await mismatch.json()) as { error: { message: string } }).error.message).toMatch(
      /makes a partnership map/,
    );
    expect(((await (await app.request('/api/maps', json('GET'))).json()) as { maps: unknown[] }).maps).toHaveLength(0);
  });

  it('GET /healthz answers', async () => {
    expect(await (await app.request('/healthz')).json()).toMatchObject({ ok: true });
  });
});

describe('REST and live peers together', () => {
  const env = useTestServer();

  it('renaming a map over REST shows on every open canvas, and a rename in the document updates the list', async () => {
    const owner = await signUp(env.server.url, 'Owner');
    const mapId = await createMapAs(owner, 'Draft');
    const peer = connectPeer(env.server.url, mapId, 'alice', owner);
    await peer.whenSynced();
    await owner.api('PATCH', `/api/maps/${mapId}`, { title: 'Agreed ToC' });
    await waitFor(() => readMeta(peer.doc).title === 'Agreed ToC', 'peer sees the new title');

    peer.doc.getMap('meta').set('title', 'Agreed ToC v2');
    await waitFor(async () => {
      const list = await owner.api('GET', '/api/maps');
      return list.body.maps[0]?.title === 'Agreed ToC v2';
    }, 'the map list shows the title from the document');
    peer.destroy();
  });
});
