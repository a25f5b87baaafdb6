import { describe, expect, it } from 'vitest';
import { ApiError } from '../src/api/ApiError.ts';
import { importErrorMessage, problemPlace, reportSummary } from '../src/pages/import/importText.ts';
import { englishT as t } from './support/english.ts';

describe('the import dialog’s words', () => {
  it('sums an import up as a person reads it', () => {
    const report = { cards: 23, links: 31, skippedRows: 1, problems: [] };
    expect(reportSummary({ ...report, source: { format: 'xlsx', layout: 'kumu' } }, 1, t)).toBe(
      '23 cards, 31 links from a Kumu workbook; 1 row skipped',
    );
    expect(
      reportSummary({ ...report, cards: 1, links: 0, skippedRows: 0, source: { format: 'csv', layout: 'kumu' } }, 2, t),
    ).toBe('1 card, 0 links from Kumu CSV files');
  });

  it('places a problem in its file, row and column', () => {
    expect(problemPlace({ sheet: 'Elements', row: 4, column: 'Label', reason: 'no label' }, t)).toEqual({
      row: '4',
      column: 'Label',
    });
    expect(problemPlace({ sheet: 'map.json', row: null, column: null, reason: 'not JSON' }, t)).toEqual({
      row: 'All',
      column: '–',
    });
  });

  it('keeps the server’s reason, and says what a bare status means for a file', () => {
    expect(
      importErrorMessage(
        new ApiError(
          'The workbook is password-protected.',
          415,
          'unsupported_format',
          null,
          'the workbook is password-protected',
        ),
        t,
      ),
    ).toBe('The workbook is password-protected.');
    expect(importErrorMessage(new ApiError('Request failed (413).', 413, 'bad_request'), t)).toBe(
      'The file is too large: Loopmap imports up to 10 MB.',
    );
    expect(importErrorMessage(new Error(''), t)).toBe('The file could not be imported.');
  });
});
