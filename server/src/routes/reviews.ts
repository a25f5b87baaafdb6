import { Hono } from 'hono';
import {
  HEALTH_DIMENSIONS,
  addEntry,
  addNode,
  cardTitle,
  createDecisionBodySchema,
  createLessonBodySchema,
  createOrigin,
  createRatingBodySchema,
  createReviewBodySchema,
  latestHealth,
  localDate,
  randomId,
  updateDecisionBodySchema,
  updateReviewBodySchema,
  type DecisionView,
  type DigestResponse,
  type HealthTrendResponse,
  type LessonView,
  type NodeId,
  type PersonView,
  type RatingView,
  type ReviewView,
} from '@loopmap/shared';
import type { Store } from '../storage/Store.ts';
import type { DecisionRecord, FullReviewRecord, LessonRecord, RatingRecord } from '../storage/ReviewStore.ts';
import type { AuthEnv } from '../auth/identity.ts';
import { authorizeMap } from '../auth/middleware.ts';
import type { RoomManager } from '../collab/RoomManager.ts';
import type { Clock } from '../clock.ts';
import type { MapHistory } from '../history/MapHistory.ts';
import { ApiError, readJsonBody } from '../http/errors.ts';
import { iso, people, pointView } from './historyViews.ts';
import type { ExportRunner } from '../export/ExportPool.ts';
import { documentFormat, download, exportLanguage, runExport } from './exports.ts';
import { translatorFor } from '../i18n.ts';

export interface ReviewRoutesDeps {
  store: Store;
  rooms: RoomManager;
  history: MapHistory;
  clock: Clock;
  /** Where review documents are rendered (the export workers). */
  exporter: ExportRunner;
}

/** A card's footprint with a margin (cards are about 220 × 84): closer than this, two overlap. */
const CARD_GAP = { x: 240, y: 110 };

/** How many versions the health trend samples at most (the latest ones, then now). */
const TREND_POINTS = 12;

/**
 * Course-correction reviews (shared/src/api/history.ts): owners and facilitators start and close
 * them, editors contribute notes, decisions, lessons and assumption re-ratings, everyone reads.
 * Reviews are stored beside the map; re-ratings and lessons are also written into the map itself,
 * through its room, as dated reviews on the assumption cards and as lesson cards.
 */
export function reviewRoutes({ store, rooms, history, clock, exporter }: ReviewRoutesDeps): Hono<AuthEnv> {
  const app = new Hono<AuthEnv>();

  async function reviewView(review: FullReviewRecord): Promise<ReviewView> {
    const ids = [
      review.createdBy,
      ...review.participants,
      ...review.decisions.flatMap((d) => [d.createdBy, ...(d.ownerId ? [d.ownerId] : [])]),
      ...review.lessons.map((l) => l.createdBy),
      ...review.ratings.map((r) => r.createdBy),
    ];
    const person = await people(store, ids);
    const organisations = await store.reviews.organisations(review.mapId);
    const from = { seq: review.fromSeq, at: await store.history.timeOf(review.mapId, review.fromSeq) };
    const to =
      review.toSeq === null ? null : { seq: review.toSeq, at: await store.history.timeOf(review.mapId, review.toSeq) };
    return {
      id: review.id,
      title: review.title,
      status: review.status,
      from: { ...pointView(from), ...(review.fromSnapshotId ? { snapshotId: review.fromSnapshotId } : {}) },
      to: to ? { ...pointView(to), ...(review.toSnapshotId ? { snapshotId: review.toSnapshotId } : {}) } : null,
      notes: review.notes,
      participants: review.participants.map((id) => ({ ...person(id), organisation: organisations.get(id) ?? null })),
      decisions: review.decisions.map((d) => decisionView(d, person)),
      lessons: review.lessons.map((l) => lessonView(l, person)),
      ratings: review.ratings.map((r) => ratingView(r, person)),
      createdAt: iso(review.createdAt),
      createdBy: person(review.createdBy),
      closedAt: review.closedAt === null ? null : iso(review.closedAt),
    };
  }

  /**
   * The "shared forward" digest of some reviews: each peer carries back the lessons of the
   * reviews they took part in and the decisions they own, grouped by home organisation.
   */
  async function digestOf(
    mapId: string,
    reviews: readonly FullReviewRecord[],
  ): Promise<DigestResponse['organisations']> {
    const organisations = await store.reviews.organisations(mapId);
    const person = await people(
      store,
      reviews.flatMap((r) => [
        ...r.participants,
        ...r.decisions.flatMap((d) => [d.createdBy, ...(d.ownerId ? [d.ownerId] : [])]),
        ...r.lessons.map((l) => l.createdBy),
      ]),
    );
    const groups = new Map<string | null, DigestResponse['organisations'][number]>();
    const groupOf = (org: string | null) => {
      let group = groups.get(org);
      if (!group) groups.set(org, (group = { organisation: org, people: [], decisions: [], lessons: [] }));
      return group;
    };
    for (const review of reviews) {
      for (const userId of review.participants) {
        const group = groupOf(organisations.get(userId) ?? null);
        if (!group.people.some((p) => p.id === userId)) group.people.push(person(userId));
        for (const lesson of review.lessons) {
          if (!group.lessons.some((l) => l.id === lesson.id)) {
            group.lessons.push({ ...lessonView(lesson, person), reviewId: review.id });
          }
        }
      }
      for (const decision of review.decisions) {
        const group = groupOf(decision.ownerId ? (organisations.get(decision.ownerId) ?? null) : null);
        group.decisions.push({ ...decisionView(decision, person), reviewId: review.id });
      }
    }
    return [...groups.values()].sort((a, b) =>
      a.organisation === null ? 1 : b.organisation === null ? -1 : a.organisation.localeCompare(b.organisation),
    );
  }

  async function reviewOr404(mapId: string, rid: string): Promise<FullReviewRecord> {
    const review = await store.reviews.getReview(mapId, rid);
    if (!review) throw new ApiError(404, 'not_found', 'review not found');
    return review;
  }

  /** A review to add to: open, and the caller now takes part in it. */
  async function openReview(mapId: string, rid: string, userId: string): Promise<FullReviewRecord> {
    const review = await reviewOr404(mapId, rid);
    if (review.status === 'closed')
      throw new ApiError(409, 'conflict', 'this review is closed: reopen it to add to it');
    await store.reviews.addParticipant(review.id, userId, clock.now());
    return review;
  }

  async function reply(c: { json: (body: unknown, status?: 200 | 201) => Response }, mapId: string, rid: string) {
    return c.json({ review: await reviewView(await reviewOr404(mapId, rid)) });
  }

  app.get('/:id/reviews', async (c) => {
    const { map } = await authorizeMap(c, store, c.req.param('id'), 'map.read');
    const reviews = await store.reviews.listReviews(map.id);
    return c.json({ reviews: await Promise.all(reviews.map(reviewView)) });
  });

  app.post('/:id/reviews', async (c) => {
    const { map, auth } = await authorizeMap(c, store, c.req.param('id'), 'reviews.run');
    const body = await readJsonBody(c, createReviewBodySchema);
    // Usually a review looks back to the last one: from its closing snapshot, else the start.
    const previous = (await store.reviews.listReviews(map.id)).find((r) => r.toSeq !== null);
    let from: { seq: number; snapshotId: string | null } = { seq: 1, snapshotId: null };
    if (body.from) {
      const point = await history.resolvePoint(map.id, body.from);
      from = { seq: point.seq, snapshotId: point.snapshot?.id ?? null };
    } else if (previous) {
      from = { seq: previous.toSeq!, snapshotId: previous.toSnapshotId };
    }
    const id = `rev_${randomId()}`;
    await store.reviews.createReview({
      id,
      mapId: map.id,
      title: body.title,
      status: 'open',
      fromSeq: from.seq,
      fromSnapshotId: from.snapshotId,
      toSeq: null,
      toSnapshotId: null,
      notes: { single: '', double: '', triple: '' },
      createdBy: auth.user.id,
      createdAt: clock.now(),
      closedAt: null,
    });
    return c.json({ review: await reviewView(await reviewOr404(map.id, id)) }, 201);
  });

  app.get('/:id/reviews/:rid', async (c) => {
    const { map } = await authorizeMap(c, store, c.req.param('id'), 'map.read');
    return reply(c, map.id, c.req.param('rid'));
  });

  app.patch('/:id/reviews/:rid', async (c) => {
    const body = await readJsonBody(c, updateReviewBodySchema);
    // Notes are everyone's contribution; the title and closing are the facilitator's.
    const needs = body.title !== undefined || body.status !== undefined ? 'reviews.run' : 'reviews.contribute';
    const { map, auth } = await authorizeMap(c, store, c.req.param('id'), needs);
    const review = await reviewOr404(map.id, c.req.param('rid'));
    if (review.status === 'closed' && body.status !== 'open') {
      throw new ApiError(409, 'conflict', 'this review is closed: reopen it to change it');
    }
    await store.reviews.addParticipant(review.id, auth.user.id, clock.now());
    const patch: Parameters<typeof store.reviews.updateReview>[2] = {};
    if (body.title !== undefined) patch.title = body.title;
    if (body.notes !== undefined) patch.notes = { ...review.notes, ...body.notes };
    if (body.status === 'closed' && review.status === 'open') {
      // Closing records where the review left the map: its "to" point, a snapshot of now.
      const seq = await rooms.settledSeq(map.id);
      const snapshot = await history.takeSnapshot({
        mapId: map.id,
        seq,
        name: `Review: ${body.title ?? review.title}`,
        reason: 'review',
        by: auth.user.id,
      });
      Object.assign(patch, { status: 'closed', toSeq: seq, toSnapshotId: snapshot.id, closedAt: clock.now() });
    } else if (body.status === 'open' && review.status === 'closed') {
      Object.assign(patch, { status: 'open', toSeq: null, toSnapshotId: null, closedAt: null });
    }
    await store.reviews.updateReview(map.id, review.id, patch);
    return reply(c, map.id, review.id);
  });

  app.post('/:id/reviews/:rid/decisions', async (c) => {
    const { map, auth } = await authorizeMap(c, store, c.req.param('id'), 'reviews.contribute');
    const body = await readJsonBody(c, createDecisionBodySchema);
    const review = await openReview(map.id, c.req.param('rid'), auth.user.id);
    const owner = await decisionOwner(map.id, body.owner);
    const decision: DecisionRecord = {
      id: `dec_${randomId()}`,
      reviewId: review.id,
      text: body.text,
      ownerId: owner.id,
      ownerName: owner.name,
      due: body.due ?? null,
      status: body.status,
      cards: body.cards,
      createdBy: auth.user.id,
      createdAt: clock.now(),
    };
    await store.reviews.insertDecision(decision);
    const person = await people(store, [auth.user.id, ...(owner.id ? [owner.id] : [])]);
    return c.json({ decision: decisionView(decision, person) }, 201);
  });

  /** A decision's owner: a member of the map by id, or anyone by name. */
  async function decisionOwner(mapId: string, owner: string): Promise<{ id: string | null; name: string }> {
    if (owner === '') return { id: null, name: '' };
    const member = (await store.listMembers(mapId)).find((m) => m.userId === owner);
    return member ? { id: member.userId, name: member.name } : { id: null, name: owner };
  }

  app.patch('/:id/reviews/:rid/decisions/:did', async (c) => {
    const { map, auth } = await authorizeMap(c, store, c.req.param('id'), 'reviews.contribute');
    const body = await readJsonBody(c, updateDecisionBodySchema);
    const review = await openReview(map.id, c.req.param('rid'), auth.user.id);
    const owner = body.owner === undefined ? undefined : await decisionOwner(map.id, body.owner);
    const found = await store.reviews.updateDecision(review.id, c.req.param('did'), {
      text: body.text,
      ownerId: owner?.id,
      ownerName: owner?.name,
      due: body.due,
      status: body.status,
      cards: body.cards,
    });
    if (!found) throw new ApiError(404, 'not_found', 'decision not found');
    const updated = (await reviewOr404(map.id, review.id)).decisions.find((d) => d.id === c.req.param('did'))!;
    return c.json({ decision: decisionView(updated, await people(store, [updated.createdBy, updated.ownerId ?? ''])) });
  });

  app.delete('/:id/reviews/:rid/decisions/:did', async (c) => {
    const { map, auth } = await authorizeMap(c, store, c.req.param('id'), 'reviews.contribute');
    const review = await openReview(map.id, c.req.param('rid'), auth.user.id);
    if (!(await store.reviews.deleteDecision(review.id, c.req.param('did')))) {
      throw new ApiError(404, 'not_found', 'decision not found');
    }
    return c.body(null, 204);
  });

  app.post('/:id/reviews/:rid/lessons', async (c) => {
    const { map, auth } = await authorizeMap(c, store, c.req.param('id'), 'reviews.contribute');
    const body = await readJsonBody(c, createLessonBodySchema);
    const review = await openReview(map.id, c.req.param('rid'), auth.user.id);
    // The lesson becomes a card on the map, tagged with its loop, beside the card it is about
    // (or to the right of the map), written through the room so everyone sees it appear.
    const cardId = await rooms.withRoom(map.id, async (room) => {
      const state = room.recorder.current;
      const about = body.card ? state.nodes.get(body.card) : undefined;
      if (body.card && !about) throw new ApiError(404, 'not_found', 'the card this lesson is about is not on the map');
      // Beside the card it is about (else right of the map), moved down until it covers no card.
      const cards = [...state.nodes.values()].filter((n) => n.attachedTo === undefined && n.kind !== 'group');
      const x = about ? about.x + 280 : cards.length > 0 ? Math.max(...cards.map((n) => n.x)) + 320 : 0;
      let y = about ? about.y : cards.length > 0 ? Math.min(...cards.map((n) => n.y)) : 0;
      const covers = (cx: number, cy: number): boolean =>
        cards.some((n) => Math.abs(n.x - cx) < CARD_GAP.x && Math.abs(n.y - cy) < CARD_GAP.y);
      for (let tries = 0; tries < 200 && covers(x, y); tries++) y += CARD_GAP.y;
      let id = '' as NodeId;
      await room.change((doc) => {
        id = addNode(
          doc,
          {
            kind: 'lesson',
            label: body.text.slice(0, 2000),
            x,
            y,
            narrative: `From the review “${review.title}” (${localDate(new Date(clock.now()))}).`,
            fields: { loop: body.loop },
          },
          createOrigin('server', auth.user.id),
        );
      });
      return id;
    });
    const lesson: LessonRecord = {
      id: `les_${randomId()}`,
      reviewId: review.id,
      loop: body.loop,
      text: body.text,
      cardId,
      createdBy: auth.user.id,
      createdAt: clock.now(),
    };
    await store.reviews.insertLesson(lesson);
    return c.json({ lesson: lessonView(lesson, await people(store, [auth.user.id])) }, 201);
  });

  app.post('/:id/reviews/:rid/ratings', async (c) => {
    const { map, auth } = await authorizeMap(c, store, c.req.param('id'), 'reviews.contribute');
    const body = await readJsonBody(c, createRatingBodySchema);
    const review = await openReview(map.id, c.req.param('rid'), auth.user.id);
    const label = await rooms.withRoom(map.id, async (room) => {
      const card = room.recorder.current.nodes.get(body.assumption);
      if (!card) throw new ApiError(404, 'not_found', 'assumption not found on the map');
      if (card.kind !== 'assumption') throw new ApiError(400, 'bad_request', 'only assumptions can be re-rated');
      let written: string | null = null;
      await room.change((doc) => {
        written = addEntry(
          doc,
          body.assumption as NodeId,
          'reviews',
          { date: localDate(new Date(clock.now())), status: body.status, note: body.note, by: auth.user.name },
          createOrigin('server', auth.user.id),
        );
      });
      if (written === null) throw new ApiError(409, 'conflict', 'this assumption has no room for another review');
      return cardTitle({ kind: card.kind, label: card.label });
    });
    const rating: RatingRecord = {
      id: `rat_${randomId()}`,
      reviewId: review.id,
      assumptionId: body.assumption,
      assumptionLabel: label,
      status: body.status,
      note: body.note,
      createdBy: auth.user.id,
      createdAt: clock.now(),
    };
    await store.reviews.insertRating(rating);
    return c.json({ rating: ratingView(rating, await people(store, [auth.user.id])) }, 201);
  });

  app.get('/:id/digest', async (c) => {
    const { map } = await authorizeMap(c, store, c.req.param('id'), 'map.read');
    const ids = (c.req.query('reviews') ?? '').split(',').filter((id) => id !== '');
    if (ids.length === 0) throw new ApiError(400, 'bad_request', 'give reviews=<id>,<id>…');
    const reviews = await Promise.all(ids.map((id) => reviewOr404(map.id, id)));
    const body: DigestResponse = {
      reviews: reviews.map((r) => ({ id: r.id, title: r.title, createdAt: iso(r.createdAt) })),
      organisations: await digestOf(map.id, reviews),
    };
    return c.json(body);
  });

  app.get('/:id/reviews/:rid/export', async (c) => {
    const { map, auth } = await authorizeMap(c, store, c.req.param('id'), 'map.read');
    const startedAt = clock.now();
    const language = exportLanguage(c);
    const t = translatorFor(language, 'exports');
    const format = documentFormat(c.req.query('format'));
    const review = await reviewOr404(map.id, c.req.param('rid'));
    // The map as the review left it (its closing snapshot), or as it is while the review is open.
    const seq = review.toSeq ?? (await rooms.settledSeq(map.id));
    const at = await store.history.timeOf(map.id, seq);
    const result = await runExport(
      exporter,
      {
        kind: 'review',
        language,
        format,
        review: await reviewView(review),
        digest: await digestOf(map.id, [review]),
        map: await history.mapAt(map.id, seq),
        version: {
          label: review.toSeq === null ? t('exports:version.live') : t('exports:version.reviewClose', { seq }),
          at: at === null ? null : iso(at),
          snapshotId: review.toSnapshotId,
          seq,
        },
        generatedAt: iso(clock.now()),
      },
      auth.user.id,
    );
    const fileTitle = t('exports:fileName.review', { title: map.title, review: review.title });
    return download(result, fileTitle, startedAt, clock.now());
  });

  app.get('/:id/health-trend', async (c) => {
    const { map } = await authorizeMap(c, store, c.req.param('id'), 'map.read');
    const now = await rooms.settledSeq(map.id);
    const snapshots = (await store.history.listSnapshots(map.id))
      .filter((s) => s.reason === null || s.reason === 'review' || s.reason === 'session')
      .sort((a, b) => a.seq - b.seq)
      .slice(-(TREND_POINTS - 1));
    const points = [
      ...snapshots.map((s) => ({ label: s.name, seq: s.seq, at: s.takenAt })),
      { label: 'Now', seq: now, at: (await store.history.timeOf(map.id, now)) ?? clock.now() },
    ];
    const partners = new Map<string, HealthTrendResponse['partners'][number]>();
    for (const [i, point] of points.entries()) {
      const content = await history.mapAt(map.id, point.seq);
      for (const node of content.nodes) {
        if (node.kind !== 'actor') continue;
        let partner = partners.get(node.id);
        if (!partner) {
          partner = {
            id: node.id,
            label: cardTitle({ kind: node.kind, label: node.label }),
            series: Object.fromEntries(HEALTH_DIMENSIONS.map((d) => [d, points.map(() => null)])),
          };
          partners.set(node.id, partner);
        }
        partner.label = cardTitle({ kind: node.kind, label: node.label });
        const latest = latestHealth(node.health ?? []);
        for (const dimension of HEALTH_DIMENSIONS) partner.series[dimension]![i] = latest[dimension]?.rating ?? null;
      }
    }
    const body: HealthTrendResponse = {
      points: points.map((p) => ({ label: p.label, seq: p.seq, at: iso(p.at) })),
      partners: [...partners.values()].sort((a, b) => a.label.localeCompare(b.label)),
    };
    return c.json(body);
  });

  return app;
}

function decisionView(d: DecisionRecord, person: (id: string) => PersonView): DecisionView {
  return {
    id: d.id,
    text: d.text,
    owner: d.ownerId
      ? { id: d.ownerId, name: person(d.ownerId).name }
      : d.ownerName
        ? { id: null, name: d.ownerName }
        : null,
    due: d.due,
    status: d.status,
    cards: d.cards,
    createdAt: iso(d.createdAt),
    createdBy: person(d.createdBy),
  };
}

function lessonView(l: LessonRecord, person: (id: string) => PersonView): LessonView {
  return {
    id: l.id,
    loop: l.loop,
    text: l.text,
    cardId: l.cardId,
    createdAt: iso(l.createdAt),
    createdBy: person(l.createdBy),
  };
}

function ratingView(r: RatingRecord, person: (id: string) => PersonView): RatingView {
  return {
    id: r.id,
    assumptionId: r.assumptionId,
    assumptionLabel: r.assumptionLabel,
    status: r.status,
    note: r.note,
    createdAt: iso(r.createdAt),
    createdBy: person(r.createdBy),
  };
}
