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
  type Translate,
} from '@loopmap/shared';
import type { MapFormat } from './formats.ts';
import type { ChangeReportJob, ExportResult, MapExportJob, MapVersionInfo, ReviewExportJob } from './jobs.ts';
import { mapSvg, rasterise } from './picture.ts';
import { DOCX_CONTENT_TYPE, type Picture } from './docx/documentStyle.ts';
import { mapReportDocx } from './docx/mapReportDocx.ts';
import { changeReportDocx } from './docx/changeReportDocx.ts';
import { reviewDocx } from './docx/reviewDocx.ts';

/**
 * The documents: the map report (Markdown and Word), the change report between two versions and
 * a review, each from the shared report models, run in the export workers.
 */

const MARKDOWN_CONTENT_TYPE = 'text/markdown; charset=utf-8';

/** Pixels wide a document's picture aims at: sharp when printed across the page (about 3×). */
const PICTURE_WIDTH = 2400;

/**
 * The map's picture for a document: the shared renderer's drawing, without its own title block
 * (the document has one), rasterised at the scale that makes it about PICTURE_WIDTH pixels wide:
 * sharp on paper for a small map, a reasonable file for a large one.
 */
export async function documentPicture(map: MapJSON, t: Translate): Promise<Picture> {
  const rendered = await mapSvg(map, t, { bare: true });
  const scale = Math.min(3, PICTURE_WIDTH / Math.max(1, rendered.width));
  return rasterise(rendered.svg, rendered, { scale, background: 'white' });
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
  run: (job, t) => ({
    body: mapReportMarkdown(mapReportDocument(job), t),
    contentType: MARKDOWN_CONTENT_TYPE,
    extension: 'md',
  }),
};

export const WORD_REPORT: MapFormat = {
  label: 'Word report',
  run: async (job, t) => ({
    body: await mapReportDocx(mapReportDocument(job), await documentPicture(job.map, t), t),
    contentType: DOCX_CONTENT_TYPE,
    extension: 'docx',
  }),
};

const point = (version: MapVersionInfo) => ({ label: version.label, at: version.at, seq: version.seq });

export async function runChangeReport(job: ChangeReportJob, t: Translate): Promise<ExportResult> {
  const report = buildChangeReport({
    before: job.before,
    after: job.after,
    from: point(job.from),
    to: point(job.to),
    changedBy: job.changedBy,
    authors: job.authors,
    t,
  });
  if (job.format === 'md') {
    return {
      body: changeReportMarkdown(report, job.generatedAt, t),
      contentType: MARKDOWN_CONTENT_TYPE,
      extension: 'md',
    };
  }
  const [before, after] = [await documentPicture(job.before, t), await documentPicture(job.after, t)];
  return {
    body: await changeReportDocx(report, job.generatedAt, { before, after }, t),
    contentType: DOCX_CONTENT_TYPE,
    extension: 'docx',
  };
}

export async function runReviewExport(job: ReviewExportJob, t: Translate): Promise<ExportResult> {
  const doc: ReviewDocument = {
    mapTitle: job.map.meta.title,
    review: job.review,
    digest: job.digest,
    cardTitles: Object.fromEntries(job.map.nodes.map((node) => [node.id, cardTitle(node)])),
    version: { label: job.version.label, at: job.version.at },
    generatedAt: job.generatedAt,
  };
  if (job.format === 'md') return { body: reviewMarkdown(doc, t), contentType: MARKDOWN_CONTENT_TYPE, extension: 'md' };
  return {
    body: await reviewDocx(doc, await documentPicture(job.map, t), t),
    contentType: DOCX_CONTENT_TYPE,
    extension: 'docx',
  };
}
