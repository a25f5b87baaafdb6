import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import * as Y from 'yjs';
import {
  addNode,
  connect,
  createOrigin,
  HISTORY_API,
  moveNodes,
  readNodes,
  removeNodes,
  setEdgeField,
  setNodeLabel,
  setNodeNarrative,
  toMapJSON,
  type EdgeId,
  type MapJSON,
  type NodeId,
  type NodeKind,
} from '@loopmap/shared';
import { connectPeer, type TestPeer } from './support/peers.ts';
import { useTestServer } from './support/servers.ts';
import {
  addMember,
  browserOrigin,
  createMapAs,
  request,
  sessionCookieFrom,
  signUp,
  type Actor,
  type ApiResponse,
} from './support/accounts.ts';
import { waitFor } from './support/waitFor.ts';
import { seededRandom } from './support/random.ts';

/**
 * A map's memory, as people notice it (issue 8): snapshots, restore seen live, selective
 * restore, state at any point, the attributed history, diffs, the raw log, live sessions and
 * catch-up. Everything runs against the real server, its SQLite file and real providers.
 */

/** Server time that tests can move forward, so "at 10:00" and "at 11:00" are different points. */
let offset = 0;
const clock = { now: () => Date.now() + offset };
const advance = (ms: number): void => {
  offset += ms;
};
const HOUR = 60 * 60 * 1000;

const by = (who: string) => createOrigin('user', who);
const labels = (map: MapJSON): string[] => map.nodes.map((n) => n.label).sort();
const idOf = (doc: Y.Doc, label: string): NodeId => {
  const node = readNodes(doc).find((n) => n.label === label);
  if (!node) throw new Error(`no card titled ${label}`);
  return node.id as NodeId;
};

const peers: TestPeer[] = [];
function open(server: { url: string }, mapId: string, actor: Actor): TestPeer {
  const peer = connectPeer(server.url, mapId, actor.name, actor);
  peers.push(peer);
  return peer;
}
afterEach(() => {
  for (const peer of peers.splice(0)) peer.destroy();
});

/** One named operation by a peer, stored before it returns. */
async function edit<T>(peer: TestPeer, fn: (doc: Y.Doc) => T): Promise<T> {
  await peer.whenSynced();
  const result = fn(peer.doc);
  await peer.whenSaved();
  return result;
}

function addCard(peer: TestPeer, label: string, kind: NodeKind = 'outcome', x = 0): Promise<NodeId> {
  return edit(peer, (doc) => addNode(doc, { kind, label, x, y: 0 }, by(peer.name)));
}

function expectError(res: ApiResponse, status: number): void {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(res.body.error.code).toEqual(expect.any(String));
  expect(res.body.error.message).toEqual(expect.any(String));
  expect(res.body.error.message.length).toBeGreaterThan(0);
}

async function stateAt(actor: Actor, mapId: string, at: string | number): Promise<MapJSON> {
  const res = await actor.api('GET', HISTORY_API.state(mapId, at));
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.map;
}

async function lastSeq(actor: Actor, mapId: string): Promise<number> {
  const res = await actor.api('GET', HISTORY_API.state(mapId, 'now'));
  return res.body.point.seq;
}

describe('a map’s memory', () => {
  const ctx = useTestServer({ clock, history: { sessionEndAfterMs: 100 } });

  async function team(...names: string[]): Promise<{ owner: Actor; mapId: string; people: Actor[] }> {
    const owner = await signUp(ctx.server.url, 'Olive');
    const mapId = await createMapAs(owner, 'Peer learning');
    const people: Actor[] = [];
    for (const name of names) {
      const actor = await signUp(ctx.server.url, name);
      await addMember(owner, mapId, actor, 'editor');
      people.push(actor);
    }
    return { owner, mapId, people };
  }

  describe('snapshots', () => {
    it('an editor takes a snapshot; it is listed and opens as the map was then, not as it is now', async () => {
      const { owner, mapId, people } = await team('Ed');
      const ed = open(ctx.server, mapId, people[0]!);
      await addCard(ed, 'Peers share failures');
      const then = toMapJSON(ed.doc);

      const taken = await people[0]!.api('POST', HISTORY_API.snapshots(mapId), {
        name: 'Before the call',
        note: 'As we left it',
      });
      expect(taken.status).toBe(201);
      expect(taken.body.snapshot).toMatchObject({
        name: 'Before the call',
        note: 'As we left it',
        reason: null,
        createdBy: { id: people[0]!.userId, name: 'Ed' },
        expiresAt: null,
      });

      await addCard(ed, 'Funders trust the network');
      await edit(ed, (doc) =>
        setNodeLabel(doc, idOf(doc, 'Peers share failures'), 'Peers share failures openly', by('Ed')),
      );

      const list = await owner.api('GET', HISTORY_API.snapshots(mapId));
      expect(list.status).toBe(200);
      expect(list.body.snapshots.map((s: { id: string }) => s.id)).toContain(taken.body.snapshot.id);

      const opened = await owner.api('GET', HISTORY_API.snapshot(mapId, taken.body.snapshot.id));
      expect(opened.status).toBe(200);
      expect(opened.body.snapshot.id).toBe(taken.body.snapshot.id);
      expect(opened.body.map).toEqual(then);
      expect(labels(opened.body.map)).toEqual(['Peers share failures']);
      expect(labels(toMapJSON(ed.doc))).toEqual(['Funders trust the network', 'Peers share failures openly']);
    });

    it('naming an automatic snapshot keeps it; a note can change; only the owner deletes', async () => {
      const { owner, mapId, people } = await team('Ed');
      const ed = open(ctx.server, mapId, people[0]!);
      // The day's first edit takes the daily automatic snapshot of the map just before it.
      await addCard(ed, 'First card of the day');
      const list = await owner.api('GET', HISTORY_API.snapshots(mapId));
      const daily = list.body.snapshots.find((s: { reason: string | null }) => s.reason === 'daily');
      expect(daily, JSON.stringify(list.body)).toBeDefined();
      expect(daily.expiresAt).toEqual(expect.any(String));
      expect(Date.parse(daily.expiresAt)).toBeGreaterThan(clock.now() + 80 * 24 * HOUR);

      const renamed = await people[0]!.api('PATCH', HISTORY_API.snapshot(mapId, daily.id), { name: 'Kick-off' });
      expect(renamed.status).toBe(200);
      expect(renamed.body.snapshot).toMatchObject({ id: daily.id, name: 'Kick-off', reason: 'daily', expiresAt: null });
      const noted = await people[0]!.api('PATCH', HISTORY_API.snapshot(mapId, daily.id), { note: 'Before we began' });
      expect(noted.body.snapshot).toMatchObject({ name: 'Kick-off', note: 'Before we began', expiresAt: null });
      const again = await owner.api('GET', HISTORY_API.snapshot(mapId, daily.id));
      expect(again.body.snapshot).toMatchObject({ name: 'Kick-off', note: 'Before we began', expiresAt: null });
      expect(labels(again.body.map)).toEqual([]);

      const byEditor = await people[0]!.api('DELETE', HISTORY_API.snapshot(mapId, daily.id));
      expectError(byEditor, 403);
      expect((await owner.api('GET', HISTORY_API.snapshot(mapId, daily.id))).status).toBe(200);
      const byOwner = await owner.api('DELETE', HISTORY_API.snapshot(mapId, daily.id));
      expect(byOwner.status).toBe(204);
      expectError(await owner.api('GET', HISTORY_API.snapshot(mapId, daily.id)), 404);
      const after = await owner.api('GET', HISTORY_API.snapshots(mapId));
      expect(after.body.snapshots.map((s: { id: string }) => s.id)).not.toContain(daily.id);
    });
  });

  describe('restore', () => {
    it('in place: a connected peer sees the snapshot without reconnecting; the log only grows; undo brings it back', async () => {
      const { owner, mapId, people } = await team('Pete');
      const pete = open(ctx.server, mapId, people[0]!);
      await pete.whenSynced();
      let disconnects = 0;
      pete.provider.on('status', ({ status }: { status: string }) => {
        if (status === 'disconnected') disconnects++;
      });
      await addCard(pete, 'Peers share failures');
      const snapshot = await owner.api('POST', HISTORY_API.snapshots(mapId), { name: 'Good version' });
      const good = toMapJSON(pete.doc);

      await addCard(pete, 'A card we regret');
      await edit(pete, (doc) =>
        setNodeLabel(doc, idOf(doc, 'Peers share failures'), 'Peers hide failures', by('Pete')),
      );
      const before = toMapJSON(pete.doc);
      const historyBefore = (await owner.api('GET', HISTORY_API.history(mapId, { limit: 500 }))).body.entries;
      const seqBefore = await lastSeq(owner, mapId);

      const restored = await owner.api('POST', HISTORY_API.restore(mapId, snapshot.body.snapshot.id), {
        mode: 'in-place',
      });
      expect(restored.status, JSON.stringify(restored.body)).toBe(200);
      expect(restored.body.seq).toBeGreaterThan(seqBefore);
      expect(restored.body.undo.reason).toBe('restore');

      await waitFor(() => labels(toMapJSON(pete.doc)).join() === labels(good).join(), 'Pete sees the restored map');
      expect(toMapJSON(pete.doc)).toEqual(good);
      expect(disconnects).toBe(0);
      expect(pete.provider.wsconnected).toBe(true);

      // A restore is a new change on top: the earlier entries are untouched.
      const historyAfter = (await owner.api('GET', HISTORY_API.history(mapId, { limit: 500 }))).body.entries;
      expect(historyAfter.slice(historyAfter.length - historyBefore.length)).toEqual(historyBefore);
      const newest = historyAfter[0];
      expect(newest.seq).toBe(restored.body.seq);
      expect(newest.author).toEqual({ id: owner.userId, name: 'Olive' });
      expect(newest.summary.removed.map((e: { label: string }) => e.label)).toEqual(['A card we regret']);
      expect(newest.summary.changed).toEqual([
        expect.objectContaining({ label: 'Peers share failures', fields: ['label'] }),
      ]);
      expect(await stateAt(owner, mapId, seqBefore)).toEqual(before);

      // Undo restore: restoring the automatic snapshot taken just before.
      const undone = await owner.api('POST', HISTORY_API.restore(mapId, restored.body.undo.id), {});
      expect(undone.status).toBe(200);
      await waitFor(() => labels(toMapJSON(pete.doc)).join() === labels(before).join(), 'Pete sees the undo');
      expect(toMapJSON(pete.doc)).toEqual(before);
      const check = open(ctx.server, mapId, owner);
      await check.whenSynced();
      expect(toMapJSON(check.doc)).toEqual(before);
    });

    it('in place: what someone did offline meanwhile, on cards the restore leaves alone, survives', async () => {
      const { owner, mapId, people } = await team('Pete');
      const pete = open(ctx.server, mapId, people[0]!);
      const a = await addCard(pete, 'A');
      await addCard(pete, 'B', 'output', 100);
      const snapshot = await owner.api('POST', HISTORY_API.snapshots(mapId), { name: 'A and B' });
      await addCard(pete, 'C, to be undone', 'impact', 200);

      pete.provider.disconnect();
      await waitFor(() => !pete.provider.wsconnected, 'Pete is offline');
      setNodeLabel(pete.doc, a, 'A, edited offline', by('Pete'));
      addNode(pete.doc, { kind: 'risk', label: 'D, added offline', x: 300, y: 0 }, by('Pete'));
      const restored = await owner.api('POST', HISTORY_API.restore(mapId, snapshot.body.snapshot.id), {});
      expect(restored.status).toBe(200);
      pete.provider.connect();

      const expected = ['A, edited offline', 'B', 'D, added offline'];
      await waitFor(() => labels(toMapJSON(pete.doc)).join() === expected.join(), 'Pete has the merge');
      await pete.whenSaved();
      const check = open(ctx.server, mapId, owner);
      await check.whenSynced();
      expect(toMapJSON(check.doc)).toEqual(toMapJSON(pete.doc));
      expect(labels(await stateAt(owner, mapId, 'now'))).toEqual(expected);
    });

    it('in place brings back the title the map had then, in the map list too', async () => {
      const { owner, mapId } = await team();
      const snapshot = await owner.api('POST', HISTORY_API.snapshots(mapId), { name: 'Original title' });
      expect((await owner.api('PATCH', `/api/maps/${mapId}`, { title: 'A bolder title' })).status).toBe(200);
      const restored = await owner.api('POST', HISTORY_API.restore(mapId, snapshot.body.snapshot.id), {});
      expect(restored.status).toBe(200);
      expect((await owner.api('GET', `/api/maps/${mapId}`)).body.map.title).toBe('Peer learning');
      const list = (await owner.api('GET', '/api/maps')).body.maps as { id: string; title: string }[];
      expect(list.find((m) => m.id === mapId)?.title).toBe('Peer learning');
      expect((await stateAt(owner, mapId, 'now')).meta.title).toBe('Peer learning');
    });

    it('as a copy: a new map the caller owns, with the snapshot’s content; the original is untouched', async () => {
      const { owner, mapId, people } = await team('Pete');
      const fac = await signUp(ctx.server.url, 'Fay');
      await addMember(owner, mapId, fac, 'facilitator');
      const pete = open(ctx.server, mapId, people[0]!);
      await addCard(pete, 'Kept in the copy');
      const snapshot = await owner.api('POST', HISTORY_API.snapshots(mapId), { name: 'March' });
      await addCard(pete, 'Only in the original');

      const copy = await fac.api('POST', HISTORY_API.restore(mapId, snapshot.body.snapshot.id), { mode: 'copy' });
      expect(copy.status, JSON.stringify(copy.body)).toBe(201);
      const copyId = copy.body.map.id;
      expect(copyId).not.toBe(mapId);
      const summary = await fac.api('GET', `/api/maps/${copyId}`);
      expect(summary.status).toBe(200);
      expect(summary.body.map.role).toBe('owner');
      expect(summary.body.map.title).toContain('March');
      const exported = await fac.api('GET', `/api/maps/${copyId}/export?format=json`);
      expect(labels(exported.body)).toEqual(['Kept in the copy']);
      const opened = await owner.api('GET', HISTORY_API.snapshot(mapId, snapshot.body.snapshot.id));
      expect(exported.body.nodes).toEqual(opened.body.map.nodes);
      expect(exported.body.edges).toEqual(opened.body.map.edges);
      expect({ ...exported.body.meta, title: '' }).toEqual({ ...opened.body.map.meta, title: '' });
      // Pete is not a member of the copy.
      expect((await people[0]!.api('GET', `/api/maps/${copyId}`)).status).toBe(403);
      expect(labels(toMapJSON(pete.doc))).toEqual(['Kept in the copy', 'Only in the original']);
    });
  });

  describe('selective restore', () => {
    it('reverting only Ben’s changes keeps Ana’s work and undoes Ben’s', async () => {
      const { owner, mapId, people } = await team('Ana', 'Ben');
      const [anaActor, benActor] = people as [Actor, Actor];
      const ana = open(ctx.server, mapId, anaActor);
      const ben = open(ctx.server, mapId, benActor);
      const shared = await addCard(ana, 'Peers share failures');
      await addCard(ana, 'Ana’s output', 'output', 200);
      await addCard(ben, 'Ben’s stray card', 'activity', 400);
      await waitFor(() => readNodes(ben.doc).length === 3, 'Ben has every card');
      await edit(ben, (doc) => setNodeLabel(doc, shared, 'Peers share nothing', by('Ben')));
      await edit(ben, (doc) => setNodeNarrative(doc, shared, 'Ben wrote this', by('Ben')));
      await addCard(ana, 'Ana after Ben', 'impact', 600);
      await waitFor(() => readNodes(ben.doc).length === 4, 'Ben has Ana’s last card');
      const anaOutput = idOf(ana.doc, 'Ana’s output');
      const anaImpact = idOf(ana.doc, 'Ana after Ben');
      const anaLink = await edit(ana, (doc) => connect(doc, { source: anaOutput, target: shared }, by('Ana')));
      await waitFor(() => readNodes(ben.doc).length === 4 && toMapJSON(ben.doc).edges.length === 1, 'Ben has the link');
      const benLink = await edit(ben, (doc) => connect(doc, { source: shared, target: anaImpact }, by('Ben')));
      expect(anaLink.ok && benLink.ok).toBe(true);

      const res = await owner.api('POST', HISTORY_API.revert(mapId), { author: benActor.userId });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body.reverted).toEqual({ cards: 2, links: 1 });
      expect(res.body.undo.reason).toBe('restore');

      const expected = ['Ana after Ben', 'Ana’s output', 'Peers share failures'];
      for (const peer of [ana, ben]) {
        await waitFor(() => labels(toMapJSON(peer.doc)).join() === expected.join(), `${peer.name} sees the revert`);
      }
      const card = toMapJSON(ana.doc).nodes.find((n) => n.id === shared)!;
      expect(card.narrative ?? '').toBe('');
      await waitFor(() => toMapJSON(ana.doc).edges.length === 1, 'Ben’s link is gone');
      expect(toMapJSON(ana.doc).edges.map((e) => e.id)).toEqual([(anaLink as { id: string }).id]);

      // Nothing of Ben's left: reverting him again changes nothing and writes nothing.
      const seq = await lastSeq(owner, mapId);
      const again = await owner.api('POST', HISTORY_API.revert(mapId), { author: benActor.userId });
      expect(again.body).toMatchObject({ undo: null, seq, reverted: { cards: 0, links: 0 } });
    });

    it('reverting the changes of the person who created the map keeps its title and kind', async () => {
      const owner = await signUp(ctx.server.url, 'Olive');
      const created = await owner.api('POST', '/api/maps', { title: 'Partners', kind: 'partnership' });
      const mapId = created.body.map.id;
      const peer = open(ctx.server, mapId, owner);
      await addCard(peer, 'Olive’s partner', 'actor');
      const mine = await owner.api('POST', HISTORY_API.revert(mapId), { author: owner.userId });
      expect(mine.status).toBe(200);
      expect(mine.body.reverted).toEqual({ cards: 1, links: 0 });
      const everything = await owner.api('POST', HISTORY_API.revert(mapId), { from: '0' });
      expect(everything.status).toBe(200);
      expect((await owner.api('GET', `/api/maps/${mapId}`)).body.map).toMatchObject({
        title: 'Partners',
        kind: 'partnership',
      });
      expect(await stateAt(owner, mapId, 'now')).toMatchObject({
        meta: { title: 'Partners', kind: 'partnership' },
        nodes: [],
      });
    });

    it('reverting a range of the log undoes what was done in it and keeps what came before and after', async () => {
      const { owner, mapId, people } = await team('Ana');
      const ana = open(ctx.server, mapId, people[0]!);
      await addCard(ana, 'Before the range');
      const from = await lastSeq(owner, mapId);
      await addCard(ana, 'In the range', 'output', 200);
      await edit(ana, (doc) => setNodeLabel(doc, idOf(doc, 'Before the range'), 'Renamed in the range', by('Ana')));
      const to = await lastSeq(owner, mapId);
      await addCard(ana, 'After the range', 'impact', 400);

      const res = await owner.api('POST', HISTORY_API.revert(mapId), { from: String(from), to: String(to) });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      const expected = ['After the range', 'Before the range'];
      await waitFor(() => labels(toMapJSON(ana.doc)).join() === expected.join(), 'Ana sees the range reverted');

      expectError(await owner.api('POST', HISTORY_API.revert(mapId), { from: String(to), to: String(from) }), 400);
    });
  });

  describe('state at any point', () => {
    it('answers by seq, by time and by snapshot id with the map as it was', async () => {
      const { owner, mapId, people } = await team('Ana');
      const ana = open(ctx.server, mapId, people[0]!);
      const states: { seq: number; map: MapJSON; at: number }[] = [];
      for (const label of ['One', 'Two', 'Three']) {
        advance(HOUR);
        await addCard(ana, label);
        states.push({ seq: await lastSeq(owner, mapId), map: toMapJSON(ana.doc), at: clock.now() });
      }
      const snap = await owner.api('POST', HISTORY_API.snapshots(mapId), {
        name: 'After two',
        at: String(states[1]!.seq),
      });
      expect(snap.status).toBe(201);
      advance(HOUR);
      await edit(ana, (doc) => removeNodes(doc, [idOf(doc, 'One')], by('Ana')));

      for (const { seq, map } of states) expect(await stateAt(owner, mapId, seq)).toEqual(map);
      // Half an hour after the second card: the map as the second card left it.
      const halfPast = new Date(states[1]!.at + HOUR / 2).toISOString();
      const byTime = await owner.api('GET', HISTORY_API.state(mapId, halfPast));
      expect(byTime.body.point.seq).toBe(states[1]!.seq);
      expect(byTime.body.map).toEqual(states[1]!.map);
      const bySnapshot = await owner.api('GET', HISTORY_API.state(mapId, snap.body.snapshot.id));
      expect(bySnapshot.body.point).toMatchObject({ seq: states[1]!.seq, snapshotId: snap.body.snapshot.id });
      expect(bySnapshot.body.map).toEqual(states[1]!.map);
      expect(await stateAt(owner, mapId, 'now')).toEqual(toMapJSON(ana.doc));
      expect(labels(await stateAt(owner, mapId, 0))).toEqual([]);
      // A day means its end; a time given with an offset is read as that instant.
      const dayAfter = new Date(clock.now() + 48 * HOUR).toISOString().slice(0, 10);
      expect(await stateAt(owner, mapId, dayAfter)).toEqual(toMapJSON(ana.doc));
      const inParis = new Date(states[1]!.at + HOUR / 2 + HOUR).toISOString().replace('Z', '+01:00');
      expect(await stateAt(owner, mapId, inParis)).toEqual(states[1]!.map);
      // Diffs take times too: between the second and third cards, only the third was added.
      const diff = await owner.api('GET', HISTORY_API.diff(mapId, halfPast, new Date(states[2]!.at).toISOString()));
      expect(diff.body.diff.cards.map((c: { label: string; state: string }) => [c.label, c.state])).toEqual([
        ['Three', 'added'],
      ]);
    });

    it('gives a clear 4xx for a point it cannot answer', async () => {
      const { owner, mapId, people } = await team('Ana');
      const ana = open(ctx.server, mapId, people[0]!);
      await addCard(ana, 'One');
      const last = await lastSeq(owner, mapId);
      const other = await createMapAs(owner, 'Another map');
      const foreign = await owner.api('POST', HISTORY_API.snapshots(other), { name: 'Elsewhere' });

      expectError(await owner.api('GET', HISTORY_API.state(mapId, last + 1)), 400);
      expectError(await owner.api('GET', HISTORY_API.state(mapId, 'yesterday')), 400);
      expectError(await owner.api('GET', HISTORY_API.state(mapId, '-1')), 400);
      expectError(await owner.api('GET', HISTORY_API.state(mapId, '1.5')), 400);
      expectError(await owner.api('GET', HISTORY_API.state(mapId, '2026-13-45T99:00:00Z')), 400);
      expectError(await owner.api('GET', `/api/maps/${mapId}/state`), 400);
      expectError(await owner.api('GET', HISTORY_API.state(mapId, 'snap_unknown')), 404);
      expectError(await owner.api('GET', HISTORY_API.state(mapId, foreign.body.snapshot.id)), 404);
      expectError(await owner.api('GET', HISTORY_API.state(mapId, '2001-01-01T00:00:00Z')), 400);
      expectError(await owner.api('GET', HISTORY_API.state(mapId, '2001-01-01')), 400);
    });
  });

  describe('the attributed history', () => {
    it('pages newest first with summaries naming cards; ?node= lists only what touched that card', async () => {
      const { owner, mapId, people } = await team('Ana');
      const ana = open(ctx.server, mapId, people[0]!);
      const ids: NodeId[] = [];
      for (let i = 1; i <= 6; i++) ids.push(await addCard(ana, `Card ${i}`, 'outcome', i * 100));
      await edit(ana, (doc) => setNodeLabel(doc, ids[2]!, 'Card 3, renamed', by('Ana')));
      await edit(ana, (doc) => moveNodes(doc, [{ id: ids[4]!, x: 999, y: 50 }], by('Ana')));
      await edit(ana, (doc) => setNodeNarrative(doc, ids[2]!, 'Why card 3 matters', by('Ana')));
      const last = await lastSeq(owner, mapId);

      const seen: number[] = [];
      let before: number | undefined;
      for (let pages = 0; pages < 10; pages++) {
        const page = await people[0]!.api('GET', HISTORY_API.history(mapId, { before, limit: 4 }));
        expect(page.status).toBe(200);
        expect(page.body.entries.length).toBeLessThanOrEqual(4);
        // No empty last page: nextBefore is null as soon as nothing older is left.
        expect(page.body.entries.length).toBeGreaterThan(0);
        seen.push(...page.body.entries.map((e: { seq: number }) => e.seq));
        if (page.body.nextBefore === null) break;
        expect(page.body.nextBefore).toBe(page.body.entries.at(-1).seq);
        before = page.body.nextBefore;
      }
      expect(seen).toEqual(Array.from({ length: last }, (_, i) => last - i));

      const all = (await owner.api('GET', HISTORY_API.history(mapId))).body.entries;
      const added = all.find((e: { summary: { added: { label: string }[] } | null }) =>
        e.summary?.added.some((a) => a.label === 'Card 4'),
      );
      expect(added).toMatchObject({
        author: { id: people[0]!.userId, name: 'Ana' },
        summary: { added: [{ id: ids[3], kind: 'outcome', label: 'Card 4' }] },
        ids: [ids[3]],
      });
      const first = all.at(-1);
      expect(first.seq).toBe(1);
      expect(first.author.id).toBe(owner.userId);

      const own = await owner.api('GET', HISTORY_API.history(mapId, { node: ids[2]! }));
      expect(own.status).toBe(200);
      const entries = own.body.entries as {
        seq: number;
        ids: string[];
        summary: { changed: { fields: string[] }[] };
      }[];
      expect(entries).toHaveLength(3);
      for (const entry of entries) expect(entry.ids).toContain(ids[2]);
      expect(entries[0]!.summary.changed[0]!.fields).toEqual(['narrative']);
      expect(entries[1]!.summary.changed[0]!.fields).toEqual(['label']);
      const moved = await owner.api('GET', HISTORY_API.history(mapId, { node: ids[4]! }));
      expect(moved.body.entries).toHaveLength(2);
      expect((await owner.api('GET', HISTORY_API.history(mapId, { node: 'nobody' }))).body.entries).toEqual([]);
    });
  });

  describe('diff', () => {
    it('between a snapshot and now: cards added, removed and changed with field-level before and after', async () => {
      const { owner, mapId, people } = await team('Ana');
      const ana = open(ctx.server, mapId, people[0]!);
      const keep = await addCard(ana, 'Peers share failures');
      const drop = await addCard(ana, 'To be removed', 'output', 200);
      const other = await addCard(ana, 'Funders listen', 'impact', 400);
      const link = await edit(ana, (doc) => connect(doc, { source: keep, target: other }, by('Ana')));
      expect(link.ok).toBe(true);
      const snap = await owner.api('POST', HISTORY_API.snapshots(mapId), { name: 'Before' });

      await edit(ana, (doc) => setNodeLabel(doc, keep, 'Peers share failures openly', by('Ana')));
      await edit(ana, (doc) => removeNodes(doc, [drop], by('Ana')));
      const fresh = await addCard(ana, 'New outcome', 'outcome', 600);
      await edit(ana, (doc) => setEdgeField(doc, (link as { id: EdgeId }).id, 'relation', 'enables', by('Ana')));

      const res = await owner.api('GET', HISTORY_API.diff(mapId, snap.body.snapshot.id));
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body.from).toMatchObject({ snapshotId: snap.body.snapshot.id });
      expect(res.body.to.seq).toBe(await lastSeq(owner, mapId));
      const cards = Object.fromEntries(res.body.diff.cards.map((c: { id: string }) => [c.id, c]));
      expect(Object.keys(cards).sort()).toEqual([drop, fresh, keep].sort());
      expect(cards[fresh]).toMatchObject({ state: 'added', label: 'New outcome', before: null });
      expect(cards[drop]).toMatchObject({ state: 'removed', label: 'To be removed', after: null });
      expect(cards[keep]).toMatchObject({
        state: 'changed',
        moved: false,
        fields: [
          expect.objectContaining({
            field: 'label',
            before: 'Peers share failures',
            after: 'Peers share failures openly',
          }),
        ],
      });
      expect(res.body.diff.links).toEqual([
        expect.objectContaining({
          state: 'changed',
          fields: [expect.objectContaining({ field: 'relation', after: 'enables' })],
        }),
      ]);

      // A link has its own history too, named after the cards it joins.
      const linkId = (link as { id: EdgeId }).id;
      const linkHistory = (await owner.api('GET', HISTORY_API.history(mapId, { node: linkId }))).body.entries;
      expect(linkHistory.map((e: { summary: unknown }) => e.summary)).toEqual([
        expect.objectContaining({
          changed: [expect.objectContaining({ id: linkId, kind: 'link', fields: ['relation'] })],
        }),
        expect.objectContaining({
          added: [{ id: linkId, kind: 'link', label: 'Peers share failures → Funders listen' }],
        }),
      ]);

      // Seqs work too, and the same two points give the same diff.
      const bySeq = await owner.api('GET', HISTORY_API.diff(mapId, res.body.from.seq, res.body.to.seq));
      expect(bySeq.body.diff).toEqual(res.body.diff);

      const elsewhere = await createMapAs(owner, 'Another map');
      const foreign = await owner.api('POST', HISTORY_API.snapshots(elsewhere), { name: 'Elsewhere' });
      expectError(await owner.api('GET', HISTORY_API.diff(mapId, foreign.body.snapshot.id)), 404);
      expectError(await owner.api('GET', HISTORY_API.diff(mapId, 1, foreign.body.snapshot.id)), 404);
      expectError(await owner.api('GET', `/api/maps/${mapId}/diff`), 400);
    });
  });

  it('GET updates pages through the raw log; applied in order to a fresh doc they give the live map', async () => {
    const { owner, mapId, people } = await team('Ana');
    const ana = open(ctx.server, mapId, people[0]!);
    for (let i = 0; i < 9; i++) await addCard(ana, `Card ${i}`, 'output', i * 50);
    await edit(ana, (doc) => removeNodes(doc, [idOf(doc, 'Card 4')], by('Ana')));
    const last = await lastSeq(owner, mapId);

    const doc = new Y.Doc();
    let after = 0;
    const seqs: number[] = [];
    for (;;) {
      const page = await people[0]!.api('GET', HISTORY_API.updates(mapId, { after, limit: 3 }));
      expect(page.status).toBe(200);
      expect(page.body.lastSeq).toBe(last);
      if (page.body.updates.length === 0) break;
      for (const update of page.body.updates) {
        seqs.push(update.seq);
        Y.applyUpdate(doc, Buffer.from(update.data, 'base64'));
      }
      after = page.body.updates.at(-1).seq;
    }
    expect(seqs).toEqual(Array.from({ length: last }, (_, i) => i + 1));
    expect(toMapJSON(doc)).toEqual(toMapJSON(ana.doc));
    doc.destroy();
  });

  describe('live sessions', () => {
    it('two people editing together make a session: both named, changes counted, a snapshot and a summary', async () => {
      const { owner, mapId, people } = await team('Ana', 'Ben');
      const ana = open(ctx.server, mapId, people[0]!);
      const ben = open(ctx.server, mapId, people[1]!);
      await Promise.all([ana.whenSynced(), ben.whenSynced()]);
      await waitFor(async () => {
        const res = await owner.api('GET', HISTORY_API.sessions(mapId));
        return res.body.sessions.length === 1;
      }, 'the session is open');
      await addCard(ana, 'Peers share failures');
      await addCard(ben, 'Funders listen', 'impact', 300);
      await edit(ben, (doc) => setNodeLabel(doc, idOf(doc, 'Funders listen'), 'Funders listen closely', by('Ben')));

      const during = (await owner.api('GET', HISTORY_API.sessions(mapId))).body.sessions;
      expect(during).toHaveLength(1);
      expect(during[0]).toMatchObject({ endedAt: null, changes: 3 });

      ben.destroy();
      const ended = await waitFor(async () => {
        const res = await owner.api('GET', HISTORY_API.sessions(mapId));
        return res.body.sessions.find((s: { endedAt: string | null }) => s.endedAt !== null);
      }, 'the session ends after the grace period');
      expect(ended.changes).toBe(3);
      expect(ended.participants.map((p: { name: string }) => p.name).sort()).toEqual(['Ana', 'Ben']);
      expect(ended.toSeq - ended.fromSeq).toBe(3);
      // The title Ben gave the card he had just added is part of adding it.
      expect(ended.summary).toBe('Ana and Ben made 3 changes: added an impact and an outcome.');
      const snapshot = await owner.api('GET', HISTORY_API.snapshot(mapId, ended.snapshotId));
      expect(snapshot.status).toBe(200);
      expect(snapshot.body.snapshot).toMatchObject({ reason: 'session', seq: ended.toSeq, note: ended.summary });
      expect(labels(snapshot.body.map)).toEqual(['Funders listen closely', 'Peers share failures']);
      const timeline = await owner.api('GET', HISTORY_API.timeline(mapId));
      expect(timeline.body.sessions.map((s: { id: string }) => s.id)).toEqual([ended.id]);
    });

    it('one person editing alone, with a viewer watching, records no session', async () => {
      const { owner, mapId, people } = await team('Ana');
      const vera = await signUp(ctx.server.url, 'Vera');
      await addMember(owner, mapId, vera, 'viewer');
      const ana = open(ctx.server, mapId, people[0]!);
      const watcher = open(ctx.server, mapId, vera);
      await watcher.whenSynced();
      await addCard(ana, 'Alone');
      ana.destroy();
      watcher.destroy();
      await waitFor(() => !ctx.server.rooms.isLoaded(mapId), 'the room closes', 15_000);
      expect((await owner.api('GET', HISTORY_API.sessions(mapId))).body.sessions).toEqual([]);
      expect((await owner.api('GET', HISTORY_API.timeline(mapId))).body.sessions).toEqual([]);
    });
  });

  it('catch-up: a member who was away sees how many changes others made, and by whom', async () => {
    const { mapId, people } = await team('Ana', 'Ben', 'Cat');
    const [anaActor, benActor, catActor] = people as [Actor, Actor, Actor];
    const first = await catActor.api('GET', HISTORY_API.catchUp(mapId));
    expect(first.body).toMatchObject({ since: null, changes: 0, authors: [] });

    const cat = open(ctx.server, mapId, catActor);
    await addCard(cat, 'Cat’s card');
    cat.destroy();
    const away = await waitFor(async () => {
      const res = await catActor.api('GET', HISTORY_API.catchUp(mapId));
      return res.body.since !== null && res.body.sinceSeq === res.body.lastSeq ? res.body : null;
    }, 'Cat’s visit is recorded when she leaves');
    expect(away.changes).toBe(0);

    advance(24 * HOUR);
    const ana = open(ctx.server, mapId, anaActor);
    const ben = open(ctx.server, mapId, benActor);
    await addCard(ana, 'One');
    await addCard(ana, 'Two', 'outcome', 100);
    await addCard(ben, 'Three', 'outcome', 200);
    // Cat renames the map over REST meanwhile: her own change is not news to her.
    expect((await catActor.api('PATCH', `/api/maps/${mapId}`, { title: 'Renamed by Cat' })).status).toBe(200);

    const res = await catActor.api('GET', HISTORY_API.catchUp(mapId));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ since: away.since, sinceSeq: away.sinceSeq, changes: 3 });
    expect(res.body.lastSeq).toBe(away.sinceSeq + 4);
    expect(res.body.authors).toEqual([
      { id: anaActor.userId, name: 'Ana' },
      { id: benActor.userId, name: 'Ben' },
    ]);
    // Ana's own view counts Ben's change and Cat's rename, not hers.
    const anaView = await anaActor.api('GET', HISTORY_API.catchUp(mapId));
    expect(anaView.body.authors.map((a: { name: string }) => a.name)).not.toContain('Ana');
  });
});

describe('a map’s memory: bad input and ageing', () => {
  const ctx = useTestServer({ clock, history: { sessionEndAfterMs: 100 } });

  it('bad input on every route of the memory gets a clear 4xx and changes nothing', async () => {
    const owner = await signUp(ctx.server.url, 'Olive');
    const mapId = await createMapAs(owner, 'Guarded map');
    const ana = open(ctx.server, mapId, owner);
    await addCard(ana, 'One');
    await addCard(ana, 'Two', 'output', 100);
    const sid = (await owner.api('POST', HISTORY_API.snapshots(mapId), { name: 'Kept' })).body.snapshot.id;
    const elsewhere = await createMapAs(owner, 'Another map');
    const foreign = (await owner.api('POST', HISTORY_API.snapshots(elsewhere), { name: 'Elsewhere' })).body.snapshot.id;
    const last = await lastSeq(owner, mapId);

    const observe = async () => ({
      snapshots: (await owner.api('GET', HISTORY_API.snapshots(mapId))).body,
      foreign: (await owner.api('GET', HISTORY_API.snapshots(elsewhere))).body,
      state: await owner.api('GET', HISTORY_API.state(mapId, 'now')).then((r) => r.body),
      maps: (await owner.api('GET', '/api/maps')).body.maps.map((m: { id: string }) => m.id).sort(),
    });
    const before = await observe();
    const raw = (method: string, path: string, text: string) =>
      fetch(`${ctx.server.url}${path}`, {
        method,
        headers: { cookie: owner.cookie, 'content-type': 'application/json', ...browserOrigin(ctx.server.url) },
        body: text,
      }).then(async (res) => ({ status: res.status, headers: res.headers, body: await res.json() }));

    const cases: [string, () => Promise<ApiResponse>, number][] = [
      ['a snapshot with no name', () => owner.api('POST', HISTORY_API.snapshots(mapId), {}), 400],
      ['a snapshot with a blank name', () => owner.api('POST', HISTORY_API.snapshots(mapId), { name: '  ' }), 400],
      ['a name too long', () => owner.api('POST', HISTORY_API.snapshots(mapId), { name: 'x'.repeat(121) }), 400],
      ['a name that is no string', () => owner.api('POST', HISTORY_API.snapshots(mapId), { name: 42 }), 400],
      [
        'a note too long',
        () => owner.api('POST', HISTORY_API.snapshots(mapId), { name: 'ok', note: 'x'.repeat(2001) }),
        400,
      ],
      [
        'a snapshot of a malformed point',
        () => owner.api('POST', HISTORY_API.snapshots(mapId), { name: 'ok', at: 'then' }),
        400,
      ],
      [
        'a snapshot past the end',
        () => owner.api('POST', HISTORY_API.snapshots(mapId), { name: 'ok', at: String(last + 1) }),
        400,
      ],
      [
        'a snapshot of another map’s snapshot',
        () => owner.api('POST', HISTORY_API.snapshots(mapId), { name: 'ok', at: foreign }),
        404,
      ],
      [
        'a snapshot of the map before it existed',
        () => owner.api('POST', HISTORY_API.snapshots(mapId), { name: 'ok', at: '0' }),
        400,
      ],
      ['a body that is not JSON', () => raw('POST', HISTORY_API.snapshots(mapId), '{name:'), 400],
      ['renaming with nothing to change', () => owner.api('PATCH', HISTORY_API.snapshot(mapId, sid), {}), 400],
      ['renaming to a blank name', () => owner.api('PATCH', HISTORY_API.snapshot(mapId, sid), { name: '' }), 400],
      [
        'renaming an unknown snapshot',
        () => owner.api('PATCH', HISTORY_API.snapshot(mapId, 'snap_x'), { name: 'A' }),
        404,
      ],
      [
        'renaming another map’s snapshot',
        () => owner.api('PATCH', HISTORY_API.snapshot(mapId, foreign), { name: 'Hijacked' }),
        404,
      ],
      ['opening an unknown snapshot', () => owner.api('GET', HISTORY_API.snapshot(mapId, 'snap_x')), 404],
      ['opening another map’s snapshot', () => owner.api('GET', HISTORY_API.snapshot(mapId, foreign)), 404],
      ['deleting an unknown snapshot', () => owner.api('DELETE', HISTORY_API.snapshot(mapId, 'snap_x')), 404],
      ['deleting another map’s snapshot', () => owner.api('DELETE', HISTORY_API.snapshot(mapId, foreign)), 404],
      [
        'restoring in an unknown way',
        () => owner.api('POST', HISTORY_API.restore(mapId, sid), { mode: 'sideways' }),
        400,
      ],
      ['restoring an unknown snapshot', () => owner.api('POST', HISTORY_API.restore(mapId, 'snap_x'), {}), 404],
      ['restoring another map’s snapshot', () => owner.api('POST', HISTORY_API.restore(mapId, foreign), {}), 404],
      [
        'copying another map’s snapshot',
        () => owner.api('POST', HISTORY_API.restore(mapId, foreign), { mode: 'copy' }),
        404,
      ],
      ['a revert with neither author nor range', () => owner.api('POST', HISTORY_API.revert(mapId), {}), 400],
      ['a revert with only an end', () => owner.api('POST', HISTORY_API.revert(mapId), { to: '2' }), 400],
      [
        'a revert from a malformed point',
        () => owner.api('POST', HISTORY_API.revert(mapId), { from: 'last week' }),
        400,
      ],
      ['a revert past the end', () => owner.api('POST', HISTORY_API.revert(mapId), { from: String(last + 5) }), 400],
      ['a revert range backwards', () => owner.api('POST', HISTORY_API.revert(mapId), { from: '3', to: '1' }), 400],
      [
        'a revert from another map’s snapshot',
        () => owner.api('POST', HISTORY_API.revert(mapId), { from: foreign }),
        404,
      ],
      [
        'a revert with an author too long',
        () => owner.api('POST', HISTORY_API.revert(mapId), { author: 'x'.repeat(65) }),
        400,
      ],
      ['history with limit 0', () => owner.api('GET', `/api/maps/${mapId}/history?limit=0`), 400],
      ['history with too big a limit', () => owner.api('GET', `/api/maps/${mapId}/history?limit=501`), 400],
      ['history with a word for a limit', () => owner.api('GET', `/api/maps/${mapId}/history?limit=ten`), 400],
      ['history before 0', () => owner.api('GET', `/api/maps/${mapId}/history?before=0`), 400],
      ['history before -1', () => owner.api('GET', `/api/maps/${mapId}/history?before=-1`), 400],
      ['updates after -1', () => owner.api('GET', `/api/maps/${mapId}/updates?after=-1`), 400],
      ['updates with too big a limit', () => owner.api('GET', `/api/maps/${mapId}/updates?limit=5001`), 400],
      ['a diff with no from', () => owner.api('GET', `/api/maps/${mapId}/diff`), 400],
      ['a diff from a malformed point', () => owner.api('GET', HISTORY_API.diff(mapId, 'the start')), 400],
      ['a diff to past the end', () => owner.api('GET', HISTORY_API.diff(mapId, 1, last + 1)), 400],
      ['a diff with another map', () => owner.api('GET', HISTORY_API.diff(mapId, sid, foreign)), 404],
    ];
    for (const [name, run, status] of cases) {
      const res = await run();
      expect(res.status, `${name}: ${JSON.stringify(res.body)}`).toBe(status);
      expect(res.body.error, name).toEqual({ code: expect.any(String), message: expect.any(String) });
      expect(res.body.error.message.length, name).toBeGreaterThan(3);
    }
    expect(await observe()).toEqual(before);
    expect(labels(toMapJSON(ana.doc))).toEqual(['One', 'Two']);
  });

  it('a daily snapshot is taken before the first change of each day a map is edited, and only then', async () => {
    const owner = await signUp(ctx.server.url, 'Olive');
    const mapId = await createMapAs(owner, 'Daily');
    const dailies = async (actor: Actor) =>
      ((await actor.api('GET', HISTORY_API.snapshots(mapId))).body.snapshots as { reason: string; seq: number }[])
        .filter((s) => s.reason === 'daily')
        .map((s) => s.seq);
    let peer = open(ctx.server, mapId, owner);
    await addCard(peer, 'Monday one');
    await addCard(peer, 'Monday two');
    advance(2 * HOUR);
    await addCard(peer, 'Monday three');
    await waitFor(async () => (await dailies(owner)).length === 1, 'the first daily snapshot');
    expect(await dailies(owner)).toEqual([1]);

    // The next day, after a restart (the last one is read back from the file).
    peer.destroy();
    advance(24 * HOUR);
    await ctx.restart();
    const again = await request(ctx.server.url, 'POST', '/api/auth/login', {
      email: owner.email,
      password: owner.password,
    });
    const olive: Actor = {
      ...owner,
      baseUrl: ctx.server.url,
      cookie: sessionCookieFrom(again.headers)!,
      api: (method, path, body, headers = {}) =>
        request(ctx.server.url, method, path, body, { cookie: olive.cookie, ...headers }),
    };
    const before = await lastSeq(olive, mapId);
    expect(await dailies(olive)).toEqual([1]);
    peer = open(ctx.server, mapId, olive);
    await addCard(peer, 'Tuesday one');
    await addCard(peer, 'Tuesday two');
    await waitFor(async () => (await dailies(olive)).length === 2, 'the second daily snapshot');
    expect(await dailies(olive)).toEqual([before, 1]);
    const tuesdayMorning = await olive.api('GET', HISTORY_API.state(mapId, before));
    expect(labels(tuesdayMorning.body.map)).toEqual(['Monday one', 'Monday three', 'Monday two']);
  });

  it('the timeline has every entry with its author, the snapshots and the sessions', async () => {
    const owner = await signUp(ctx.server.url, 'Olive');
    const mapId = await createMapAs(owner, 'Timeline');
    const ana = await signUp(ctx.server.url, 'Ana');
    await addMember(owner, mapId, ana, 'editor');
    const peer = open(ctx.server, mapId, ana);
    await addCard(peer, 'One');
    await owner.api('POST', HISTORY_API.snapshots(mapId), { name: 'Marker' });
    await addCard(peer, 'Two');
    const last = await lastSeq(owner, mapId);

    const res = await ana.api('GET', HISTORY_API.timeline(mapId));
    expect(res.status).toBe(200);
    expect(res.body.lastSeq).toBe(last);
    expect(res.body.entries.map((e: number[]) => e[0])).toEqual(Array.from({ length: last }, (_, i) => i + 1));
    const authorOf = (i: number) => res.body.authors[res.body.entries[i][2]];
    expect(authorOf(0)).toEqual({ id: owner.userId, name: 'Olive' });
    expect(authorOf(last - 1)).toEqual({ id: ana.userId, name: 'Ana' });
    expect(res.body.snapshots.map((s: { name: string }) => s.name)).toContain('Marker');
    expect(res.body.sessions).toEqual([]);
  });

  it('automatic snapshots age out after 90 days unless someone named them; those taken by hand stay', async () => {
    const owner = await signUp(ctx.server.url, 'Olive');
    const mapId = await createMapAs(owner, 'Ageing');
    const peer = open(ctx.server, mapId, owner);
    await addCard(peer, 'One');
    const manual = (await owner.api('POST', HISTORY_API.snapshots(mapId), { name: 'By hand' })).body.snapshot;
    const pete = await signUp(ctx.server.url, 'Pete');
    await addMember(owner, mapId, pete, 'editor');
    // One at a time: no live session (whose snapshot would be taken when it ends, after the jump).
    peer.destroy();
    await waitFor(async () => {
      const res = await owner.api('GET', HISTORY_API.catchUp(mapId));
      return res.body.sinceSeq === res.body.lastSeq && res.body.sinceSeq > 1;
    }, 'the server has seen Olive leave');
    const second = open(ctx.server, mapId, pete);
    await addCard(second, 'Two');
    const restore = await owner.api('POST', HISTORY_API.restore(mapId, manual.id), {});
    expect(restore.status).toBe(200);
    const all = (await owner.api('GET', HISTORY_API.snapshots(mapId))).body.snapshots as {
      id: string;
      reason: string | null;
    }[];
    const daily = all.find((s) => s.reason === 'daily')!;
    expect(daily).toBeDefined();
    await owner.api('PATCH', HISTORY_API.snapshot(mapId, daily.id), { name: 'Named, so kept' });
    second.destroy();

    advance(91 * 24 * HOUR);
    await ctx.restart();
    // The session cookie has expired meanwhile: sign in again.
    const login = await request(ctx.server.url, 'POST', '/api/auth/login', {
      email: owner.email,
      password: owner.password,
    });
    expect(login.status).toBe(200);
    const cookie = sessionCookieFrom(login.headers)!;
    const after = await request(ctx.server.url, 'GET', HISTORY_API.snapshots(mapId), undefined, { cookie });
    expect(after.body.snapshots.map((s: { id: string }) => s.id).sort()).toEqual([manual.id, daily.id].sort());
    expect(all.map((s) => s.reason)).toEqual(expect.arrayContaining(['restore', 'daily', null]));
  });
});

describe('changes the server makes', () => {
  const ctx = useTestServer({ clock, history: { sessionEndAfterMs: 100 } });

  it('are Loopmap’s in the history and the timeline, and never news in catch-up', async () => {
    const owner = await signUp(ctx.server.url, 'Olive');
    const mapId = await createMapAs(owner, 'Cleanup');
    const ana = await signUp(ctx.server.url, 'Ana');
    const ben = await signUp(ctx.server.url, 'Ben');
    await addMember(owner, mapId, ana, 'editor');
    await addMember(owner, mapId, ben, 'editor');
    const anaPeer = open(ctx.server, mapId, ana);
    const benPeer = open(ctx.server, mapId, ben);
    const source = await addCard(anaPeer, 'Source');
    const target = await addCard(anaPeer, 'Target', 'impact', 200);
    await waitFor(() => readNodes(benPeer.doc).length === 2, 'Ben has both cards');
    // Olive has been here and left: her catch-up starts now.
    const olive = open(ctx.server, mapId, owner);
    await olive.whenSynced();
    const arrived = await waitFor(
      async () => (await owner.api('GET', HISTORY_API.catchUp(mapId))).body.since,
      'Olive arrives',
    );
    advance(60_000);
    olive.destroy();
    await waitFor(
      async () => (await owner.api('GET', HISTORY_API.catchUp(mapId))).body.since !== arrived,
      'Olive’s leaving is recorded',
    );

    // Ana links the cards offline while Ben deletes the target: the server removes the dangling link.
    anaPeer.provider.disconnect();
    await waitFor(() => !anaPeer.provider.wsconnected, 'Ana is offline');
    connect(anaPeer.doc, { source, target }, by('Ana'));
    await edit(benPeer, (doc) => removeNodes(doc, [target], by('Ben')));
    anaPeer.provider.connect();
    await anaPeer.whenSaved();
    const entries = await waitFor(async () => {
      const res = await owner.api('GET', HISTORY_API.history(mapId));
      const found = res.body.entries.filter((e: { author: { id: string } }) => e.author.id === 'system');
      return found.length > 0 ? res.body.entries : null;
    }, 'the server’s cleanup is in the history');
    const system = entries.find((e: { author: { id: string } }) => e.author.id === 'system');
    expect(system.author).toEqual({ id: 'system', name: 'Loopmap' });
    expect(toMapJSON(benPeer.doc).edges).toEqual([]);

    const timeline = await owner.api('GET', HISTORY_API.timeline(mapId));
    expect(timeline.body.authors).toContainEqual({ id: 'system', name: 'Loopmap' });
    const catchUp = await owner.api('GET', HISTORY_API.catchUp(mapId));
    expect(catchUp.body.authors.map((a: { name: string }) => a.name)).toEqual(['Ben', 'Ana']);
    expect(catchUp.body.changes).toBe(2);
  });
});

describe('live sessions over reconnects and restarts', () => {
  // Long enough for a reconnect to land within it, short enough to wait out.
  const ctx = useTestServer({ clock, history: { sessionEndAfterMs: 1_500 } });

  async function pair(): Promise<{ owner: Actor; mapId: string; ana: Actor; ben: Actor }> {
    const owner = await signUp(ctx.server.url, 'Olive');
    const mapId = await createMapAs(owner, 'Call map');
    const ana = await signUp(ctx.server.url, 'Ana');
    const ben = await signUp(ctx.server.url, 'Ben');
    await addMember(owner, mapId, ana, 'editor');
    await addMember(owner, mapId, ben, 'editor');
    return { owner, mapId, ana, ben };
  }

  it('a dropped connection that comes back within the grace period stays one session', async () => {
    const { owner, mapId, ana, ben } = await pair();
    const anaPeer = open(ctx.server, mapId, ana);
    let benPeer = open(ctx.server, mapId, ben);
    // Ben's arrival is recorded (at this seq) before anything changes.
    await benPeer.whenSynced();
    await addCard(anaPeer, 'Before the drop');
    benPeer.destroy();
    // Ben's leaving is recorded (his visit moves to the end) before he comes back.
    await waitFor(async () => {
      const res = await ben.api('GET', HISTORY_API.catchUp(mapId));
      return res.body.sinceSeq === res.body.lastSeq && res.body.sinceSeq > 1;
    }, 'the server has seen Ben leave');
    benPeer = open(ctx.server, mapId, ben);
    await addCard(benPeer, 'After the drop', 'output', 100);
    // Proving that something does not happen takes waiting past when it would have.
    await new Promise((resolve) => setTimeout(resolve, 1_700));
    const open1 = (await owner.api('GET', HISTORY_API.sessions(mapId))).body.sessions;
    expect(open1).toHaveLength(1);
    expect(open1[0]).toMatchObject({ endedAt: null, changes: 2 });

    benPeer.destroy();
    const ended = await waitFor(async () => {
      const res = await owner.api('GET', HISTORY_API.sessions(mapId));
      return res.body.sessions.length === 1 && res.body.sessions[0].endedAt !== null ? res.body.sessions[0] : null;
    }, 'the one session ends');
    expect(ended.changes).toBe(2);
    expect(ended.participants.map((p: { name: string }) => p.name).sort()).toEqual(['Ana', 'Ben']);
  });

  it('a session still open when the server stops is recorded, with its snapshot', async () => {
    const { owner, mapId, ana, ben } = await pair();
    const anaPeer = open(ctx.server, mapId, ana);
    const benPeer = open(ctx.server, mapId, ben);
    await benPeer.whenSynced();
    await addCard(anaPeer, 'Said in the call');
    await ctx.restart();
    const res = await request(ctx.server.url, 'GET', HISTORY_API.sessions(mapId), undefined, { cookie: owner.cookie });
    expect(res.body.sessions).toHaveLength(1);
    const [session] = res.body.sessions;
    expect(session).toMatchObject({ changes: 1, endedAt: expect.any(String), snapshotId: expect.any(String) });
    const snapshot = await request(ctx.server.url, 'GET', HISTORY_API.snapshot(mapId, session.snapshotId), undefined, {
      cookie: owner.cookie,
    });
    expect(labels(snapshot.body.map)).toEqual(['Said in the call']);
  });
});

describe('the history index and its checkpoints', () => {
  const ctx = useTestServer({
    clock,
    history: { sessionEndAfterMs: 100, checkpoints: { minUpdates: 5, minSpacing: 20, growth: 1_000 } },
    rooms: { compactEvery: 7, compactDebounceMs: 10, compactMaxWaitMs: 50 },
  });

  /** Many edits of every kind by a peer: adds, renames, narratives, moves, links, removals. */
  async function editALot(peer: TestPeer, count: number, seed: number): Promise<void> {
    const next = seededRandom(seed);
    const who = by(peer.name);
    for (let i = 0; i < count; i++) {
      const nodes = readNodes(peer.doc);
      const pick = (): NodeId => nodes[Math.floor(next() * nodes.length)]!.id as NodeId;
      const roll = nodes.length < 3 ? 0 : next();
      await edit(peer, (doc) => {
        if (roll < 0.3) addNode(doc, { kind: 'outcome', label: `Card ${i}`, x: i * 10, y: 0 }, who);
        else if (roll < 0.45) setNodeLabel(doc, pick(), `Renamed ${i}`, who);
        else if (roll < 0.6) setNodeNarrative(doc, pick(), `Narrative ${i} `.repeat(1 + (i % 4)), who);
        else if (roll < 0.72) moveNodes(doc, [{ id: pick(), x: i, y: i * 2 }], who);
        else if (roll < 0.87) connect(doc, { source: pick(), target: pick() }, who);
        else removeNodes(doc, [pick()], who);
      });
    }
  }

  /** The oracle: the raw log replayed through Yjs up to each seq, as shared's toMapJSON reads it. */
  async function replayedStates(actor: Actor, mapId: string): Promise<MapJSON[]> {
    const res = await actor.api('GET', HISTORY_API.updates(mapId));
    const doc = new Y.Doc();
    const states: MapJSON[] = [toMapJSON(doc)];
    for (const update of res.body.updates) {
      Y.applyUpdate(doc, Buffer.from(update.data, 'base64'));
      states[update.seq] = toMapJSON(doc);
    }
    doc.destroy();
    return states;
  }

  /** The same signed-in person, talking to the server restarted on a new port. */
  const rebind = (actor: Actor, baseUrl: string): Actor => ({
    ...actor,
    baseUrl,
    api: (method, path, body, headers = {}) =>
      request(baseUrl, method, path, body, { cookie: actor.cookie, ...headers }),
  });

  function checkpointRows(dir: string, mapId: string): number {
    const db = new Database(join(dir, 'loopmap.sqlite'), { readonly: true });
    try {
      return (db.prepare('SELECT COUNT(*) AS n FROM doc_checkpoints WHERE map_id = ?').get(mapId) as { n: number }).n;
    } finally {
      db.close();
    }
  }

  async function expectStatesMatch(actor: Actor, mapId: string, oracle: MapJSON[], seqs: number[]): Promise<void> {
    for (const seq of seqs) expect(await stateAt(actor, mapId, seq), `state at ${seq}`).toEqual(oracle[seq]);
  }

  it('state at any seq equals replaying the raw log, from checkpoints, and again after the index is rebuilt', async () => {
    let owner = await signUp(ctx.server.url, 'Olive');
    const mapId = await createMapAs(owner, 'Busy map');
    const peer = open(ctx.server, mapId, owner);
    await editALot(peer, 90, 8);
    const live = toMapJSON(peer.doc);
    peer.destroy();
    await waitFor(() => !ctx.server.rooms.isLoaded(mapId), 'the room closes', 15_000);

    const oracle = await replayedStates(owner, mapId);
    const last = oracle.length - 1;
    // Some random edits are refused by their operation (a self-link, a duplicate) and log nothing.
    expect(last).toBeGreaterThan(60);
    expect(oracle[last]).toEqual(live);
    expect(checkpointRows(ctx.dir, mapId)).toBeGreaterThan(1);

    const next = seededRandom(42);
    const sample = [0, 1, last, ...Array.from({ length: 30 }, () => Math.floor(next() * (last + 1)))];
    await expectStatesMatch(owner, mapId, oracle, sample);

    // Cold: a new process reads the checkpoints from the file, with nothing cached.
    await ctx.restart();
    owner = rebind(owner, ctx.server.url);
    await expectStatesMatch(owner, mapId, oracle, sample.reverse());

    // The index lost by hand (as for a map logged before it existed) is rebuilt from the log.
    const historyBefore = (await owner.api('GET', HISTORY_API.history(mapId, { limit: 20 }))).body;
    await ctx.server.close();
    const db = new Database(join(ctx.dir, 'loopmap.sqlite'));
    for (const table of ['doc_changes', 'doc_change_targets', 'doc_checkpoints']) {
      db.prepare(`DELETE FROM ${table} WHERE map_id = ?`).run(mapId);
    }
    db.close();
    expect(checkpointRows(ctx.dir, mapId)).toBe(0);
    await ctx.restart();
    owner = rebind(owner, ctx.server.url);
    await expectStatesMatch(owner, mapId, oracle, sample);
    expect(checkpointRows(ctx.dir, mapId)).toBeGreaterThan(1);
    expect((await owner.api('GET', HISTORY_API.history(mapId, { limit: 20 }))).body).toEqual(historyBefore);
    // And the map still opens and takes edits on top of its rebuilt index.
    const back = open(ctx.server, mapId, owner);
    await back.whenSynced();
    expect(toMapJSON(back.doc)).toEqual(live);
    await addCard(back, 'After the rebuild');
    expect(await stateAt(owner, mapId, 'now')).toEqual(toMapJSON(back.doc));
  });
});
