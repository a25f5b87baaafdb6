import type { TFunction } from 'i18next';
import { MAX_IMPORT_BYTES, type ImportProblem, type ImportReport } from '@loopmap/shared';
import { ApiError } from '../../api/ApiError.ts';
import { errorText } from '../../api/errorText.ts';
import { formatBytes } from '../../api/exportsApi.ts';

/** Where the rows came from: "a Kumu workbook", "Kumu CSV files", "a Loopmap JSON file". */
export function sourceWords(source: ImportReport['source'], files: number, t: TFunction): string {
  if (source.format === 'json') return t('maps:import.source.json');
  const layout = source.layout === 'kumu' ? 'kumu' : source.layout === 'logframe' ? 'logframe' : 'loopmap';
  if (source.format === 'xlsx') return t(`maps:import.source.workbook.${layout}`);
  return files > 1 ? t(`maps:import.source.csvFiles.${layout}`) : t(`maps:import.source.csvFile.${layout}`);
}

/** "23 cards, 31 links from a Kumu workbook; 2 rows skipped". */
export function reportSummary(report: ImportReport, files: number, t: TFunction): string {
  const values = {
    cards: t('maps:import.cards', { count: report.cards }),
    links: t('maps:import.links', { count: report.links }),
    source: sourceWords(report.source, files, t),
  };
  return report.skippedRows > 0
    ? t('maps:import.summarySkipped', { ...values, skipped: t('maps:import.skipped', { count: report.skippedRows }) })
    : t('maps:import.summary', values);
}

/** Where a problem is, for its table row: the whole file, a row, or one cell. */
export function problemPlace(problem: ImportProblem, t: TFunction): { row: string; column: string } {
  return { row: problem.row === null ? t('maps:import.allRows') : String(problem.row), column: problem.column ?? '–' };
}

/**
 * An import's failure in words. The server's message when it sent one (errorText); otherwise
 * what its status means for a file (a proxy's 413 has no Loopmap body).
 */
export function importErrorMessage(error: unknown, t: TFunction): string {
  if (error instanceof ApiError && error.detail === null) {
    if (error.status === 413) return t('maps:import.error.tooLarge', { size: formatBytes(MAX_IMPORT_BYTES) });
    if (error.status === 415) return t('maps:import.error.unsupported');
    if (error.status === 422) return t('maps:import.error.unreadable');
  }
  return errorText(error, t, t('maps:import.error.failed'));
}
