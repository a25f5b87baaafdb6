import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HISTORY_API, readNode, readNodes, type MapJSON, type NodeView } from '@loopmap/shared';
import type { RunningServer } from '@loopmap/server';
import { connectPeer } from './support/peers.ts';
import { removeDir, startTestServer, tempDataDir } from './support/servers.ts';
import { addMember, signUp, type Actor } from './support/accounts.ts';
import { waitFor } from './support/waitFor.ts';

/**
 * Course-correction reviews on the real server and SQLite file: a facilitator starts a review
 * of the worked learning-community map, the group re-rates an assumption, records a decision
 * and a lesson, closes it; the re-rating and the lesson land on the map itself, live.
 */
describe('course-correction reviews', () => {
  let dir: string;
  let server: RunningServer;
  let owner: Actor;
  let facilitator: Actor;
  let editor: Actor;
  let viewer: Actor;
  let mapId: string;
  let map: MapJSON;

  beforeAll(async () => {
    dir = tempDataDir();
    server = await startTestServer(dir);
    owner = await signUp(server.url, 'Olu');
    facilitator = await signUp(server.url, 'Fatima');
    editor = await signUp(server.url, 'Ana');
    viewer = await signUp(server.url, 'Vic');
    const created = await owner.api('POST', '/api/maps', { title: 'Peer learning', template: 'learning-community' });
    mapId = created.body.map.id;
    await addMember(owner, mapId, facilitator, 'facilitator');
    await addMember(owner, mapId, editor, 'editor');
    await addMember(owner, mapId, viewer, 'viewer');
    map = (await owner.api('GET', HISTORY_API.state(mapId, 'now'))).body.map;
  });
  afterAll(async () => {
    await server.close();
    removeDir(dir);
  });

  it('walks the three loops: re-rating, decision and lesson, written on the map and closed with a snapshot', async () => {
    const assumption = map.nodes.find((n) => n.kind === 'assumption')!;
    const outcome = map.nodes.find((n) => n.kind === 'outcome')!;
    const peer = connectPeer(server.url, mapId, 'Ana', { cookie: editor.cookie });
    await peer.whenSynced();

    // Only owners and facilitators start one; editors cannot, viewers cannot.
    expect((await editor.api('POST', HISTORY_API.reviews(mapId), { title: 'Q1' })).status).toBe(403);
    const started = await facilitator.api('POST', HISTORY_API.reviews(mapId), { title: 'Q1 review' });
    expect(started.status).toBe(201);
    const rid = started.body.review.id as string;
    expect(started.body.review).toMatchObject({ status: 'open', from: { seq: 1 }, to: null });

    // An editor re-rates an assumption: it lands on the card itself, live for the connected peer.
    const rating = await editor.api('POST', HISTORY_API.ratings(mapId, rid), {
      assumption: assumption.id,
      status: 'broken',
      note: 'Peers did not come back',
    });
    expect(rating.status).toBe(201);
    await waitFor(() => {
      const card = readNode(assumption.id, peer.doc.getMap('nodes').get(assumption.id)) as NodeView;
      return card.reviews.at(-1)?.status === 'broken' && card.reviews.at(-1)?.note === 'Peers did not come back';
    }, 'the re-rating on the assumption card, live');

    const decision = await editor.api('POST', HISTORY_API.decisions(mapId, rid), {
      text: 'Pair each new peer with a buddy',
      owner: facilitator.userId,
      due: '2026-06-30',
      cards: [outcome.id],
    });
    expect(decision.status).toBe(201);
    expect(decision.body.decision).toMatchObject({ owner: { id: facilitator.userId, name: 'Fatima' }, status: 'open' });
    const done = await editor.api('PATCH', HISTORY_API.decision(mapId, rid, decision.body.decision.id), {
      status: 'in-progress',
    });
    expect(done.body.decision.status).toBe('in-progress');

    const lesson = await editor.api('POST', HISTORY_API.lessons(mapId, rid), {
      loop: 'double',
      text: 'Trust comes before sharing failures',
      card: outcome.id,
    });
    expect(lesson.status).toBe(201);
    const cardId = lesson.body.lesson.cardId as string;
    await waitFor(() => {
      const card = readNode(cardId, peer.doc.getMap('nodes').get(cardId));
      return (
        card?.kind === 'lesson' && card.fields.loop === 'double' && card.label === 'Trust comes before sharing failures'
      );
    }, 'the lesson card, live');

    // It stands beside the card it is about without covering any card.
    const cards = readNodes(peer.doc).filter((n) => n.attachedTo === null && n.id !== cardId);
    const lessonCard = readNode(cardId, peer.doc.getMap('nodes').get(cardId))!;
    expect(lessonCard.x).toBeGreaterThan(outcome.x);
    expect(cards.filter((n) => Math.abs(n.x - lessonCard.x) < 220 && Math.abs(n.y - lessonCard.y) < 84)).toEqual([]);

    const noted = await editor.api('PATCH', HISTORY_API.review(mapId, rid), { notes: { single: 'Calls ran on time' } });
    expect(noted.body.review.notes).toEqual({ single: 'Calls ran on time', double: '', triple: '' });
    // Closing is the facilitator's: it snapshots the map as the review left it.
    expect((await editor.api('PATCH', HISTORY_API.review(mapId, rid), { status: 'closed' })).status).toBe(403);
    const closed = await facilitator.api('PATCH', HISTORY_API.review(mapId, rid), { status: 'closed' });
    expect(closed.status).toBe(200);
    const review = closed.body.review;
    expect(review.status).toBe('closed');
    expect(review.to.snapshotId).toMatch(/^snap_/);
    expect(review.participants.map((p: { name: string }) => p.name).sort()).toEqual(['Ana', 'Fatima']);
    expect(review.ratings).toHaveLength(1);
    expect(review.lessons).toHaveLength(1);
    expect(review.decisions).toHaveLength(1);
    const snapshots = (await viewer.api('GET', HISTORY_API.snapshots(mapId))).body.snapshots;
    expect(snapshots.find((s: { id: string }) => s.id === review.to.snapshotId)).toMatchObject({
      reason: 'review',
      name: 'Review: Q1 review',
    });
    // A closed review takes nothing more until reopened.
    const late = await editor.api('POST', HISTORY_API.decisions(mapId, rid), { text: 'Too late' });
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('conflict');

    // The next review starts where this one ended, and both show on the timeline.
    const next = await owner.api('POST', HISTORY_API.reviews(mapId), { title: 'Q2 review' });
    expect(next.body.review.from).toMatchObject({ seq: review.to.seq, snapshotId: review.to.snapshotId });
    const timelineResponse = await viewer.api('GET', HISTORY_API.timeline(mapId));
    // Long histories make large answers: they travel compressed.
    expect(timelineResponse.headers.get('content-encoding')).toBe('gzip');
    const timeline = timelineResponse.body;
    expect(timeline.reviews.map((r: { title: string }) => r.title).sort()).toEqual(['Q1 review', 'Q2 review']);
    peer.destroy();
  });

  it('builds the shared-forward digest per home organisation, and reads for viewers only', async () => {
    expect(
      (await editor.api('PATCH', HISTORY_API.myMembership(mapId), { organisation: 'City of Lisbon' })).status,
    ).toBe(200);
    await facilitator.api('PATCH', HISTORY_API.myMembership(mapId), { organisation: 'Sport for Good' });
    const rid = (await facilitator.api('POST', HISTORY_API.reviews(mapId), { title: 'Digest review' })).body.review.id;
    await editor.api('POST', HISTORY_API.decisions(mapId, rid), { text: 'Host the next call', owner: editor.userId });
    await editor.api('POST', HISTORY_API.lessons(mapId, rid), { loop: 'triple', text: 'Ask who decides' });
    expect((await viewer.api('POST', HISTORY_API.lessons(mapId, rid), { loop: 'single', text: 'x' })).status).toBe(403);

    const digest = await viewer.api('GET', HISTORY_API.digest(mapId, [rid]));
    expect(digest.status).toBe(200);
    const lisbon = digest.body.organisations.find((o: { organisation: string }) => o.organisation === 'City of Lisbon');
    expect(lisbon.people.map((p: { name: string }) => p.name)).toEqual(['Ana']);
    expect(lisbon.decisions.map((d: { text: string }) => d.text)).toEqual(['Host the next call']);
    expect(lisbon.lessons.map((l: { text: string }) => l.text)).toEqual(['Ask who decides']);
    const sport = digest.body.organisations.find((o: { organisation: string }) => o.organisation === 'Sport for Good');
    expect(sport.decisions).toEqual([]);
    expect(sport.lessons.map((l: { text: string }) => l.text)).toEqual(['Ask who decides']);

    expect((await viewer.api('GET', HISTORY_API.digest(mapId, ['rev_nope']))).status).toBe(404);
    expect((await viewer.api('GET', `/api/maps/${mapId}/digest`)).status).toBe(400);
  });

  it('shows each partner’s health per dimension across versions', async () => {
    const created = await owner.api('POST', '/api/maps', { title: 'Network', template: 'partnership' });
    const id = created.body.map.id as string;
    await owner.api('POST', HISTORY_API.snapshots(id), { name: 'Baseline' });
    const trend = await owner.api('GET', HISTORY_API.healthTrend(id));
    expect(trend.status).toBe(200);
    expect(trend.body.points.map((p: { label: string }) => p.label)).toEqual(['Baseline', 'Now']);
    expect(trend.body.partners.length).toBeGreaterThan(0);
    const rated = trend.body.partners.find((p: { series: Record<string, (string | null)[]> }) =>
      Object.values(p.series).some((values) => values.some((v) => v !== null)),
    );
    expect(rated).toBeDefined();
  });

  it('refuses bad input with a clear error', async () => {
    const rid = (await facilitator.api('POST', HISTORY_API.reviews(mapId), { title: 'Bad input' })).body.review.id;
    const cases: [string, string, unknown, number][] = [
      ['POST', HISTORY_API.reviews(mapId), { title: '' }, 400],
      ['POST', HISTORY_API.reviews(mapId), { title: 'x', from: 'not a point!' }, 400],
      ['POST', HISTORY_API.ratings(mapId, rid), { assumption: 'missing', status: 'holds' }, 404],
      ['POST', HISTORY_API.ratings(mapId, rid), { assumption: map.nodes[0]!.id, status: 'maybe' }, 400],
      ['POST', HISTORY_API.decisions(mapId, rid), { text: 'x', due: '2026-02-30' }, 400],
      ['POST', HISTORY_API.lessons(mapId, rid), { loop: 'quadruple', text: 'x' }, 400],
      ['PATCH', HISTORY_API.decision(mapId, rid, 'dec_nope'), { status: 'done' }, 404],
      ['GET', HISTORY_API.review(mapId, 'rev_nope'), undefined, 404],
    ];
    for (const [method, path, body, status] of cases) {
      const res = await facilitator.api(method, path, body);
      expect(res.status, `${method} ${path} ${JSON.stringify(body)}`).toBe(status);
      expect(res.body.error.message.length).toBeGreaterThan(0);
    }
  });
});
