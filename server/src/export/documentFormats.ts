import {
  buildChangeReport,
  cardTitle,
  buildReport,
  changeReportMarkdown,
  mapReportMarkdown,
  reviewMarkdown,
  type MapJSON,
  type MapReportDocument,
  type ReviewDocument,
} from '@loopmap/shared';
import type { MapFormat } from './formats.ts';
import type { ChangeReportJob, ExportResult, MapExportJob, MapVersionInfo, ReviewExportJob } from './jobs.ts';
import { mapPicture } from './picture.ts';
import { DOCX_CONTENT_TYPE, type Picture } from './docx/documentStyle.ts';
import { mapReportDocx } from './docx/mapReportDocx.ts';
import { changeReportDocx } from './docx/changeReportDocx.ts';
import { reviewDocx } from './docx/reviewDocx.ts';

/**
 * The documents: the map report (Markdown and Word), the change report between two versions and
 * a review, each from the shared report models, run in the export workers.
 */

const MARKDOWN_CONTENT_TYPE = 'text/markdown; charset=utf-8';

/** Pixels wide a document's picture aims at: sharp when printed at the page's width. */
const PICTURE_WIDTH = { least: 1200, most: 4800, aim: 2400 };

/**
 * The map's picture for a document: drawn once at its own size, and again at a scale that makes
 * it sharp on paper when it came out small, or keeps the file reasonable when it came out huge.
 */
export async function documentPicture(map: MapJSON): Promise<Picture> {
  const first = await mapPicture(map, { scale: 1, background: 'white' });
  if (first.width >= PICTURE_WIDTH.least && first.width <= PICTURE_WIDTH.most) return first;
  const scale = Math.min(3, Math.max(0.1, PICTURE_WIDTH.aim / first.width));
  return mapPicture(map, { scale, background: 'white' });
}

function mapReportDocument(job: MapExportJob): MapReportDocument {
  return {
    report: buildReport(job.map),
    version: { label: job.version.label, at: job.version.at },
    generatedAt: job.generatedAt,
    comments: job.comments,
  };
}

export const MARKDOWN_REPORT: MapFormat = {
  label: 'Markdown',
  run: (job) => ({
    body: mapReportMarkdown(mapReportDocument(job)),
    contentType: MARKDOWN_CONTENT_TYPE,
    extension: 'md',
  }),
};

export const WORD_REPORT: MapFormat = {
  label: 'Word report',
  run: async (job) => ({
    body: await mapReportDocx(mapReportDocument(job), await documentPicture(job.map)),
    contentType: DOCX_CONTENT_TYPE,
    extension: 'docx',
  }),
};

const point = (version: MapVersionInfo) => ({ label: version.label, at: version.at, seq: version.seq });

export async function runChangeReport(job: ChangeReportJob): Promise<ExportResult> {
  const report = buildChangeReport({
    before: job.before,
    after: job.after,
    from: point(job.from),
    to: point(job.to),
    changedBy: job.changedBy,
    authors: job.authors,
  });
  if (job.format === 'md') {
    return { body: changeReportMarkdown(report, job.generatedAt), contentType: MARKDOWN_CONTENT_TYPE, extension: 'md' };
  }
  const [before, after] = [await documentPicture(job.before), await documentPicture(job.after)];
  return {
    body: await changeReportDocx(report, job.generatedAt, { before, after }),
    contentType: DOCX_CONTENT_TYPE,
    extension: 'docx',
  };
}

export async function runReviewExport(job: ReviewExportJob): Promise<ExportResult> {
  const doc: ReviewDocument = {
    mapTitle: job.map.meta.title,
    review: job.review,
    digest: job.digest,
    cardTitles: Object.fromEntries(job.map.nodes.map((node) => [node.id, cardTitle(node)])),
    version: { label: job.version.label, at: job.version.at },
    generatedAt: job.generatedAt,
  };
  if (job.format === 'md') return { body: reviewMarkdown(doc), contentType: MARKDOWN_CONTENT_TYPE, extension: 'md' };
  return {
    body: await reviewDocx(doc, await documentPicture(job.map)),
    contentType: DOCX_CONTENT_TYPE,
    extension: 'docx',
  };
}
