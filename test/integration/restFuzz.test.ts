/**
 * A seeded fuzzer over every REST route the app registers: fuzzed path parameters, JSON and
 * non-JSON bodies, content types and query strings, as five callers (anonymous, a signed-in
 * stranger, a viewer, the owner by cookie, the owner by API token). Every answer is below 500
 * and every 4xx says `{ error: { code, message } }`; nothing hangs; a map nobody fuzzes is
 * exactly as it was, and nothing polluted Object.prototype (the server runs in this process).
 *
 * CI runs a fixed seed. For a longer run:
 *   FUZZ_SEED=123 FUZZ_REST_CASES=50000 pnpm exec vitest run test/integration/restFuzz.test.ts
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as shared from '@loopmap/shared';
import { addNode, createOrigin, toMapJSON } from '@loopmap/shared';
import { createApp, createMapServices, silentLogger, SqliteStore, type RunningServer } from '@loopmap/server';
import { connect } from 'node:net';
import { connectPeer } from './support/peers.ts';
import { seededRandom } from './support/random.ts';
import { removeDir, startTestServer, tempDataDir, useTestServer } from './support/servers.ts';
import { addMember, createMapAs, request, sessionCookieFrom, signUp, type Actor } from './support/accounts.ts';

const SEED = Number(process.env.FUZZ_SEED ?? 20_261_204);
const CASES = Number(process.env.FUZZ_REST_CASES ?? 10_000);
/** How many requests are in flight at once. */
const CONCURRENCY = 8;
/** No answer may take longer than this. */
const MAX_RESPONSE_MS = 5_000;

/** encodeURIComponent, but a lone surrogate leaves as the bytes a careless client would send. */
function enc(text: string): string {
  try {
    return encodeURIComponent(text);
  } catch {
    return '%ED%A0%80';
  }
}

interface Route {
  method: string;
  path: string;
}

/**
 * Every route the app registers, read from Hono's own route table, so a route added later is
 * fuzzed without touching this file. Middleware (`use`, `all`, wildcards) is left out.
 */
function registeredRoutes(): Route[] {
  const store = new SqliteStore({ filename: ':memory:' });
  const clock = { now: () => Date.now() };
  const services = createMapServices(store, clock, silentLogger);
  const app = createApp({ store, clock, log: silentLogger, ...services });
  const seen = new Map<string, Route>();
  for (const r of app.routes) {
    if (r.method === 'ALL' || r.path.includes('*')) continue;
    if (!r.path.startsWith('/api/') && !r.path.startsWith('/fonts/')) continue;
    seen.set(`${r.method} ${r.path}`, { method: r.method, path: r.path });
  }
  void services.shutdown().then(() => store.close());
  return [...seen.values()];
}

/** Every field name any request body knows, from the shared schemas (every `…BodySchema`). */
const BODY_SCHEMAS = Object.entries(shared)
  .filter(([name]) => name.endsWith('BodySchema'))
  .map(([, schema]) => schema);
const SCHEMA_FIELDS: string[][] = BODY_SCHEMAS.map((s) => Object.keys((s as unknown as { shape: object }).shape));

const QUERY_NAMES = [
  'format',
  'snapshot',
  'from',
  'to',
  'node',
  'target',
  'reviews',
  'dryRun',
  'limit',
  'since',
  'after',
  'before',
  'seq',
  'at',
  'cursor',
  'scale',
  'size',
  'layout',
  'pages',
  'table',
  'theme',
  'background',
  'page',
  'orientation',
];

interface Fixture {
  owner: Actor;
  viewer: Actor;
  stranger: Actor;
  mallory: Actor;
  bearer: string;
  tokenId: string;
  fuzzMap: string;
  protectedMap: string;
  malloryMap: string;
  cardId: string;
  threadId: string;
  commentId: string;
  snapshotId: string;
  reviewId: string;
  decisionId: string;
  inviteId: string;
  inviteToken: string;
  protectedThreadId: string;
  protectedSnapshotId: string;
  protectedReviewId: string;
}

type CallerName = 'anonymous' | 'stranger' | 'viewer' | 'owner' | 'owner-token';
const CALLERS: CallerName[] = ['anonymous', 'stranger', 'viewer', 'owner', 'owner-token'];

interface Finding {
  what: string;
  route: string;
  method: string;
  url: string;
  caller: CallerName;
  contentType: string | null;
  body: string;
  status: number;
  response: string;
}

describe('fuzzed REST requests on every route', () => {
  let dir: string;
  let server: RunningServer;
  let fx: Fixture;

  const origin = (): string => server.url;

  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- test convenience, as in support/accounts.ts
  async function ok<T = any>(actor: Actor, method: string, path: string, body?: unknown): Promise<T> {
    const res = await actor.api(method, path, body, { origin: origin() });
    if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as T;
  }

  /** A card on the map, written by a real y-websocket peer and stored. */
  async function addCard(actor: Actor, mapId: string, label: string): Promise<string> {
    const peer = connectPeer(server.url, mapId, `seed-${label}`, { cookie: actor.cookie, origin: origin() });
    await peer.whenSynced();
    const id = addNode(peer.doc, { kind: 'outcome', label, x: 0, y: 0 }, createOrigin('user', 'seed'));
    await peer.whenSaved();
    peer.destroy();
    return id;
  }

  async function seedMap(
    actor: Actor,
    mapId: string,
  ): Promise<{ card: string; thread: string; comment: string; snapshot: string; review: string; decision: string }> {
    const card = await addCard(actor, mapId, `Card of ${mapId}`);
    const { thread } = await ok(actor, 'POST', `/api/maps/${mapId}/threads`, {
      target: { kind: 'node', id: card },
      body: 'A first comment',
    });
    const { snapshot } = await ok(actor, 'POST', `/api/maps/${mapId}/snapshots`, { name: 'Baseline' });
    const { review } = await ok(actor, 'POST', `/api/maps/${mapId}/reviews`, { title: 'First review' });
    const { decision } = await ok(actor, 'POST', `/api/maps/${mapId}/reviews/${review.id}/decisions`, {
      text: 'Keep going',
      cards: [card],
    });
    return {
      card,
      thread: thread.id,
      comment: thread.comments[0].id,
      snapshot: snapshot.id,
      review: review.id,
      decision: decision.id,
    };
  }

  /** The fuzz map and what lives in it, created anew (the owner may have deleted it). */
  async function seedFuzzMap(): Promise<void> {
    fx.fuzzMap = await createMapAs(fx.owner, 'Fuzzed map');
    await addMember(fx.owner, fx.fuzzMap, fx.viewer, 'viewer');
    const seeded = await seedMap(fx.owner, fx.fuzzMap);
    fx.cardId = seeded.card;
    fx.threadId = seeded.thread;
    fx.commentId = seeded.comment;
    fx.snapshotId = seeded.snapshot;
    fx.reviewId = seeded.review;
    fx.decisionId = seeded.decision;
    const invite = await ok(fx.owner, 'POST', `/api/maps/${fx.fuzzMap}/invites`, { role: 'viewer' });
    fx.inviteId = invite.invite.id;
    fx.inviteToken = invite.token;
  }

  async function issueToken(): Promise<void> {
    const { token, secret } = await ok(fx.owner, 'POST', '/api/tokens', { name: 'fuzz' });
    fx.tokenId = token.id;
    fx.bearer = secret;
  }

  async function signIn(actor: Actor): Promise<void> {
    const res = await request(server.url, 'POST', '/api/auth/login', { email: actor.email, password: actor.password });
    if (res.status !== 200) throw new Error(`login failed: ${res.status} ${JSON.stringify(res.body)}`);
    actor.cookie = sessionCookieFrom(res.headers)!;
  }

  /**
   * Puts back what the fuzzer's legitimate writes undid: signed-out sessions, a revoked token,
   * the deleted fuzz map, the viewer's role, a stranger who accepted the invite.
   */
  async function heal(): Promise<void> {
    for (const actor of [fx.owner, fx.viewer, fx.stranger]) {
      if ((await actor.api('GET', '/api/auth/me')).status === 401) await signIn(actor);
    }
    const tokenCheck = await request(server.url, 'GET', '/api/auth/me', undefined, {
      authorization: `Bearer ${fx.bearer}`,
    });
    if (tokenCheck.status !== 200) await issueToken();
    if ((await fx.owner.api('GET', `/api/maps/${fx.fuzzMap}`)).status !== 200) {
      await seedFuzzMap();
      return;
    }
    const { members } = await ok(fx.owner, 'GET', `/api/maps/${fx.fuzzMap}/members`);
    const roleOf = (id: string): string | undefined =>
      members.find((m: { id?: string; userId?: string }) => (m.id ?? m.userId) === id)?.role;
    if (roleOf(fx.owner.userId) !== 'owner') throw new Error('the owner lost the map: the fixture cannot heal that');
    const viewerRole = roleOf(fx.viewer.userId);
    if (viewerRole === undefined) await addMember(fx.owner, fx.fuzzMap, fx.viewer, 'viewer');
    else if (viewerRole !== 'viewer')
      await ok(fx.owner, 'PATCH', `/api/maps/${fx.fuzzMap}/members/${fx.viewer.userId}`, { role: 'viewer' });
    if (roleOf(fx.stranger.userId) !== undefined)
      await ok(fx.owner, 'DELETE', `/api/maps/${fx.fuzzMap}/members/${fx.stranger.userId}`);
  }

  /** The maps no caller may change: the owner's protected map (never fuzzed as the owner) and Mallory's. */
  async function protectedState(): Promise<unknown> {
    return {
      owners: await mapState(fx.owner, fx.protectedMap, [`/reviews/${fx.protectedReviewId}`]),
      mallorys: await mapState(fx.mallory, fx.malloryMap),
    };
  }

  /** Everything its owner can fetch about a map, plus its document over a socket. */
  async function mapState(owner: Actor, id: string, extra: string[] = []): Promise<unknown> {
    const parts: Record<string, unknown> = {};
    for (const path of ['', '/members', '/invites', '/threads', '/snapshots', '/reviews', '/state?at=now', ...extra]) {
      parts[path] = await ok(owner, 'GET', `/api/maps/${id}${path}`);
    }
    const peer = connectPeer(server.url, id, 'checker', { cookie: owner.cookie, origin: origin() });
    await peer.whenSynced();
    parts.doc = toMapJSON(peer.doc);
    peer.destroy();
    return parts;
  }

  beforeAll(async () => {
    dir = tempDataDir('loopmap-restfuzz');
    // Throttling answers 429 (a fine 4xx), but would also stop heal() from signing back in.
    const open = { capacity: 1_000_000, refillMs: 1 };
    server = await startTestServer(dir, {
      limits: {
        perAccountAndAddress: open,
        perAddress: open,
        perAccount: open,
        perKnownDevice: open,
        perSignedIn: open,
      },
    });
    const [owner, viewer, stranger, mallory] = await Promise.all(
      ['Owner', 'Viewer', 'Stranger', 'Mallory'].map((name) => signUp(server.url, name)),
    );
    fx = { owner: owner!, viewer: viewer!, stranger: stranger!, mallory: mallory! } as Fixture;
    fx.malloryMap = await createMapAs(fx.mallory, 'Mallory’s map');
    await addCard(fx.mallory, fx.malloryMap, 'Mallory’s card');
    // Only its owner is a member: nobody else may change it, and the owner never fuzzes it.
    fx.protectedMap = await createMapAs(fx.owner, 'Protected map');
    const seeded = await seedMap(fx.owner, fx.protectedMap);
    fx.protectedThreadId = seeded.thread;
    fx.protectedSnapshotId = seeded.snapshot;
    fx.protectedReviewId = seeded.review;
    await issueToken();
    await seedFuzzMap();
  }, 60_000);

  afterAll(async () => {
    await server?.close();
    if (dir) removeDir(dir);
  });

  it(
    'answers every fuzzed request below 500 with the error shape, quickly, and leaves other maps intact',
    async () => {
      const routes = registeredRoutes();
      expect(routes.length).toBeGreaterThan(40);
      const before = await protectedState();
      // A real export to import again, mutated: the import parsers meet near-valid files.
      const exportedJson: unknown = (await fx.owner.api('GET', `/api/maps/${fx.fuzzMap}/export?format=json`)).body;
      const exportedCsv = (await fx.owner.api('GET', `/api/maps/${fx.fuzzMap}/export?format=csv&table=elements`))
        .body as string;
      const random = seededRandom(SEED);
      const int = (n: number): number => Math.floor(random() * n);
      const pick = <T>(items: readonly T[]): T => items[int(items.length)]!;
      const chance = (p: number): boolean => random() < p;

      const garbageIds = [
        '',
        ' ',
        '..',
        '../..',
        '%2e%2e%2f',
        'x'.repeat(5_000),
        '🙂🙃',
        'ユーザー',
        '\u202e\u0000',
        "' OR 1=1 --",
        '1; DROP TABLE maps',
        '%00',
        '-1',
        'NaN',
        '1e309',
        '__proto__',
        'constructor',
        'null',
        '[object Object]',
      ];

      /** Real ids for each path parameter, by its name. A new parameter needs a line here. */
      const realIds = (route: Route): Record<string, () => string[]> => ({
        id: () => (route.path.startsWith('/api/tokens') ? [fx.tokenId] : [fx.fuzzMap]),
        threadId: () => [fx.threadId],
        commentId: () => [fx.commentId],
        userId: () => [fx.viewer.userId, fx.owner.userId, fx.stranger.userId, 'me'],
        inviteId: () => [fx.inviteId],
        token: () => [fx.inviteToken],
        sid: () => [fx.snapshotId],
        rid: () => [fx.reviewId],
        did: () => [fx.decisionId],
        name: () => ['latin-regular.ttf', 'latin-bold.ttf', 'noto-sans', 'hasOwnProperty'],
      });
      const unfilled = routes.flatMap((route) =>
        [...route.path.matchAll(/:(\w+)/g)]
          .filter((m) => !(m[1]! in realIds(route)))
          .map((m) => `${route.path} :${m[1]}`),
      );
      expect(unfilled, 'path parameters without a filler').toEqual([]);

      /** Real ids of the caller's own objects, other people's objects, and garbage. */
      const paramFiller = (route: Route, name: string, caller: CallerName): string => {
        const others = [
          fx.malloryMap,
          fx.mallory.userId,
          ...(caller === 'owner' || caller === 'owner-token'
            ? []
            : [fx.protectedMap, fx.protectedThreadId, fx.protectedSnapshotId, fx.protectedReviewId]),
        ];
        if (chance(0.3)) return chance(0.5) ? pick(garbageIds) : pick(others);
        return pick(realIds(route)[name]!());
      };

      const hugeString = (): string =>
        pick(['a', '🙂', '\u0000', '"', '\\', 'é']).repeat(pick([1_000, 70_000, 300_000]));
      const randomString = (): string =>
        pick([
          '',
          ' ',
          'now',
          'viewer',
          'owner',
          'editor',
          'in-place',
          'copy',
          'open',
          'closed',
          'node',
          'link',
          '2026-13-45',
          '2026-02-03',
          '1970-01-01T00:00:00Z',
          '+275760-09-13T00:00:00.000Z',
          '-271821-04-20T00:00:00Z',
          '2026-01-01T00:00:00+99:00',
          '9999-12-31',
          '0',
          '999999999999999',
          '1e21',
          'not an email',
          'someone@example.org',
          '<script>alert(1)</script>',
          '\u0000\u0001',
          '\ud800',
          '🙂'.repeat(50),
          "'; DROP TABLE users; --",
          '__proto__',
          '-1',
          'NaN',
          'Infinity',
          String(int(100)),
          fx.cardId,
          fx.viewer.userId,
          fx.snapshotId,
          fx.malloryMap,
          'x'.repeat(int(3_000)),
        ]);
      const randomValue = (depth: number): unknown => {
        switch (int(depth > 4 ? 6 : 9)) {
          case 0:
            return null;
          case 1:
            return chance(0.5);
          case 2:
            return pick([0, -1, 1, 7, 90, 91, 1.5, -0, 2 ** 53, -(2 ** 63), 1e308, Number.MAX_SAFE_INTEGER + 2]);
          case 3:
            return randomString();
          case 4:
            return chance(0.05) ? hugeString() : randomString();
          case 5:
            return depth > 6 ? {} : { [randomString()]: randomValue(depth + 1) };
          case 6:
            return Array.from({ length: int(4) }, () => randomValue(depth + 1));
          case 7:
            return Object.fromEntries(
              Array.from({ length: int(4) }, () => [pick(pick(SCHEMA_FIELDS)), randomValue(depth + 1)]),
            );
          default:
            return Array.from({ length: int(3) }, () => randomValue(depth + 1));
        }
      };
      /** Bodies each route takes, with real ids: mutated, they get past validation into the handlers. */
      const validBodies = (): unknown[] => [
        { title: 'Renamed', kind: 'partnership' },
        { title: 'New', template: 'logic-model' },
        { name: 'A token' },
        { email: fx.stranger.email, role: 'commenter' },
        { role: 'editor' },
        { role: 'viewer', expiresInDays: 90 },
        { target: { kind: 'node', id: fx.cardId }, body: 'Hello', mentions: [fx.viewer.userId, fx.owner.userId] },
        { body: 'A reply', mentions: [fx.owner.userId] },
        { resolved: true },
        { name: 'Snap', note: 'n', at: 'now' },
        { name: 'Snap', at: fx.snapshotId },
        { mode: 'copy' },
        { author: fx.owner.userId, from: '1', to: 'now' },
        { title: 'Review', from: fx.snapshotId },
        { status: 'closed', notes: { single: 'a', double: 'b', triple: 'c' } },
        { text: 'Decide', owner: fx.viewer.userId, due: '2026-02-28', status: 'done', cards: [fx.cardId] },
        { loop: 'double', text: 'Learnt', card: fx.cardId },
        { assumption: fx.cardId, status: 'at-risk', note: 'hm' },
        { organisation: 'Org' },
        { email: fx.owner.email, password: 'wrong password entirely' },
        { currentPassword: 'wrong password entirely', newPassword: 'another long passphrase here' },
      ];
      /** The value with one node somewhere inside replaced by a random value (or left out). */
      const mutate = (value: unknown, depth = 0): unknown => {
        if (depth > 0 && chance(0.35)) return randomValue(depth);
        if (Array.isArray(value)) {
          if (value.length === 0) return [randomValue(depth + 1)];
          const copy = [...value];
          copy[int(copy.length)] = mutate(copy[int(copy.length)], depth + 1);
          return copy;
        }
        if (value !== null && typeof value === 'object') {
          const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) };
          const keys = Object.keys(copy);
          if (keys.length === 0 || chance(0.1)) copy[pick(pick(SCHEMA_FIELDS))] = randomValue(depth + 1);
          else if (chance(0.15)) delete copy[pick(keys)];
          else {
            const key = pick(keys);
            copy[key] = mutate(copy[key], depth + 1);
          }
          return copy;
        }
        return randomValue(depth);
      };
      /** A body that looks like one of the real ones, with wrong, extra or hostile fields. */
      const schemaLikeBody = (): Record<string, unknown> => {
        const fields = pick(SCHEMA_FIELDS);
        const body: Record<string, unknown> = {};
        for (const field of fields) if (chance(0.8)) body[field] = chance(0.5) ? randomString() : randomValue(1);
        if (chance(0.3)) body[randomString()] = randomValue(1);
        return body;
      };
      const deepNesting = (): string => {
        const depth = pick([100, 1_000, 10_000, 100_000]);
        return chance(0.5) ? '['.repeat(depth) + ']'.repeat(depth) : '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
      };
      const pollution = (): string =>
        pick([
          '{"__proto__":{"polluted":"yes"},"title":"x","name":"x"}',
          '{"constructor":{"prototype":{"polluted":"yes"}},"role":"viewer"}',
          '{"__proto__":{"role":"owner"},"email":"a@example.org"}',
          '{"title":"t","__proto__":null}',
          '{"target":{"kind":"node","id":"x","__proto__":{"polluted":"yes"}},"body":"hi"}',
          '{"notes":{"__proto__":{"single":"x"}}}',
        ]);

      /** The body and its Content-Type: JSON of every shape, broken JSON, other media types. */
      const fuzzBody = (): { body: string | Uint8Array<ArrayBuffer> | undefined; type: string | null } => {
        const json = 'application/json';
        switch (int(14)) {
          case 0:
            return { body: undefined, type: chance(0.5) ? json : null };
          case 1:
          case 2:
            return { body: JSON.stringify(schemaLikeBody()), type: json };
          case 3:
          case 12:
          case 13:
            return {
              body: JSON.stringify(chance(0.2) ? pick(validBodies()) : mutate(pick(validBodies()))),
              type: json,
            };
          case 4:
            return { body: JSON.stringify(randomValue(0)), type: json };
          case 5:
            return { body: deepNesting(), type: json };
          case 6:
            return { body: pollution(), type: json };
          case 7:
            return {
              body: JSON.stringify({ title: hugeString(), name: hugeString(), body: hugeString() }),
              type: json,
            };
          case 8:
            return {
              body: pick(['{', '{"title":', 'nul', '[1,2', '\u0000', '{"a":1}{"b":2}', '\ufeff{}', "{'a':1}", '']),
              type: json,
            };
          case 9: {
            const bytes = new Uint8Array(int(2_000));
            for (let i = 0; i < bytes.length; i++) bytes[i] = int(256);
            return { body: bytes, type: pick([null, 'application/octet-stream', json, 'image/png']) };
          }
          case 10:
            return {
              body: JSON.stringify(schemaLikeBody()),
              type: pick([
                'text/plain',
                'application/x-www-form-urlencoded',
                'text/html',
                'application/json; charset=utf-16',
                'application/jsonx',
                '',
              ]),
            };
          default: {
            const boundary = 'fuzzboundary';
            const part = `--${boundary}\r\nContent-Disposition: form-data; name="${pick(['file', 'title', 'files', 'x'])}"; filename="${pick(['a.json', 'b.xlsx', 'c.csv', '../../etc/passwd', '🙂.md'])}"\r\nContent-Type: ${pick(['application/json', 'text/csv', 'application/octet-stream'])}\r\n\r\n${pick(['{}', 'a,b\n1,2', '# T\n- x', 'PK\u0003\u0004garbage', JSON.stringify(randomValue(0)), JSON.stringify(mutate(exportedJson)), JSON.stringify(mutate(mutate(exportedJson))), exportedCsv.replace(/,/g, pick([',,', ';', '"', ',\n']))])}\r\n`;
            const end = chance(0.8) ? `--${boundary}--\r\n` : '';
            return {
              body: part.repeat(1 + int(3)) + end,
              type: chance(0.9) ? `multipart/form-data; boundary=${boundary}` : 'multipart/form-data',
            };
          }
        }
      };

      const fuzzQuery = (): string => {
        if (chance(0.3)) return '';
        const pairs: string[] = [];
        for (let i = 0, n = 1 + int(4); i < n; i++) {
          const key = chance(0.8) ? pick(QUERY_NAMES) : randomString().slice(0, 40);
          const value = pick([
            () => randomString().slice(0, 200),
            () => pick(['json', 'md', 'csv', 'opml', 'mermaid', 'svg', 'docx', 'xlsx', 'png', 'pdf', 'gif', '']),
            () =>
              pick([
                '1',
                '3',
                '4',
                'white',
                'transparent',
                'map',
                'slide',
                'a4',
                'letter',
                'portrait',
                'fit',
                'tile',
                'elements',
                'connections',
              ]),
            () =>
              pick([
                'now',
                '0',
                '1',
                '2',
                '-1',
                'NaN',
                '1e9',
                '999999999999999',
                '0x10',
                '1.5',
                fx.snapshotId,
                '2026-01-01T00:00:00Z',
                '+275760-09-13T00:00:00.000Z',
                '-000001-01-01T00:00:00Z',
                '0000-00-00',
                '2026-02-30T25:61:61Z',
              ]),
            () => 'q'.repeat(pick([1_000, 6_000])),
            () => pick(['%', '%zz', '%00', '%F0%9F%99%82', '%ED%A0%80', '+', '&&', '=']),
            () => [fx.reviewId, fx.protectedReviewId, 'rev_x', ''].join(','),
          ])();
          const encoded =
            value.startsWith('%') || value === '+' || value === '&&' || value === '=' ? value : enc(value);
          pairs.push(`${enc(key)}=${encoded}`);
          if (chance(0.2)) pairs.push(`${enc(key)}=${enc(randomString().slice(0, 50))}`);
        }
        if (chance(0.1)) pairs.push('novalue', '=', '&');
        return `?${pairs.join('&')}`;
      };

      const headersFor = (caller: CallerName): Record<string, string> => {
        const headers: Record<string, string> = {};
        const cookieOf: Partial<Record<CallerName, Actor>> = {
          stranger: fx.stranger,
          viewer: fx.viewer,
          owner: fx.owner,
        };
        const actor = cookieOf[caller];
        if (actor) headers.cookie = actor.cookie;
        if (caller === 'owner-token') headers.authorization = `Bearer ${fx.bearer}`;
        // Mostly the server's own Origin, as its pages send; sometimes none, another site, or a
        // broken Authorization header (either way a 4xx or a normal answer).
        const roll = random();
        if (roll < 0.8) headers.origin = origin();
        else if (roll < 0.85) headers.origin = 'https://evil.example';
        else if (roll < 0.9) headers['sec-fetch-site'] = pick(['cross-site', 'same-origin', 'none', 'same-site']);
        else if (roll < 0.93)
          headers.authorization = pick(['Bearer', 'Bearer lmt_nonsense', 'Basic Zm9vOmJhcg==', 'Bearer ÿ\u00a0x']);
        else if (roll < 0.96)
          headers.cookie = pick([
            'loopmap_session=',
            'loopmap_session=%',
            'loopmap_session=%E0%A4%A',
            `loopmap_session=${'s'.repeat(4_000)}`,
            `loopmap_session=nonsense; ${actor?.cookie ?? 'loopmap_session=x'}`,
            `${actor?.cookie ?? 'loopmap_session=x'}; ${actor?.cookie ?? 'loopmap_session=y'}`,
            'loopmap_session="quoted"; __proto__=1; constructor=2',
          ]);
        if (chance(0.2))
          headers['accept-encoding'] = pick(['gzip', 'br', 'deflate', 'zstd', 'gzip;q=0, *;q=0', 'x, y;q=nan']);
        return headers;
      };

      const findings: Finding[] = [];
      const statusCounts = new Map<number, number>();
      const perRoute = new Map<string, number>();
      let slowest = 0;
      let slowestRequest = '';
      let dirty = false;

      const fuzzOne = async (): Promise<void> => {
        const registered = pick(routes);
        // Now and then a method the route does not take (the API's catch-all must answer it).
        const route = chance(0.05)
          ? { ...registered, method: pick(['PUT', 'HEAD', 'OPTIONS', 'PATCH', 'DELETE', 'POST', 'GET']) }
          : registered;
        const caller = pick(CALLERS);
        const path = route.path.replace(/:(\w+)/g, (_, name: string) => enc(paramFiller(route, name, caller)));
        const url = `${server.url}${path}${fuzzQuery()}`;
        const { body, type } = route.method === 'GET' && chance(0.8) ? { body: undefined, type: null } : fuzzBody();
        const headers = headersFor(caller);
        if (type !== null) headers['content-type'] = type;
        // Now and then the same request several times at once: a double click, a retrying client.
        const copies = chance(0.05) ? 4 : 1;
        await Promise.all(
          Array.from({ length: copies }, () => send(registered, route, caller, url, body, type, headers)),
        );
      };

      const send = async (
        registered: Route,
        route: Route,
        caller: CallerName,
        url: string,
        body: string | Uint8Array<ArrayBuffer> | undefined,
        type: string | null,
        headers: Record<string, string>,
      ): Promise<void> => {
        const started = performance.now();
        let status = 0;
        let text = '';
        let contentType: string | null = null;
        try {
          const res = await fetch(url, {
            method: route.method,
            headers,
            body: route.method === 'GET' || route.method === 'HEAD' ? undefined : body,
            signal: AbortSignal.timeout(30_000),
          });
          status = res.status;
          contentType = res.headers.get('content-type');
          text = await res.text();
        } catch (error) {
          text = `${String(error)} (${String((error as { cause?: unknown }).cause)}, ${(error as { cause?: { code?: string } }).cause?.code})`;
        }
        const took = performance.now() - started;
        if (took > slowest) {
          slowest = took;
          slowestRequest = `${route.method} ${url.slice(server.url.length, server.url.length + 120)} as ${caller} (${status})`;
        }
        statusCounts.set(status, (statusCounts.get(status) ?? 0) + 1);
        perRoute.set(
          `${registered.method} ${registered.path}`,
          (perRoute.get(`${registered.method} ${registered.path}`) ?? 0) + 1,
        );
        if (status >= 200 && status < 300 && route.method !== 'GET') dirty = true;
        const shown = typeof body === 'string' ? body.slice(0, 300) : body ? `<${body.length} bytes>` : '';
        const report = (what: string): void => {
          findings.push({
            what,
            route: route.path,
            method: route.method,
            url: url.slice(0, 300),
            caller,
            contentType: type,
            body: shown,
            status,
            response: text.slice(0, 300),
          });
        };
        if (status === 0) return report('no answer');
        if (took > MAX_RESPONSE_MS) report(`took ${Math.round(took)} ms`);
        if (status >= 500) return report('5xx');
        if (status >= 400 && route.method !== 'HEAD') {
          let parsed: unknown = null;
          try {
            parsed = JSON.parse(text);
          } catch {
            // reported below
          }
          const error = (parsed as { error?: { code?: unknown; message?: unknown } } | null)?.error;
          const wellFormed =
            contentType?.startsWith('application/json') &&
            typeof error?.code === 'string' &&
            error.code.length > 0 &&
            typeof error.message === 'string' &&
            error.message.trim().length > 0;
          if (!wellFormed) report('malformed 4xx');
        }
      };

      const started = performance.now();
      for (let done = 0; done < CASES; done += CONCURRENCY) {
        await Promise.all(Array.from({ length: Math.min(CONCURRENCY, CASES - done) }, fuzzOne));
        if (dirty) {
          dirty = false;
          await heal();
        }
      }
      const seconds = (performance.now() - started) / 1000;

      const sent = [...statusCounts.values()].reduce((sum, n) => sum + n, 0);
      const statuses = [...statusCounts]
        .sort((a, b) => a[0] - b[0])
        .map(([s, n]) => `${s}×${n}`)
        .join(' ');
      console.log(
        `REST fuzz: seed ${SEED}, ${CASES} cases (${sent} requests) over ${routes.length} routes in ${seconds.toFixed(1)} s ` +
          `(slowest ${Math.round(slowest)} ms: ${slowestRequest}); statuses ${statuses}; ${findings.length} findings`,
      );
      const unvisited = routes.filter((r) => !perRoute.has(`${r.method} ${r.path}`));
      if (CASES >= 1_000) expect(unvisited, 'routes the fuzzer never reached').toEqual([]);
      // One example of each kind of failure per route, so a report stays readable.
      const kinds = new Map<string, Finding>();
      for (const f of findings)
        kinds.set(
          `${f.what} ${f.method} ${f.route} ${f.status}`,
          kinds.get(`${f.what} ${f.method} ${f.route} ${f.status}`) ?? f,
        );
      expect([...kinds.values()]).toEqual([]);

      // Nothing reached Object.prototype (the server runs in this process).
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect(({} as Record<string, unknown>).role).toBeUndefined();

      // The map nobody fuzzed with the right to change it is exactly as it was.
      await heal();
      expect(await protectedState()).toEqual(before);

      // The fuzzed map still opens, over REST and over a socket, after everything the owner did to it.
      expect((await fx.owner.api('GET', `/api/maps/${fx.fuzzMap}/state?at=now`)).status).toBe(200);
      const peer = connectPeer(server.url, fx.fuzzMap, 'after', { cookie: fx.owner.cookie, origin: origin() });
      await peer.whenSynced();
      expect(peer.lastCloseCode()).toBeNull();
      peer.destroy();
    },
    Math.max(300_000, CASES * 20),
  );
});

describe('what the REST fuzzer found, each fixed', () => {
  const ctx = useTestServer();

  /** Sends raw bytes and reads everything the server answers until it closes. */
  function raw(bytes: string): Promise<string> {
    return new Promise((resolve, reject) => {
      const socket = connect(ctx.server.port, '127.0.0.1', () => socket.end(bytes));
      let answer = '';
      socket.on('data', (chunk) => (answer += chunk.toString()));
      socket.on('close', () => resolve(answer));
      socket.on('error', reject);
    });
  }

  it('answers a URL over the header limit with 431 and a JSON error', async () => {
    const res = await fetch(`${ctx.server.url}/api/maps?q=${'q'.repeat(20_000)}`);
    expect(res.status).toBe(431);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('payload_too_large');
    expect(body.error.message).toMatch(/too long/);
  });

  it('answers /fonts/ without a name with a JSON 404', async () => {
    for (const path of ['/fonts/', '/fonts/a/b']) {
      const res = await fetch(`${ctx.server.url}${path}`);
      expect(res.status).toBe(404);
      const body = (await res.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe('not_found');
    }
  });

  it('closes a connection whose request body it answered without reading', async () => {
    const cases: [string, string, number, number][] = [
      ['/api/maps', 'application/json', 2 * 1024 * 1024, 413],
      ['/api/maps/import', 'multipart/form-data; boundary=x', 12 * 1024 * 1024, 413],
      // Refused before the body is parsed: nobody is signed in.
      ['/api/maps', 'application/json', 900 * 1024, 401],
    ];
    for (const [path, type, size, status] of cases) {
      const res = await fetch(`${ctx.server.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': type },
        body: 'a'.repeat(size),
      });
      expect(res.status).toBe(status);
      expect(res.headers.get('connection')).toBe('close');
      await res.text();
      // fetch keeps connections alive: with a socket closed under it, one of these would fail.
      for (let i = 0; i < 3; i++) expect((await fetch(`${ctx.server.url}/healthz`)).status).toBe(200);
    }
    // A body the handler reads keeps the connection.
    const read = await fetch(`${ctx.server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: ctx.server.url },
      body: JSON.stringify({ email: 'nobody@example.org', password: 'not the password at all' }),
    });
    expect(read.status).toBe(401);
    expect(read.headers.get('connection')).toBe('keep-alive');
  });

  it('answers broken HTTP with 400 and a JSON error', async () => {
    const answer = await raw('GET /api/maps HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n');
    expect(answer).toMatch(/^HTTP\/1\.1 400 /);
    const body = JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4)) as {
      error: { code: string; message: string };
    };
    expect(body.error).toEqual({ code: 'bad_request', message: 'the request is not valid HTTP' });
  });
});
