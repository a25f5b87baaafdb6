import type { ChangeReportFormat, DigestResponse, Language, MapJSON, ReviewView } from '@loopmap/shared';
import type { ImportJob } from '../import/runImport.ts';

/**
 * What an export needs, gathered by the route and handed to a worker thread as plain data
 * (structured-cloneable): rendering never runs on the event loop that serves live peers.
 */

/** Which version of the map is exported. */
export interface MapVersionInfo {
  /** For people: "Live map" or the snapshot's name. */
  label: string;
  /** When that version was current (ISO 8601); null for an empty history. */
  at: string | null;
  snapshotId: string | null;
  seq: number;
}

/** An open comment thread, for the appendix of documents. */
export interface CommentThreadExport {
  target: { kind: 'node' | 'link'; id: string; title: string };
  comments: { author: string; body: string; createdAt: string }[];
}

/** The query string of the request, as given (each format reads its own options). */
export type ExportParams = Readonly<Record<string, string>>;

export interface MapExportJob {
  kind: 'map';
  /** The language of the document's words (`lang=`, else the requester's); English when not given. */
  language?: Language;
  format: string;
  map: MapJSON;
  version: MapVersionInfo;
  /** ISO 8601: when the export was asked for (dates in documents). */
  generatedAt: string;
  params: ExportParams;
  /** Open comment threads, when the request asked for them (comments=1); otherwise null. */
  comments: CommentThreadExport[] | null;
}

export interface ExportResult {
  body: Uint8Array | string;
  contentType: string;
  /** Without the dot: "docx", "loopmap.json". */
  extension: string;
}

/**
 * A change report between two versions of a map (GET /api/maps/:id/export/changes): both
 * versions whole (the worker diffs them and draws both), and who changed what in between.
 */
export interface ChangeReportJob {
  kind: 'changes';
  /** The language of the document's words (`lang=`, else the requester's); English when not given. */
  language?: Language;
  format: ChangeReportFormat;
  before: MapJSON;
  after: MapJSON;
  from: MapVersionInfo;
  to: MapVersionInfo;
  /** Names of the people who changed each card or link (by id) between the two versions. */
  changedBy: Record<string, string[]>;
  /** Everyone who changed the map between the two versions, in the order they first did. */
  authors: string[];
  generatedAt: string;
}

/** A review as a shareable document (GET /api/maps/:id/reviews/:rid/export). */
export interface ReviewExportJob {
  kind: 'review';
  /** The language of the document's words (`lang=`, else the requester's); English when not given. */
  language?: Language;
  format: ChangeReportFormat;
  review: ReviewView;
  /** The review's "shared forward" digest: what each organisation carries back. */
  digest: DigestResponse['organisations'];
  /** The map at the review's closing point (or now, while it is open), for its picture. */
  map: MapJSON;
  version: MapVersionInfo;
  generatedAt: string;
}

/** Import reading runs in the same workers: parsing a 5,000-row workbook and laying it out. */
export type ExportJob = MapExportJob | ChangeReportJob | ReviewExportJob | ImportJob;
