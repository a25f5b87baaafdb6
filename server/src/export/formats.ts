import { CSV_TABLES, SCHEMA_VERSION, connectionTable, elementTable, toCsv, toMermaid, toOpml } from '@loopmap/shared';
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
  run(job: MapExportJob): Promise<ExportResult> | ExportResult;
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

export const MAP_FORMATS: Record<string, MapFormat> = {
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
    run: (job) => {
      const table = option(job, 'table', CSV_TABLES);
      const { headers, rows } = table === 'elements' ? elementTable(job.map) : connectionTable(job.map);
      return { body: toCsv(headers, rows), contentType: 'text/csv; charset=utf-8', extension: `${table}.csv` };
    },
  },
  xlsx: {
    label: 'Excel workbook',
    run: async (job) => ({
      body: await mapWorkbook(job.map, job.generatedAt),
      contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      extension: 'xlsx',
    }),
  },
  opml: {
    label: 'OPML outline',
    run: (job) => ({
      body: toOpml(job.map, job.generatedAt),
      contentType: 'text/x-opml; charset=utf-8',
      extension: 'opml',
    }),
  },
  mermaid: {
    label: 'Mermaid flowchart',
    run: (job) => ({ body: toMermaid(job.map), contentType: 'text/plain; charset=utf-8', extension: 'mmd' }),
  },
  md: MARKDOWN_REPORT,
  docx: WORD_REPORT,
};

/** The lossless format's version, written in its body (docs/document-format.md). */
export const JSON_EXPORT_VERSION = SCHEMA_VERSION;
