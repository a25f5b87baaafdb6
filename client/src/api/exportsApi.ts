import type { TFunction } from 'i18next';
import {
  EXPORT_API,
  MAX_IMPORT_BYTES,
  type CSV_TABLES,
  type ImportPreview,
  type ImportResult,
  type Language,
  type MapExportFormat,
  type PDF_LAYOUTS,
  type PDF_ORIENTATIONS,
  type PDF_PAGE_SIZES,
  type PNG_BACKGROUNDS,
  type PNG_SCALES,
  type PNG_SIZES,
} from '@loopmap/shared';
import { ApiError } from './ApiError.ts';
import { NETWORK_ERROR_MESSAGE, apiErrorOf } from './request.ts';
import { currentLanguage, i18next } from '../i18n/i18n.ts';

/**
 * Exports and imports over REST (see shared/src/api/exports.ts): files down with progress and a
 * way to cancel, the file name the server gave them, and map files up as multipart forms.
 */

// ── Export options ───────────────────────────────────────────────────────────────────────────

/** Every choice the Export menu offers; each format sends only the ones it reads. */
export interface ExportChoices {
  scale: (typeof PNG_SCALES)[number];
  background: (typeof PNG_BACKGROUNDS)[number];
  size: (typeof PNG_SIZES)[number];
  page: (typeof PDF_PAGE_SIZES)[number];
  orientation: (typeof PDF_ORIENTATIONS)[number];
  layout: (typeof PDF_LAYOUTS)[number];
  table: (typeof CSV_TABLES)[number];
  /** Word: the open comment threads as an appendix. */
  comments: boolean;
  /** The language of the file's words (`lang=`); null leaves it to the server (the requester's). */
  language: Language | null;
}

export const DEFAULT_EXPORT_CHOICES: ExportChoices = {
  scale: '2',
  background: 'white',
  size: 'map',
  page: 'a4',
  orientation: 'landscape',
  layout: 'fit',
  table: 'elements',
  comments: false,
  language: null,
};

/** The query parameters of one format's export: its own options, and the snapshot if any. */
export function exportParams(
  format: MapExportFormat,
  choices: ExportChoices,
  snapshotId: string | null = null,
): Record<string, string> {
  const params: Record<string, string> = {};
  if (format === 'png')
    Object.assign(params, { scale: choices.scale, background: choices.background, size: choices.size });
  if (format === 'pdf') {
    Object.assign(params, { page: choices.page, orientation: choices.orientation, layout: choices.layout });
  }
  if (format === 'csv') params['table'] = choices.table;
  if (format === 'docx' && choices.comments) params['comments'] = '1';
  if (snapshotId) params['snapshot'] = snapshotId;
  if (choices.language) params['lang'] = choices.language;
  return params;
}

/** The address of a map's export in `format` (the live map, or the snapshot). */
export function mapExportUrl(
  mapId: string,
  format: MapExportFormat,
  choices: ExportChoices,
  snapshotId: string | null = null,
): string {
  return EXPORT_API.map(mapId, format, exportParams(format, choices, snapshotId));
}

/**
 * The SVG a picture or PDF is previewed with: the same version, on the PNG's background (the
 * server draws a transparent one without its white), so the preview shows what the file will.
 */
export function picturePreviewUrl(
  mapId: string,
  format: MapExportFormat,
  choices: ExportChoices,
  snapshotId: string | null = null,
): string {
  const background = format === 'png' ? choices.background : 'white';
  return EXPORT_API.map(mapId, 'svg', {
    background,
    ...(snapshotId ? { snapshot: snapshotId } : {}),
    ...(choices.language ? { lang: choices.language } : {}),
  });
}

/** A document address (change report, review) with the interface's language as its `lang`. */
export function withLanguage(url: string, language: Language = currentLanguage()): string {
  return `${url}${url.includes('?') ? '&' : '?'}lang=${language}`;
}

// ── Downloads ────────────────────────────────────────────────────────────────────────────────

/**
 * The file name in a Content-Disposition header: the exact `filename*` (RFC 5987, UTF-8
 * percent-encoded) first, else the plain `filename`. Only the last path segment is kept, so a
 * header can never name a folder. Null when there is none.
 */
export function fileNameFromDisposition(header: string | null): string | null {
  if (!header) return null;
  const extended = /(?:^|;)\s*filename\*\s*=\s*([^';]*)'[^']*'([^;]*)/i.exec(header);
  if (extended) {
    const charset = extended[1]!.trim().toLowerCase();
    const value = extended[2]!.trim().replace(/^"(.*)"$/, '$1');
    const decoded = charset === 'utf-8' || charset === '' ? decodePercent(value) : null;
    if (decoded) return baseName(decoded);
  }
  const quoted = /(?:^|;)\s*filename\s*=\s*"((?:[^"\\]|\\.)*)"/i.exec(header);
  if (quoted) return baseName(quoted[1]!.replace(/\\(.)/g, '$1'));
  const token = /(?:^|;)\s*filename\s*=\s*([^;\s]+)/i.exec(header);
  return token ? baseName(token[1]!) : null;
}

function decodePercent(value: string): string | null {
  try {
    return decodeURIComponent(value);
  } catch {
    return null;
  }
}

function baseName(name: string): string | null {
  const last = name.split(/[/\\]/).pop()?.trim() ?? '';
  return last === '' || last === '.' || last === '..' ? null : last;
}

/** Where a download is: waiting for the server to render, or receiving (total when known). */
export type DownloadProgress =
  { phase: 'preparing' } | { phase: 'downloading'; received: number; total: number | null };

export interface DownloadedFile {
  blob: Blob;
  fileName: string;
}

export interface DownloadOptions {
  signal?: AbortSignal;
  onProgress?: (progress: DownloadProgress) => void;
  /** The name when the server gives none. */
  fallbackName: string;
}

/**
 * GETs a file, reporting progress as its body arrives. Failures are ApiErrors with the
 * server's message; a cancel (the signal) rejects with the AbortError, for the caller to ignore.
 */
export async function downloadFile(url: string, options: DownloadOptions): Promise<DownloadedFile> {
  const { signal, onProgress } = options;
  onProgress?.({ phase: 'preparing' });
  const response = await fetchOrNetworkError(url, { credentials: 'same-origin', signal });
  if (!response.ok) throw apiErrorOf(response, await response.text());
  const fileName = fileNameFromDisposition(response.headers.get('content-disposition')) ?? options.fallbackName;
  const length = Number(response.headers.get('content-length'));
  const total = Number.isFinite(length) && length > 0 ? length : null;
  const type = response.headers.get('content-type') ?? 'application/octet-stream';
  onProgress?.({ phase: 'downloading', received: 0, total });
  if (!response.body) return { blob: await response.blob(), fileName };

  const chunks: Uint8Array<ArrayBuffer>[] = [];
  let received = 0;
  const reader = response.body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      received += value.byteLength;
      onProgress?.({ phase: 'downloading', received, total });
    }
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new ApiError(i18next.t('exports:download.brokeOff'), 0, 'network');
  }
  return { blob: new Blob(chunks, { type }), fileName };
}

async function fetchOrNetworkError(url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch (error) {
    if (init.signal?.aborted) throw error;
    throw new ApiError(NETWORK_ERROR_MESSAGE, 0, 'network');
  }
}

/** True for the rejection of a fetch the user cancelled. */
export const isAbort = (error: unknown): boolean => error instanceof DOMException && error.name === 'AbortError';

/** A file for a preview (an SVG picture, a Markdown outline, the start of a text format). */
export async function fetchPreview(url: string, signal: AbortSignal): Promise<Blob> {
  const response = await fetchOrNetworkError(url, { credentials: 'same-origin', signal });
  if (!response.ok) throw apiErrorOf(response, await response.text());
  return response.blob();
}

// ── Import ───────────────────────────────────────────────────────────────────────────────────

/** The files an import reads, by their extension. */
export const IMPORT_ACCEPT =
  '.json,.csv,.xlsx,application/json,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const extensionOf = (name: string): string => name.slice(name.lastIndexOf('.') + 1).toLowerCase();

/** "2.4 MB", "830 kB", "2,4 Mo": a size as people read it, in the interface's language (Intl's units). */
export function formatBytes(bytes: number): string {
  const unit = (name: string, value: number): string =>
    new Intl.NumberFormat(currentLanguage(), {
      style: 'unit',
      unit: name,
      unitDisplay: name === 'byte' ? 'long' : 'short',
      maximumFractionDigits: 1,
    }).format(value);
  if (bytes < 1024) return unit('byte', bytes);
  if (bytes < 1024 * 1024) return unit('kilobyte', Math.round(bytes / 1024));
  return unit('megabyte', Math.round((bytes / (1024 * 1024)) * 10) / 10);
}

/**
 * Why these files cannot be imported, before anything is sent: one Loopmap JSON or Excel
 * workbook, or one or two CSV files (Kumu's elements and connections), together no larger than
 * the server takes. Null when they may go.
 */
export function importFilesProblem(files: readonly { name: string; size: number }[], t: TFunction): string | null {
  if (files.length === 0) return t('maps:import.files.none');
  const extensions = files.map((file) => extensionOf(file.name));
  const unknown = files.find((file) => !['json', 'csv', 'xlsx'].includes(extensionOf(file.name)));
  if (unknown) return t('maps:import.files.unknown', { name: unknown.name });
  if (files.length > 2) return t('maps:import.files.tooMany');
  if (files.length === 2 && extensions.some((extension) => extension !== 'csv')) return t('maps:import.files.notPair');
  const total = files.reduce((sum, file) => sum + file.size, 0);
  if (total > MAX_IMPORT_BYTES) {
    return t('maps:import.files.tooLarge', {
      count: files.length,
      size: formatBytes(total),
      max: formatBytes(MAX_IMPORT_BYTES),
    });
  }
  return null;
}

function importForm(files: readonly File[], title: string | null): FormData {
  const form = new FormData();
  for (const file of files) form.append('file', file, file.name);
  if (title) form.append('title', title);
  return form;
}

async function postImport(url: string, form: FormData, signal?: AbortSignal): Promise<unknown> {
  const response = await fetchOrNetworkError(url, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { accept: 'application/json' },
    body: form,
    signal,
  });
  const text = await response.text();
  if (!response.ok) throw apiErrorOf(response, text);
  return JSON.parse(text) as unknown;
}

/** Reads the files without creating anything: the map that would be made, and the report. */
export async function previewImport(files: readonly File[], signal?: AbortSignal): Promise<ImportPreview> {
  return (await postImport(`${EXPORT_API.import}?dryRun=1`, importForm(files, null), signal)) as ImportPreview;
}

/** Creates the map from the files, titled `title` (the file's own title when empty). */
export async function importMap(files: readonly File[], title: string): Promise<ImportResult> {
  return (await postImport(EXPORT_API.import, importForm(files, title.trim() || null))) as ImportResult;
}
