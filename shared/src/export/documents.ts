import type { DigestResponse, ReviewView } from '../api/history.ts';
import type { MapReport } from './report.ts';

/**
 * What each document is written from, as plain data: the server gathers it (the map at a version,
 * the review, the comments) and a writer (Markdown here, Word on the server) presents it.
 */

/** The version a document shows. */
export interface DocumentVersion {
  /** "Live map" or a snapshot's name. */
  label: string;
  /** When that version was current (ISO 8601), or null. */
  at: string | null;
}

/** An open comment thread, for a document's appendix. */
export interface DocumentCommentThread {
  target: { kind: 'node' | 'link'; title: string };
  comments: { author: string; body: string; createdAt: string }[];
}

/** The report of a map at a version. */
export interface MapReportDocument {
  report: MapReport;
  version: DocumentVersion;
  /** ISO time the document was made. */
  generatedAt: string;
  /** Open comment threads for the appendix, or null when not asked for. */
  comments: DocumentCommentThread[] | null;
}

/** A course-correction review, shareable. */
export interface ReviewDocument {
  mapTitle: string;
  review: ReviewView;
  /** The "shared forward" digest of this review: what each organisation carries back. */
  digest: DigestResponse['organisations'];
  /** Titles of the cards decisions name, by id (as of the version pictured). */
  cardTitles: Readonly<Record<string, string>>;
  /** The version of the map the document pictures: the review's closing point, or now. */
  version: DocumentVersion;
  generatedAt: string;
}
