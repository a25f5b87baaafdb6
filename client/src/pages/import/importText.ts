import { MAX_IMPORT_BYTES, type ImportProblem, type ImportReport } from '@loopmap/shared';
import { ApiError, messageOf } from '../../api/ApiError.ts';
import { formatBytes } from '../../api/exportsApi.ts';

const plural = (count: number, one: string, many: string): string => `${count} ${count === 1 ? one : many}`;

/** Where the rows came from: "a Kumu workbook", "Kumu CSV files", "a Loopmap JSON file". */
export function sourceWords(source: ImportReport['source'], files: number): string {
  const who = source.layout === 'kumu' ? 'Kumu' : source.layout === 'logframe' ? 'logframe' : 'Loopmap';
  if (source.format === 'json') return 'a Loopmap JSON file';
  if (source.format === 'xlsx') return `a ${who} workbook`;
  return files > 1 ? `${who} CSV files` : `a ${who} CSV file`;
}

/** "23 cards, 31 links from a Kumu workbook; 2 rows skipped". */
export function reportSummary(report: ImportReport, files: number): string {
  const counts = `${plural(report.cards, 'card', 'cards')}, ${plural(report.links, 'link', 'links')} from ${sourceWords(report.source, files)}`;
  return report.skippedRows > 0 ? `${counts}; ${plural(report.skippedRows, 'row', 'rows')} skipped` : counts;
}

/** Where a problem is, for its table row: the whole file, a row, or one cell. */
export function problemPlace(problem: ImportProblem): { row: string; column: string } {
  return { row: problem.row === null ? 'All' : String(problem.row), column: problem.column ?? '–' };
}

/**
 * An import's failure in words. The server's message when it sent one; otherwise what its
 * status means for a file (a proxy's 413 has no Loopmap body).
 */
export function importErrorMessage(error: unknown): string {
  if (error instanceof ApiError && error.code === 'bad_request' && /^Request failed/.test(error.message)) {
    if (error.status === 413) return `The file is too large: Loopmap imports up to ${formatBytes(MAX_IMPORT_BYTES)}.`;
    if (error.status === 415) return 'Loopmap cannot read this kind of file: choose a Loopmap JSON, Excel or CSV file.';
    if (error.status === 422) return 'The file could not be read as a map.';
  }
  return messageOf(error, 'The file could not be imported.');
}
