/**
 * CSV as spreadsheets read it (RFC 4180): fields quoted when they hold a comma, a quote or a
 * line break, quotes doubled, CRLF between records, and a UTF-8 byte order mark so that Excel
 * opens Arabic, Chinese and accented text as UTF-8 rather than the machine's code page.
 */

const BOM = '\uFEFF';

/**
 * A cell that a spreadsheet would run as a formula (= + - @, or a tab or carriage return that
 * some of them skip before one) is written behind an apostrophe, which spreadsheets show as
 * text (OWASP's advice on CSV injection). Text that already starts with apostrophes before such
 * a character gets one more, so that restoreCell can always give back exactly what was written.
 */
const FORMULA_START = /^'*[=+\-@\t\r]/;

export function neutraliseCell(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** The text neutraliseCell was given. */
export function restoreCell(text: string): string {
  return text.startsWith("'") && FORMULA_START.test(text.slice(1)) ? text.slice(1) : text;
}

function quoteField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A CSV file of a header row and data rows, every cell neutralised against formulas. */
export function toCsv(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const lines = [headers, ...rows].map((row) => row.map((cell) => quoteField(neutraliseCell(cell))).join(','));
  return `${BOM}${lines.join('\r\n')}\r\n`;
}
