import type { MapJSON } from '../model/mapJson.ts';

/**
 * Exports and imports over REST: the formats a map leaves in, their options, and what an
 * import answers. Shared by the server (which renders) and the Export menu (which offers).
 */

const query = (params: Record<string, string>): string =>
  Object.entries(params)
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(value)}`)
    .join('&');

export const EXPORT_API = {
  /** GET: the live map, or `&snapshot=<sid>`, in one format; format options as query params. */
  map: (mapId: string, format: MapExportFormat, options: Record<string, string> = {}) =>
    `/api/maps/${encodeURIComponent(mapId)}/export?${query({ format, ...options })}`,
  /** GET: what changed between two points (snapshot ids, seqs, times, now): `docx` or `md`. */
  changes: (mapId: string, from: string, to: string, format: ChangeReportFormat) =>
    `/api/maps/${encodeURIComponent(mapId)}/export/changes?${query({ from, to, format })}`,
  /** GET: a review (its decisions, lessons and ratings) as a shareable document. */
  review: (mapId: string, reviewId: string, format: ChangeReportFormat) =>
    `/api/maps/${encodeURIComponent(mapId)}/reviews/${encodeURIComponent(reviewId)}/export?format=${format}`,
  /** POST: creates a map from a file (`?dryRun=1`: only reads it and answers the preview). */
  import: '/api/maps/import',
} as const;

export const MAP_EXPORT_FORMATS = [
  'svg',
  'png',
  'pdf',
  'docx',
  'xlsx',
  'csv',
  'md',
  'json',
  'opml',
  'mermaid',
] as const;
export type MapExportFormat = (typeof MAP_EXPORT_FORMATS)[number];

export const CHANGE_REPORT_FORMATS = ['docx', 'md'] as const;
export type ChangeReportFormat = (typeof CHANGE_REPORT_FORMATS)[number];

export interface ExportFormatInfo {
  label: string;
  /** What it is for, in the Export menu. */
  hint: string;
  /** A picture the menu previews as it is; a document it previews as its outline. */
  preview: 'picture' | 'document' | 'text';
}

export const MAP_EXPORT_FORMAT_INFO: Record<MapExportFormat, ExportFormatInfo> = {
  svg: { label: 'Picture (SVG)', hint: 'Sharp at any size, for the web and design tools', preview: 'picture' },
  png: { label: 'Picture (PNG)', hint: 'For slides, chat and documents', preview: 'picture' },
  pdf: { label: 'PDF', hint: 'The map on one page or tiled, then its tables', preview: 'picture' },
  docx: {
    label: 'Word report',
    hint: 'Narrative, logframe and registers for a proposal or report',
    preview: 'document',
  },
  xlsx: { label: 'Excel workbook', hint: 'The logframe and each register as a sheet', preview: 'document' },
  csv: { label: 'CSV (Kumu)', hint: 'Elements and connections, for Kumu and spreadsheets', preview: 'text' },
  md: { label: 'Markdown', hint: 'A readable outline with tables', preview: 'text' },
  json: { label: 'Loopmap JSON', hint: 'Everything, to import again without loss', preview: 'text' },
  opml: { label: 'OPML outline', hint: 'For outliners and mind-map tools', preview: 'text' },
  mermaid: { label: 'Mermaid flowchart', hint: 'Renders on GitHub and in Markdown tools', preview: 'text' },
};

/** Options the picture and page formats take (query params of EXPORT_API.map). */
export const PNG_SCALES = ['1', '2', '3'] as const;
export const PNG_BACKGROUNDS = ['white', 'transparent'] as const;
/** `map`: the map's own proportions; `slide`: fitted into a 16:9 slide (1920×1080 at 1×). */
export const PNG_SIZES = ['map', 'slide'] as const;
export const PDF_PAGE_SIZES = ['a4', 'letter'] as const;
export const PDF_ORIENTATIONS = ['landscape', 'portrait'] as const;
/** `fit`: the whole map on one page; `tile`: at a readable scale across pages, with overlap marks. */
export const PDF_LAYOUTS = ['fit', 'tile'] as const;
/** CSV is one table per file: Kumu's elements or its connections. */
export const CSV_TABLES = ['elements', 'connections'] as const;

// ── Import ───────────────────────────────────────────────────────────────────────────────────

/** Largest file an import reads, and most rows it takes (all sheets together). */
export const MAX_IMPORT_BYTES = 10 * 1024 * 1024;
export const MAX_IMPORT_ROWS = 5_000;

export const IMPORT_SOURCE_FORMATS = ['json', 'csv', 'xlsx'] as const;
export type ImportSourceFormat = (typeof IMPORT_SOURCE_FORMATS)[number];
/** Loopmap's own layout, Kumu's element/connection layout, or a logframe table typed by hand. */
export const IMPORT_LAYOUTS = ['loopmap', 'kumu', 'logframe'] as const;
export type ImportLayout = (typeof IMPORT_LAYOUTS)[number];

/** One row (or cell) that could not be read, said so a person can find and fix it. */
export interface ImportProblem {
  /** The sheet, or the file name for CSV and JSON. */
  sheet: string;
  /** 1-based, as spreadsheets number rows; null for the whole file or sheet. */
  row: number | null;
  /** The column's header as written (or its letter); null for the whole row. */
  column: string | null;
  reason: string;
}

export interface ImportReport {
  source: { format: ImportSourceFormat; layout: ImportLayout };
  cards: number;
  links: number;
  /** Rows read but not imported (each has a problem). */
  skippedRows: number;
  problems: ImportProblem[];
}

/** The answer to a dry run: the map that would be created, laid out, and the report. */
export interface ImportPreview {
  preview: MapJSON;
  report: ImportReport;
}

/** The answer to an import: the new map (as GET /api/maps/:id answers) and the report. */
export interface ImportResult {
  map: { id: string; title: string };
  report: ImportReport;
}
