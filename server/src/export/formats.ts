import {
  PDF_LAYOUTS,
  PDF_ORIENTATIONS,
  PDF_PAGE_SIZES,
  PNG_BACKGROUNDS,
  PNG_SCALES,
  PNG_SIZES,
  CSV_TABLES,
  connectionTable,
  elementTable,
  toCsv,
  toMermaid,
  toOpml,
  type Translate,
} from '@loopmap/shared';
import { renderPdf } from './pdf.ts';
import { pdfTables } from './pdfTables.ts';
import { mapSvg, rasterise } from './picture.ts';
import type { ExportResult, MapExportJob } from './jobs.ts';
import { mapWorkbook } from './workbook.ts';
import { MARKDOWN_REPORT, WORD_REPORT } from './documentFormats.ts';

/**
 * Every format a map exports to. A format is a function of plain data (the job), run in a
 * worker thread; it throws ExportOptionError for an option it cannot honour (a 400 to the caller).
 */
export interface MapFormat {
  /** For people, in the Export menu and error messages. */
  label: string;
  /** Writes the job's file, its words through `t` (the document's language). */
  run(job: MapExportJob, t: Translate): Promise<ExportResult> | ExportResult;
}

/** A request option a format refuses: the route answers 400 with this message. */
export class ExportOptionError extends Error {
  readonly code = 'bad_request';
}

/** Reads a choice among `values` from the job's params (the first is the default). */
export function option<const T extends string>(job: MapExportJob, name: string, values: readonly T[]): T {
  const raw = job.params[name];
  if (raw === undefined || raw === '') return values[0]!;
  if (!(values as readonly string[]).includes(raw)) {
    throw new ExportOptionError(`${name} must be one of ${values.join(', ')} (got "${raw.slice(0, 40)}")`);
  }
  return raw as T;
}

/** 16:9 slides, at 1× the size of a 1080p screen. */
export const SLIDE = { width: 1920, height: 1080 } as const;

const versionOf = (job: MapExportJob) => ({ versionLabel: job.version.label, at: job.version.at });

export const MAP_FORMATS: Record<string, MapFormat> = {
  pdf: {
    label: 'PDF',
    async run(job, t) {
      const body = await renderPdf({
        map: job.map,
        t,
        picture: versionOf(job),
        page: option(job, 'page', PDF_PAGE_SIZES),
        orientation: option(job, 'orientation', PDF_ORIENTATIONS),
        layout: option(job, 'layout', PDF_LAYOUTS),
        title: job.map.meta.title || t('exports:untitledMap'),
        createdAt: new Date(job.generatedAt),
        tables: pdfTables(job.map, t),
      });
      return { body, contentType: 'application/pdf', extension: 'pdf' };
    },
  },
  svg: {
    label: 'SVG picture',
    async run(job, t) {
      const background = option(job, 'background', PNG_BACKGROUNDS);
      const { svg } = await mapSvg(job.map, t, { ...versionOf(job), background });
      return {
        body: `<?xml version="1.0" encoding="UTF-8"?>\n${svg}`,
        contentType: 'image/svg+xml; charset=utf-8',
        extension: 'svg',
      };
    },
  },
  png: {
    label: 'PNG picture',
    async run(job, t) {
      const scale = Number(option(job, 'scale', PNG_SCALES));
      const background = option(job, 'background', PNG_BACKGROUNDS);
      const size = option(job, 'size', PNG_SIZES);
      const rendered = await mapSvg(job.map, t, { ...versionOf(job), background });
      const png = rasterise(rendered.svg, rendered, { scale, background, frame: size === 'slide' ? SLIDE : undefined });
      return { body: png.png, contentType: 'image/png', extension: 'png' };
    },
  },
  json: {
    label: 'Loopmap JSON',
    run: (job) => ({
      body: JSON.stringify(job.map, null, 2),
      contentType: 'application/json; charset=utf-8',
      extension: `loopmap.json`,
    }),
  },
  csv: {
    label: 'CSV (Kumu)',
    run: (job, t) => {
      const table = option(job, 'table', CSV_TABLES);
      const { headers, rows } = table === 'elements' ? elementTable(job.map, t) : connectionTable(job.map, t);
      return { body: toCsv(headers, rows), contentType: 'text/csv; charset=utf-8', extension: `${table}.csv` };
    },
  },
  xlsx: {
    label: 'Excel workbook',
    run: async (job, t) => ({
      body: await mapWorkbook(job.map, job.generatedAt, t),
      contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      extension: 'xlsx',
    }),
  },
  opml: {
    label: 'OPML outline',
    run: (job, t) => ({
      body: toOpml(job.map, job.generatedAt, t),
      contentType: 'text/x-opml; charset=utf-8',
      extension: 'opml',
    }),
  },
  mermaid: {
    label: 'Mermaid flowchart',
    run: (job, t) => ({ body: toMermaid(job.map, t), contentType: 'text/plain; charset=utf-8', extension: 'mmd' }),
  },
  md: MARKDOWN_REPORT,
  docx: WORD_REPORT,
};
