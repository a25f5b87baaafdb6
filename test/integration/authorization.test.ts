import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import {
  addNode,
  CLOSE_CODES,
  COMMENTS_API,
  createOrigin,
  EXPORT_API,
  HISTORY_API,
  newMapId,
  readNodes,
  ROLES,
  type Role,
} from '@loopmap/shared';
import type { RunningServer } from '@loopmap/server';
import { connectPeer } from './support/peers.ts';
import { removeDir, startTestServer, tempDataDir } from './support/servers.ts';
import { addMember, createMapAs, request, signUp, type Actor } from './support/accounts.ts';
import { waitFor } from './support/waitFor.ts';

/**
 * The authorisation matrix: every role, a stranger (signed in, not a member) and a signed-out
 * caller, against every map-scoped REST route and the WebSocket, each with its expected outcome.
 */
type Caller = Role | 'stranger' | 'signed-out';
const CALLERS: Caller[] = [...ROLES, 'stranger', 'signed-out'];
/** The roles that may write comments (spelled out: the test must not trust the table it checks). */
const COMMENTERS: Role[] = ['owner', 'facilitator', 'editor', 'commenter'];

interface Fixture {
  mapId: string;
  target: Actor;
  inviteId: string;
  /** A thread the owner started. */
  threadId: string;
  ownerCommentId: string;
  /** A comment by a commenter who is none of the callers. */
  othersCommentId: string;
  /** A snapshot the owner took by hand. */
  snapshotId: string;
  /** An open review the owner started, with one decision. */
  reviewId: string;
  decisionId: string;
}

interface Route {
  name: string;
  /** Roles that may do it. */
  allowed: Role[];
  run(caller: Actor | null, fx: Fixture): Promise<number>;
}

describe('authorisation matrix', () => {
  let dir: string;
  let server: RunningServer;
  const actors = {} as Record<Role | 'stranger' | 'target' | 'author', Actor>;

  beforeAll(async () => {
    dir = tempDataDir();
    server = await startTestServer(dir);
    for (const name of [...ROLES, 'stranger', 'target', 'author'] as const) {
      actors[name] = await signUp(server.url, name);
    }
  });
  afterAll(async () => {
    await server.close();
    removeDir(dir);
  });

  /**
   * A fresh map with one member of each role, plus a viewer to act on, plus an open invite, plus
   * a comment thread the owner started and a comment by another commenter.
   */
  async function fixture(): Promise<Fixture> {
    const owner = actors.owner;
    const mapId = await createMapAs(owner, 'Matrix');
    for (const role of ROLES.filter((r) => r !== 'owner')) await addMember(owner, mapId, actors[role], role);
    await addMember(owner, mapId, actors.target, 'viewer');
    await addMember(owner, mapId, actors.author, 'commenter');
    const invite = await owner.api('POST', `/api/maps/${mapId}/invites`, { role: 'viewer', expiresInDays: 7 });
    const thread = await startThread(owner, mapId);
    const reply = await actors.author.api('POST', COMMENTS_API.replies(mapId, thread.id), { body: 'By the author' });
    const snapshot = await owner.api('POST', HISTORY_API.snapshots(mapId), { name: 'First version' });
    if (snapshot.status !== 201) throw new Error(`could not take a snapshot: ${snapshot.status}`);
    const review = await owner.api('POST', HISTORY_API.reviews(mapId), { title: 'Matrix review' });
    const decision = await owner.api('POST', HISTORY_API.decisions(mapId, review.body.review.id), { text: 'Decide' });
    if (decision.status !== 201) throw new Error('could not set up a review');
    return {
      mapId,
      target: actors.target,
      inviteId: invite.body.invite.id,
      threadId: thread.id,
      ownerCommentId: thread.comments[0].id,
      othersCommentId: reply.body.comment.id,
      snapshotId: snapshot.body.snapshot.id,
      reviewId: review.body.review.id,
      decisionId: decision.body.decision.id,
    };
  }

  async function startThread(author: Actor, mapId: string) {
    const res = await author.api('POST', COMMENTS_API.threads(mapId), {
      target: { kind: 'node', id: 'card' },
      body: `By ${author.name}`,
    });
    if (res.status !== 201) throw new Error(`could not start a thread: ${res.status}`);
    return res.body.thread;
  }

  /**
   * A comment of the caller's own, to edit or delete. A viewer can have one too: written while
   * they were a commenter. Strangers and signed-out callers have none: they try the owner's.
   */
  async function ownCommentOf(caller: Actor | null, fx: Fixture): Promise<string> {
    if (!caller || caller === actors.stranger || caller === actors.owner) return fx.ownerCommentId;
    const setRole = (role: Role) =>
      actors.owner.api('PATCH', `/api/maps/${fx.mapId}/members/${caller.userId}`, { role });
    const asViewer = caller === actors.viewer;
    if (asViewer) await setRole('commenter');
    const thread = await startThread(caller, fx.mapId);
    if (asViewer) await setRole('viewer');
    return thread.comments[0].id;
  }

  const call = (caller: Actor | null, method: string, path: string, body?: unknown) =>
    (caller ? caller.api(method, path, body) : request(server.url, method, path, body)).then((r) => r.status);

  const routes: Route[] = [
    { name: 'GET map', allowed: [...ROLES], run: (c, f) => call(c, 'GET', `/api/maps/${f.mapId}`) },
    {
      name: 'GET export',
      allowed: [...ROLES],
      run: (c, f) => call(c, 'GET', `/api/maps/${f.mapId}/export?format=json`),
    },
    {
      name: 'PATCH map (rename)',
      allowed: ['owner', 'facilitator', 'editor'],
      run: (c, f) => call(c, 'PATCH', `/api/maps/${f.mapId}`, { title: 'Renamed' }),
    },
    { name: 'DELETE map', allowed: ['owner'], run: (c, f) => call(c, 'DELETE', `/api/maps/${f.mapId}`) },
    { name: 'GET members', allowed: [...ROLES], run: (c, f) => call(c, 'GET', `/api/maps/${f.mapId}/members`) },
    {
      name: 'POST member',
      allowed: ['owner'],
      run: (c, f) => call(c, 'POST', `/api/maps/${f.mapId}/members`, { email: actors.stranger.email, role: 'viewer' }),
    },
    {
      name: 'PATCH member role',
      allowed: ['owner'],
      run: (c, f) => call(c, 'PATCH', `/api/maps/${f.mapId}/members/${f.target.userId}`, { role: 'commenter' }),
    },
    {
      name: 'DELETE another member',
      allowed: ['owner'],
      run: (c, f) => call(c, 'DELETE', `/api/maps/${f.mapId}/members/${f.target.userId}`),
    },
    {
      name: 'GET invites',
      allowed: ['owner', 'facilitator'],
      run: (c, f) => call(c, 'GET', `/api/maps/${f.mapId}/invites`),
    },
    {
      name: 'POST invite (viewer)',
      allowed: ['owner', 'facilitator'],
      run: (c, f) => call(c, 'POST', `/api/maps/${f.mapId}/invites`, { role: 'viewer', expiresInDays: 3 }),
    },
    {
      name: 'DELETE invite',
      allowed: ['owner', 'facilitator'],
      run: (c, f) => call(c, 'DELETE', `/api/maps/${f.mapId}/invites/${f.inviteId}`),
    },
    { name: 'GET comment threads', allowed: [...ROLES], run: (c, f) => call(c, 'GET', COMMENTS_API.threads(f.mapId)) },
    {
      name: 'GET comment threads of a card',
      allowed: [...ROLES],
      run: (c, f) => call(c, 'GET', COMMENTS_API.threadsOn(f.mapId, 'card')),
    },
    {
      name: 'POST comment thread',
      allowed: COMMENTERS,
      run: (c, f) => call(c, 'POST', COMMENTS_API.threads(f.mapId), { target: { kind: 'link', id: 'l' }, body: 'Hi' }),
    },
    {
      name: 'POST reply',
      allowed: COMMENTERS,
      run: (c, f) => call(c, 'POST', COMMENTS_API.replies(f.mapId, f.threadId), { body: 'Reply' }),
    },
    {
      name: 'PATCH thread (resolve)',
      allowed: COMMENTERS,
      run: (c, f) => call(c, 'PATCH', COMMENTS_API.thread(f.mapId, f.threadId), { resolved: true }),
    },
    {
      name: 'PATCH thread (reopen)',
      allowed: COMMENTERS,
      run: async (c, f) => {
        await actors.owner.api('PATCH', COMMENTS_API.thread(f.mapId, f.threadId), { resolved: true });
        return call(c, 'PATCH', COMMENTS_API.thread(f.mapId, f.threadId), { resolved: false });
      },
    },
    {
      name: 'PATCH own comment',
      allowed: COMMENTERS,
      run: async (c, f) =>
        call(c, 'PATCH', COMMENTS_API.comment(f.mapId, await ownCommentOf(c, f)), { body: 'Edited' }),
    },
    {
      name: 'PATCH another’s comment',
      allowed: [],
      run: (c, f) => call(c, 'PATCH', COMMENTS_API.comment(f.mapId, f.othersCommentId), { body: 'Rewritten' }),
    },
    {
      name: 'DELETE own comment',
      allowed: COMMENTERS,
      run: async (c, f) => call(c, 'DELETE', COMMENTS_API.comment(f.mapId, await ownCommentOf(c, f))),
    },
    {
      name: 'DELETE another’s comment (moderation)',
      allowed: ['owner', 'facilitator'],
      run: (c, f) => call(c, 'DELETE', COMMENTS_API.comment(f.mapId, f.othersCommentId)),
    },
    ...historyRoutes(),
    ...reviewRoutes(),
  ];

  /** Puts an assumption card on the map, as its owner would from a browser. */
  async function addAssumption(mapId: string): Promise<string> {
    const peer = connectPeer(server.url, mapId, 'owner-adds', actors.owner, { saved: true });
    await peer.whenSynced();
    const id = addNode(peer.doc, { kind: 'assumption', label: 'Peers come back', x: 0, y: 0 }, createOrigin('user'));
    await peer.whenSaved();
    peer.destroy();
    return id;
  }

  /** Course-correction reviews (server/src/routes/reviews.ts): run by owners and facilitators, fed by editors. */
  function reviewRoutes(): Route[] {
    const RUNNERS: Role[] = ['owner', 'facilitator'];
    const CONTRIBUTORS: Role[] = ['owner', 'facilitator', 'editor'];
    const read = (name: string, path: (f: Fixture) => string): Route => ({
      name,
      allowed: [...ROLES],
      run: (c, f) => call(c, 'GET', path(f)),
    });
    return [
      read('GET reviews', (f) => HISTORY_API.reviews(f.mapId)),
      read('GET review', (f) => HISTORY_API.review(f.mapId, f.reviewId)),
      read('GET digest', (f) => HISTORY_API.digest(f.mapId, [f.reviewId])),
      read('GET health trend', (f) => HISTORY_API.healthTrend(f.mapId)),
      read('GET review export', (f) => EXPORT_API.review(f.mapId, f.reviewId, 'md')),
      read('GET change report', (f) => EXPORT_API.changes(f.mapId, '1', 'now', 'md')),
      {
        name: 'PATCH my organisation',
        allowed: [...ROLES],
        run: (c, f) => call(c, 'PATCH', HISTORY_API.myMembership(f.mapId), { organisation: 'City of Braga' }),
      },
      {
        name: 'POST review',
        allowed: RUNNERS,
        run: (c, f) => call(c, 'POST', HISTORY_API.reviews(f.mapId), { title: 'Next review' }),
      },
      {
        name: 'PATCH review (close)',
        allowed: RUNNERS,
        run: (c, f) => call(c, 'PATCH', HISTORY_API.review(f.mapId, f.reviewId), { status: 'closed' }),
      },
      {
        name: 'PATCH review (notes)',
        allowed: CONTRIBUTORS,
        run: (c, f) => call(c, 'PATCH', HISTORY_API.review(f.mapId, f.reviewId), { notes: { single: 'On time' } }),
      },
      {
        name: 'POST decision',
        allowed: CONTRIBUTORS,
        run: (c, f) => call(c, 'POST', HISTORY_API.decisions(f.mapId, f.reviewId), { text: 'Pair new peers' }),
      },
      {
        name: 'PATCH decision',
        allowed: CONTRIBUTORS,
        run: (c, f) => call(c, 'PATCH', HISTORY_API.decision(f.mapId, f.reviewId, f.decisionId), { status: 'done' }),
      },
      {
        name: 'DELETE decision',
        allowed: CONTRIBUTORS,
        run: (c, f) => call(c, 'DELETE', HISTORY_API.decision(f.mapId, f.reviewId, f.decisionId)),
      },
      {
        name: 'POST lesson',
        allowed: CONTRIBUTORS,
        run: (c, f) =>
          call(c, 'POST', HISTORY_API.lessons(f.mapId, f.reviewId), { loop: 'single', text: 'Start on time' }),
      },
      {
        name: 'POST assumption re-rating',
        allowed: CONTRIBUTORS,
        run: async (c, f) => {
          // (The unknown-map case has nowhere to put one, and must answer 404 all the same.)
          const known = (await call(actors.owner, 'GET', `/api/maps/${f.mapId}`)) === 200;
          const assumption = known ? await addAssumption(f.mapId) : 'no-such-card';
          return call(c, 'POST', HISTORY_API.ratings(f.mapId, f.reviewId), { assumption, status: 'at-risk' });
        },
      },
    ];
  }

  /** A map's memory (server/src/routes/history.ts): everyone who can open the map reads all of it. */
  function historyRoutes(): Route[] {
    const SNAPSHOT_WRITERS: Role[] = ['owner', 'facilitator', 'editor'];
    const RESTORERS: Role[] = ['owner', 'facilitator'];
    const read = (name: string, path: (f: Fixture) => string): Route => ({
      name,
      allowed: [...ROLES],
      run: (c, f) => call(c, 'GET', path(f)),
    });
    return [
      read('GET snapshots', (f) => HISTORY_API.snapshots(f.mapId)),
      read('GET snapshot', (f) => HISTORY_API.snapshot(f.mapId, f.snapshotId)),
      read('GET state (seq)', (f) => HISTORY_API.state(f.mapId, 1)),
      read('GET state (snapshot)', (f) => HISTORY_API.state(f.mapId, f.snapshotId)),
      read('GET history', (f) => HISTORY_API.history(f.mapId)),
      read('GET history of a card', (f) => HISTORY_API.history(f.mapId, { node: 'card' })),
      read('GET diff', (f) => HISTORY_API.diff(f.mapId, f.snapshotId, 'now')),
      read('GET updates', (f) => HISTORY_API.updates(f.mapId)),
      read('GET timeline', (f) => HISTORY_API.timeline(f.mapId)),
      read('GET sessions', (f) => HISTORY_API.sessions(f.mapId)),
      read('GET catch-up', (f) => HISTORY_API.catchUp(f.mapId)),
      {
        name: 'POST snapshot',
        allowed: SNAPSHOT_WRITERS,
        run: (c, f) => call(c, 'POST', HISTORY_API.snapshots(f.mapId), { name: 'By hand' }),
      },
      {
        name: 'PATCH snapshot (rename)',
        allowed: SNAPSHOT_WRITERS,
        run: (c, f) => call(c, 'PATCH', HISTORY_API.snapshot(f.mapId, f.snapshotId), { name: 'Renamed' }),
      },
      {
        name: 'DELETE snapshot',
        allowed: ['owner'],
        run: (c, f) => call(c, 'DELETE', HISTORY_API.snapshot(f.mapId, f.snapshotId)),
      },
      {
        name: 'POST restore in place',
        allowed: RESTORERS,
        run: (c, f) => call(c, 'POST', HISTORY_API.restore(f.mapId, f.snapshotId), { mode: 'in-place' }),
      },
      {
        name: 'POST restore as a copy',
        allowed: RESTORERS,
        run: (c, f) => call(c, 'POST', HISTORY_API.restore(f.mapId, f.snapshotId), { mode: 'copy' }),
      },
      {
        name: 'POST revert (selective restore)',
        allowed: RESTORERS,
        run: (c, f) => call(c, 'POST', HISTORY_API.revert(f.mapId), { author: actors.editor.userId }),
      },
    ];
  }

  for (const route of routes) {
    describe(route.name, () => {
      for (const caller of CALLERS) {
        const expected =
          caller === 'signed-out' ? 401 : caller !== 'stranger' && route.allowed.includes(caller) ? 'ok' : 403;
        it(`${caller} → ${expected}`, async () => {
          const fx = await fixture();
          const actor = caller === 'signed-out' ? null : actors[caller];
          const status = await route.run(actor, fx);
          if (expected === 'ok') expect([200, 201, 204]).toContain(status);
          else expect(status).toBe(expected);
        });
      }
    });
  }

  describe('an unknown map → 404 on every route of its memory', () => {
    for (const route of [...historyRoutes(), ...reviewRoutes()]) {
      it(route.name, async () => {
        const fx = await fixture();
        const unknown = { ...fx, mapId: newMapId() };
        expect(await route.run(actors.owner, unknown)).toBe(404);
      });
    }
  });

  describe('WebSocket: open and write', () => {
    const writers: Role[] = ['owner', 'facilitator', 'editor'];
    for (const caller of CALLERS) {
      const expected =
        caller === 'signed-out'
          ? `closed ${CLOSE_CODES.unauthorized}`
          : caller === 'stranger'
            ? `closed ${CLOSE_CODES.forbidden}`
            : writers.includes(caller)
              ? 'reads and writes'
              : 'reads, writes dropped';
      it(`${caller} → ${expected}`, async () => {
        const fx = await fixture();
        if (caller === 'signed-out' || caller === 'stranger') {
          const headers: Record<string, string> = caller === 'stranger' ? { cookie: actors.stranger.cookie } : {};
          const ws = new WebSocket(`${server.url.replace('http', 'ws')}/ws/${fx.mapId}`, { headers });
          const code = await new Promise<number>((resolve) => ws.on('close', (c) => resolve(c)));
          expect(code).toBe(caller === 'stranger' ? CLOSE_CODES.forbidden : CLOSE_CODES.unauthorized);
          return;
        }
        const owner = connectPeer(server.url, fx.mapId, 'owner-watch', actors.owner);
        // As the browser client connects: asking for comment notices too, which grants nothing.
        const peer = connectPeer(server.url, fx.mapId, caller, actors[caller], { comments: true });
        await Promise.all([owner.whenSynced(), peer.whenSynced()]);
        addNode(owner.doc, { kind: 'impact', label: 'From the owner', x: 0, y: 0 }, createOrigin('user', 'owner'));
        await waitFor(() => readNodes(peer.doc).length === 1, `${caller} receives the owner’s change`);

        addNode(peer.doc, { kind: 'risk', label: `Written by ${caller}`, x: 0, y: 100 }, createOrigin('user', caller));
        if (writers.includes(caller)) {
          await waitFor(() => readNodes(owner.doc).length === 2, 'the owner receives the write');
        } else {
          // Give the crafted update every chance to travel, then check it went nowhere.
          const probe = connectPeer(server.url, fx.mapId, 'probe', actors.owner);
          await probe.whenSynced();
          await owner.whenSaved();
          expect(readNodes(probe.doc).map((n) => n.label)).toEqual(['From the owner']);
          expect(readNodes(owner.doc).map((n) => n.label)).toEqual(['From the owner']);
          const stored = await actors.owner.api('GET', `/api/maps/${fx.mapId}/export?format=json`);
          expect(stored.body.nodes.map((n: { label: string }) => n.label)).toEqual(['From the owner']);
          probe.destroy();
        }
        owner.destroy();
        peer.destroy();
      });
    }
  });

  for (const reader of ['viewer', 'commenter'] as const) {
    it(`a ${reader}’s crafted raw update frame never reaches the stored document or another peer`, async () => {
      const fx = await fixture();
      const watcher = connectPeer(server.url, fx.mapId, 'watcher', actors.editor);
      await watcher.whenSynced();
      const crafted = new Y.Doc();
      addNode(crafted, { kind: 'outcome', label: 'Sneaky', x: 0, y: 0 }, createOrigin('user', reader));
      const ws = new WebSocket(`${server.url.replace('http', 'ws')}/ws/${fx.mapId}?comments=1`, {
        headers: { cookie: actors[reader].cookie },
      });
      await new Promise((r) => ws.once('open', r));
      const update = Y.encodeStateAsUpdate(crafted);
      // messageSync (0), update (2), then the update as a var-length byte array.
      const frame = new Uint8Array([0, 2, ...varUint(update.length), ...update]);
      ws.send(frame);
      ws.send(new Uint8Array([0, 1, ...varUint(update.length), ...update])); // and as sync step 2
      const check = connectPeer(server.url, fx.mapId, 'check', actors.owner);
      await check.whenSynced();
      expect(readNodes(check.doc)).toEqual([]);
      expect(readNodes(watcher.doc)).toEqual([]);
      expect(ws.readyState).toBe(WebSocket.OPEN);
      ws.close();
      check.destroy();
      watcher.destroy();
    });
  }
});

function varUint(n: number): number[] {
  const out: number[] = [];
  while (n > 127) {
    out.push(128 | (n & 127));
    n >>>= 7;
  }
  out.push(n);
  return out;
}
