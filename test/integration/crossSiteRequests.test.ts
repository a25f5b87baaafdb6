import { beforeEach, describe, expect, it } from 'vitest';
import { AUTH_API, COMMENTS_API, HISTORY_API } from '@loopmap/shared';
import { useTestServer } from './support/servers.ts';
import { addMember, browserOrigin, createMapAs, request, signUp, type Actor } from './support/accounts.ts';

/**
 * What a cross-site page can make a signed-in browser send without a CORS preflight: a form post
 * or a "simple" fetch, whose body can only be text/plain, form-urlencoded or multipart. The
 * server reads JSON only when it is declared JSON, and a change made with the session cookie must
 * say where it comes from (Origin or Sec-Fetch-Site), as every browser does.
 */
describe('JSON bodies must be declared application/json', () => {
  const env = useTestServer();
  let owner: Actor;
  let other: Actor;
  let mapId: string;
  let ids: { snapshot: string; review: string; decision: string; thread: string; comment: string };

  beforeEach(async () => {
    owner = await signUp(env.server.url, 'Owner');
    other = await signUp(env.server.url, 'Other');
    mapId = await createMapAs(owner, 'Kept as it is');
    await addMember(owner, mapId, other, 'viewer');
    const snapshot = await owner.api('POST', HISTORY_API.snapshots(mapId), { name: 'First' });
    const review = await owner.api('POST', HISTORY_API.reviews(mapId), { title: 'Quarterly' });
    const decision = await owner.api('POST', HISTORY_API.decisions(mapId, review.body.review.id), { text: 'Decide' });
    const thread = await owner.api('POST', COMMENTS_API.threads(mapId), {
      target: { kind: 'node', id: 'card' },
      body: 'First comment',
    });
    ids = {
      snapshot: snapshot.body.snapshot.id,
      review: review.body.review.id,
      decision: decision.body.decision.id,
      thread: thread.body.thread.id,
      comment: thread.body.thread.comments[0].id,
    };
  });

  /** Every route that reads a JSON body, each with a body it would accept as JSON. */
  const routes = (): [string, string, unknown][] => [
    ['POST', AUTH_API.signup, { email: 'planted@example.org', password: 'a planted passphrase', name: 'Planted' }],
    ['POST', AUTH_API.login, { email: owner.email, password: owner.password }],
    ['POST', AUTH_API.password, { currentPassword: owner.password, newPassword: 'the attacker chose this one' }],
    ['DELETE', AUTH_API.account, { password: owner.password }],
    ['POST', AUTH_API.tokens, { name: 'Planted token' }],
    ['POST', '/api/maps', { title: 'Planted map' }],
    ['PATCH', `/api/maps/${mapId}`, { title: 'Renamed by a stranger' }],
    ['POST', HISTORY_API.snapshots(mapId), { name: 'Planted snapshot' }],
    ['PATCH', HISTORY_API.snapshot(mapId, ids.snapshot), { name: 'Renamed snapshot' }],
    ['POST', HISTORY_API.restore(mapId, ids.snapshot), { mode: 'copy' }],
    ['POST', HISTORY_API.revert(mapId), { author: owner.userId }],
    ['POST', AUTH_API.members(mapId), { email: 'someone@example.org', role: 'owner' }],
    ['PATCH', HISTORY_API.myMembership(mapId), { organisation: 'Planted Org' }],
    ['PATCH', AUTH_API.member(mapId, other.userId), { role: 'owner' }],
    ['POST', AUTH_API.invites(mapId), { role: 'owner', expiresInDays: 90 }],
    ['POST', HISTORY_API.reviews(mapId), { title: 'Planted review' }],
    ['PATCH', HISTORY_API.review(mapId, ids.review), { status: 'closed' }],
    ['POST', HISTORY_API.decisions(mapId, ids.review), { text: 'Planted decision' }],
    ['PATCH', HISTORY_API.decision(mapId, ids.review, ids.decision), { status: 'dropped' }],
    ['POST', HISTORY_API.lessons(mapId, ids.review), { loop: 'single', text: 'Planted lesson' }],
    ['POST', HISTORY_API.ratings(mapId, ids.review), { assumption: 'card', status: 'broken' }],
    ['POST', COMMENTS_API.threads(mapId), { target: { kind: 'node', id: 'card' }, body: 'Planted thread' }],
    ['PATCH', COMMENTS_API.thread(mapId, ids.thread), { resolved: true }],
    ['POST', COMMENTS_API.replies(mapId, ids.thread), { body: 'Planted reply' }],
    ['PATCH', COMMENTS_API.comment(mapId, ids.comment), { body: 'Edited by a stranger' }],
  ];

  /** Everything those routes could change, as the owner reads it. */
  const observe = async () => {
    const get = async (path: string) => (await owner.api('GET', path)).body;
    return {
      me: await get(AUTH_API.me),
      tokens: await get(AUTH_API.tokens),
      maps: await get('/api/maps'),
      map: await get(`/api/maps/${mapId}`),
      document: await get(`/api/maps/${mapId}/export?format=json`),
      members: await get(AUTH_API.members(mapId)),
      invites: await get(AUTH_API.invites(mapId)),
      snapshots: await get(HISTORY_API.snapshots(mapId)),
      reviews: await get(HISTORY_API.reviews(mapId)),
      review: await get(HISTORY_API.review(mapId, ids.review)),
      threads: await get(COMMENTS_API.threads(mapId)),
    };
  };

  it('refuses a text/plain body on every JSON route with 415, and changes nothing', async () => {
    const before = await observe();
    for (const [method, path, body] of routes()) {
      // The JSON itself is fine: only its declared type is not.
      const res = await owner.api(method, path, undefined, { 'content-type': 'text/plain;charset=UTF-8' });
      const raw = await fetch(`${env.server.url}${path}`, {
        method,
        headers: { cookie: owner.cookie, 'content-type': 'text/plain;charset=UTF-8', ...browserOrigin(env.server.url) },
        body: JSON.stringify(body),
      });
      expect(res.status, `${method} ${path} without a body`).toBe(415);
      expect(raw.status, `${method} ${path}`).toBe(415);
      const error = (await raw.json()) as { error: { code: string; message: string } };
      expect(error, `${method} ${path}`).toEqual({
        error: { code: 'unsupported_media_type', message: expect.stringContaining('application/json') },
      });
    }
    expect(await observe()).toEqual(before);
    // The password is the same, and the planted account was not made.
    const login = await request(env.server.url, 'POST', AUTH_API.login, {
      email: owner.email,
      password: owner.password,
    });
    expect(login.status).toBe(200);
    const planted = await request(env.server.url, 'POST', AUTH_API.login, {
      email: 'planted@example.org',
      password: 'a planted passphrase',
    });
    expect(planted.status).toBe(401);
  });

  it('refuses the other bodies a form can send, and a body with no type at all', async () => {
    const send = (headers: Record<string, string>, body: BodyInit) =>
      fetch(`${env.server.url}/api/maps`, {
        method: 'POST',
        headers: { cookie: owner.cookie, ...browserOrigin(env.server.url), ...headers },
        body,
      });
    const form = new FormData();
    form.append('title', 'Planted');
    expect((await send({ 'content-type': 'application/x-www-form-urlencoded' }, 'title=Planted')).status).toBe(415);
    expect((await send({}, form)).status).toBe(415); // multipart/form-data
    expect((await send({ 'content-type': 'application/jsonp' }, '{"title":"Planted"}')).status).toBe(415);
    expect((await send({ 'content-type': 'application/json; charset=latin1' }, '{"title":"Planted"}')).status).toBe(
      415,
    );
    // No Content-Type: a blob without a type sends none.
    expect((await send({}, new Blob(['{"title":"Planted"}']))).status).toBe(415);
    // An empty body without a type, on a route that reads one (an empty JSON body means "defaults").
    const empty = await owner.api('POST', '/api/maps', undefined, { 'content-type': undefined });
    expect(empty.status).toBe(415);
    expect((await owner.api('GET', '/api/maps')).body.maps).toHaveLength(1);

    // JSON with its charset is JSON; so is an empty JSON body, where the route has defaults.
    expect((await send({ 'content-type': 'application/json; charset=utf-8' }, '{"title":"Mine"}')).status).toBe(201);
    expect((await send({ 'content-type': 'Application/JSON' }, '')).status).toBe(201);
    // A route that takes no body needs no type.
    const throwaway = await createMapAs(owner, 'Throwaway');
    const deleted = await owner.api('DELETE', `/api/maps/${throwaway}`, undefined, { 'content-type': undefined });
    expect(deleted.status).toBe(204);
    const logout = await owner.api('POST', AUTH_API.logout, undefined, { 'content-type': undefined });
    expect(logout.status).toBe(204);
  });
});

describe('a change made with the session cookie must say where it comes from', () => {
  const env = useTestServer();
  let amina: Actor;
  beforeEach(async () => {
    amina = await signUp(env.server.url, 'Amina');
  });

  it('refuses it without Origin or Sec-Fetch-Site (403 csrf); takes it with either, or with an API token', async () => {
    const bare = { origin: undefined };
    const refused = await amina.api('POST', '/api/maps', { title: 'Planted' }, bare);
    expect(refused.status).toBe(403);
    expect(refused.body).toEqual({ error: { code: 'csrf', message: expect.stringMatching(/Origin.*Sec-Fetch-Site/) } });
    const mapId = await createMapAs(amina, 'Mine');
    expect((await amina.api('DELETE', `/api/maps/${mapId}`, undefined, bare)).status).toBe(403);
    expect((await amina.api('PATCH', `/api/maps/${mapId}`, { title: 'Renamed' }, bare)).status).toBe(403);
    expect((await amina.api('POST', AUTH_API.logout, undefined, bare)).status).toBe(403);
    expect((await amina.api('GET', '/api/maps')).body.maps.map((m: { title: string }) => m.title)).toEqual(['Mine']);

    // What browsers send: Sec-Fetch-Site alone (an Origin-stripping proxy), or Origin alone.
    const viaFetchMetadata = await amina.api(
      'POST',
      '/api/maps',
      { title: 'From this site' },
      { origin: undefined, 'sec-fetch-site': 'same-origin' },
    );
    expect(viaFetchMetadata.status).toBe(201);
    expect((await amina.api('POST', '/api/maps', { title: 'With Origin' })).status).toBe(201);
    // A browser that says cross-site is refused even with this site's Origin.
    const mixed = await amina.api('POST', '/api/maps', { title: 'Planted' }, { 'sec-fetch-site': 'cross-site' });
    expect(mixed.status).toBe(403);

    // API tokens carry no ambient credentials: no such check. Nor does signing in, which holds no
    // session yet (a script may do it; JSON's Content-Type keeps cross-site forms out).
    const secret: string = (await amina.api('POST', AUTH_API.tokens, { name: 'Script' })).body.secret;
    const scripted = await request(
      env.server.url,
      'POST',
      '/api/maps',
      { title: 'Scripted' },
      { authorization: `Bearer ${secret}`, origin: undefined },
    );
    expect(scripted.status).toBe(201);
    const login = await request(
      env.server.url,
      'POST',
      AUTH_API.login,
      { email: amina.email, password: amina.password },
      { origin: undefined },
    );
    expect(login.status).toBe(200);
  });
});
