import { Hono } from 'hono';
import {
  CHANGE_REPORT_FORMATS,
  DELETED_USER_NAME,
  cardTitle,
  contentDisposition,
  downloadFileName,
  toMapJSON,
  isLanguage,
  type ChangeReportFormat,
  type Language,
  type MapJSON,
  type Translate,
} from '@loopmap/shared';
import type { Context } from 'hono';
import type { Store } from '../storage/Store.ts';
import type { AuthEnv } from '../auth/identity.ts';
import { authorizeMap } from '../auth/middleware.ts';
import type { RoomManager } from '../collab/RoomManager.ts';
import type { MapHistory, ResolvedPoint } from '../history/MapHistory.ts';
import type { Clock } from '../clock.ts';
import { ApiError } from '../http/errors.ts';
import { ExportOptionError, MAP_FORMATS } from '../export/formats.ts';
import { ExportBusyError, ExportFailedError, ExportLimitError, type ExportRunner } from '../export/ExportPool.ts';
import type { CommentThreadExport, ExportJob, ExportResult, MapVersionInfo } from '../export/jobs.ts';
import { iso } from './historyViews.ts';
import { requestLanguage, translatorFor } from '../i18n.ts';

/**
 * The language of an export's words: `lang=` when given (one of ours, else a 400), else the
 * requester's (account, then Accept-Language), else English.
 */
export function exportLanguage(c: Context<AuthEnv>): Language {
  const lang = c.req.query('lang');
  if (lang !== undefined && !isLanguage(lang)) {
    throw new ApiError(400, 'bad_request', `lang must be one of en, fr, es, pt, ar (got "${lang.slice(0, 40)}")`);
  }
  return requestLanguage(lang, c.get('auth')?.user.language, c.req.header('Accept-Language'));
}

export interface ExportRoutesDeps {
  store: Store;
  rooms: RoomManager;
  history: MapHistory;
  clock: Clock;
  exporter: ExportRunner;
}

/** Runs a job and answers with its file, or with the 4xx/503 that says why not. */
/**
 * Runs a job for `owner` and answers with its file, or with the 4xx/503 that says why not: a bad
 * option (400), too many of this person's exports at once (429), a full queue or a renderer that
 * stopped (503, try again).
 */
export async function runExport(exporter: ExportRunner, job: ExportJob, owner: string): Promise<ExportResult> {
  try {
    return await exporter.run(job, owner);
  } catch (error) {
    if (error instanceof ExportOptionError) throw new ApiError(400, 'bad_request', error.message);
    if (error instanceof ExportLimitError) throw new ApiError(429, 'rate_limited', error.message, RETRY);
    if (error instanceof ExportBusyError) throw new ApiError(503, 'busy', error.message, RETRY);
    if (error instanceof ExportFailedError) {
      throw new ApiError(503, 'busy', `${error.message}; try again, or a smaller format (SVG, PDF)`, RETRY);
    }
    throw error;
  }
}

const RETRY = { 'Retry-After': '5' };

export function download(result: ExportResult, fileTitle: string, startedAt: number, now: number): Response {
  const body = typeof result.body === 'string' ? result.body : Buffer.from(result.body);
  return new Response(body, {
    headers: {
      'Content-Type': result.contentType,
      'Content-Disposition': contentDisposition(downloadFileName(fileTitle, result.extension)),
      'Cache-Control': 'private, no-store',
      'Server-Timing': `render;dur=${Math.max(0, now - startedAt)}`,
    },
  });
}

/** The open comment threads of a map, titled by what they are on, for a document's appendix. */
export async function openComments(
  store: Store,
  mapId: string,
  map: MapJSON,
  t: Translate,
): Promise<CommentThreadExport[]> {
  const threads = await store.listCommentThreads(mapId);
  const nodes = new Map(map.nodes.map((node) => [node.id, node]));
  const edges = new Map(map.edges.map((edge) => [edge.id, edge]));
  const titleOf = (kind: 'node' | 'link', id: string): string => {
    if (kind === 'node') {
      const node = nodes.get(id);
      return node ? cardTitle(node) : t('exports:comments.cardRemoved');
    }
    const edge = edges.get(id);
    if (!edge) return t('exports:comments.linkRemoved');
    const end = (nodeId: string): string => {
      const node = nodes.get(nodeId);
      return node ? cardTitle(node, 40) : '?';
    };
    return `${end(edge.source)} → ${end(edge.target)}`;
  };
  return threads
    .filter((thread) => thread.resolvedAt === null)
    .map((thread) => ({
      target: { kind: thread.target.kind, id: thread.target.id, title: titleOf(thread.target.kind, thread.target.id) },
      comments: thread.comments.map((comment) => ({
        author: comment.authorName ?? t('exports:comments.deletedUser'),
        body: comment.body,
        createdAt: iso(comment.createdAt),
      })),
    }));
}

/**
 * GET /api/maps/:id/export?format=…[&snapshot=<sid>]: the live map, or one of its snapshots, in
 * every format of MAP_FORMATS. Each format reads its own options from the query string.
 */
export function exportRoutes({ store, rooms, history, clock, exporter }: ExportRoutesDeps): Hono<AuthEnv> {
  const app = new Hono<AuthEnv>();

  app.get('/:id/export', async (c) => {
    const { map, auth } = await authorizeMap(c, store, c.req.param('id'), 'map.read');
    const startedAt = clock.now();
    const language = exportLanguage(c);
    const t = translatorFor(language, 'exports');
    const format = c.req.query('format') ?? 'json';
    if (!Object.hasOwn(MAP_FORMATS, format)) {
      throw new ApiError(
        400,
        'unsupported_format',
        `export format "${format.slice(0, 40)}" is not supported; use one of ${Object.keys(MAP_FORMATS).join(', ')}`,
      );
    }
    const snapshotId = c.req.query('snapshot');
    let json: MapJSON;
    let version: MapVersionInfo;
    if (snapshotId) {
      const point = await history.resolvePoint(map.id, snapshotId);
      if (!point.snapshot) throw new ApiError(400, 'bad_request', 'snapshot= takes a snapshot id (snap_…)');
      json = await history.mapAt(map.id, point.seq);
      version = {
        label: point.snapshot.name || t('exports:version.snapshot'),
        at: iso(point.snapshot.takenAt),
        snapshotId: point.snapshot.id,
        seq: point.seq,
      };
    } else {
      const now = await history.resolvePoint(map.id, 'now');
      json = await rooms.withRoom(map.id, (room) => toMapJSON(room.doc));
      version = { label: t('exports:version.live'), at: iso(clock.now()), snapshotId: null, seq: now.seq };
    }
    const params = Object.fromEntries(
      Object.entries(c.req.query()).filter(([key]) => key !== 'format' && key !== 'lang'),
    );
    const comments = params['comments'] === '1' ? await openComments(store, map.id, json, t) : null;
    const result = await runExport(
      exporter,
      {
        kind: 'map',
        language,
        format,
        map: json,
        version,
        generatedAt: iso(clock.now()),
        params,
        comments,
      },
      auth.user.id,
    );
    const fileTitle = snapshotId ? `${json.meta.title} (${version.label})` : json.meta.title;
    return download(result, fileTitle, startedAt, clock.now());
  });

  app.get('/:id/export/changes', async (c) => {
    const { map, auth } = await authorizeMap(c, store, c.req.param('id'), 'map.read');
    const startedAt = clock.now();
    const language = exportLanguage(c);
    const t = translatorFor(language, 'exports');
    const format = documentFormat(c.req.query('format'));
    const [rawFrom, rawTo] = [c.req.query('from'), c.req.query('to') || 'now'];
    if (!rawFrom) throw new ApiError(400, 'bad_request', 'give from: now, a seq, a time (ISO 8601) or a snapshot id');
    const from = await history.resolvePoint(map.id, rawFrom);
    const to = await history.resolvePoint(map.id, rawTo);
    if (to.seq < from.seq)
      throw new ApiError(400, 'bad_request', 'from is later than to: give the earlier version first');
    const [before, after] = await Promise.all([history.mapAt(map.id, from.seq), history.mapAt(map.id, to.seq)]);
    const { changedBy, authors } = await changeAuthors(store, history, map.id, from.seq, to.seq);
    const result = await runExport(
      exporter,
      {
        kind: 'changes',
        language,
        format,
        before,
        after,
        from: pointVersion(from, rawFrom, t),
        to: pointVersion(to, rawTo, t),
        changedBy,
        authors,
        generatedAt: iso(clock.now()),
      },
      auth.user.id,
    );
    const fileTitle = t('exports:fileName.changes', { title: after.meta.title, from: from.seq, to: to.seq });
    return download(result, fileTitle, startedAt, clock.now());
  });

  return app;
}

/** The `format` of a document export: docx or md (docx when not given), else a 400. */
export function documentFormat(raw: string | undefined): ChangeReportFormat {
  const format = raw || 'docx';
  if (!(CHANGE_REPORT_FORMATS as readonly string[]).includes(format)) {
    throw new ApiError(
      400,
      'unsupported_format',
      `format "${format.slice(0, 40)}" is not supported here; use one of ${CHANGE_REPORT_FORMATS.join(', ')}`,
    );
  }
  return format as ChangeReportFormat;
}

/** A resolved point as a document names it: the snapshot's name, "Live map", or its version number. */
export function pointVersion(point: ResolvedPoint, raw: string, t: Translate): MapVersionInfo {
  const label = point.snapshot
    ? point.snapshot.name || t('exports:version.snapshot')
    : raw.trim().toLowerCase() === 'now'
      ? t('exports:version.live')
      : t('exports:version.number', { seq: point.seq });
  return {
    label,
    at: point.at === null ? null : iso(point.at),
    snapshotId: point.snapshot?.id ?? null,
    seq: point.seq,
  };
}

/** Most history entries read per query while collecting who changed what. */
const AUTHOR_PAGE = 1000;

/**
 * Who changed each card or link between two versions (seqs after `fromSeq` up to `toSeq`), from
 * the history's attributed entries, and everyone who changed the map then, in the order they
 * first did. Names are accounts' names now; the server's own changes read "Loopmap".
 */
async function changeAuthors(
  store: Store,
  history: MapHistory,
  mapId: string,
  fromSeq: number,
  toSeq: number,
): Promise<{ changedBy: Record<string, string[]>; authors: string[] }> {
  await history.ensureIndexed(mapId);
  const entries = [];
  let before = toSeq + 1;
  while (before > fromSeq + 1) {
    const page = await store.history.listHistory(mapId, { before, limit: AUTHOR_PAGE });
    entries.push(...page.filter((entry) => entry.seq > fromSeq));
    if (page.length < AUTHOR_PAGE) break;
    before = page[page.length - 1]!.seq;
  }
  entries.reverse();
  const changedBy = new Map<string, Set<string>>();
  const authors = new Set<string>();
  for (const entry of entries) {
    const name = entry.author === 'system' ? 'Loopmap' : (entry.authorName ?? DELETED_USER_NAME);
    authors.add(name);
    for (const id of entry.ids) {
      let names = changedBy.get(id);
      if (!names) changedBy.set(id, (names = new Set()));
      names.add(name);
    }
  }
  return {
    changedBy: Object.fromEntries([...changedBy].map(([id, names]) => [id, [...names]])),
    authors: [...authors],
  };
}
