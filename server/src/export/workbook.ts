import ExcelJS from 'exceljs';
import {
  buildReport,
  connectionTable,
  directionOf,
  localeOf,
  registerTables,
  elementTable,
  parseDate,
  type ColumnType,
  type MapJSON,
  type TableRows,
  type Translate,
} from '@loopmap/shared';

/**
 * The Excel workbook of a map (exceljs: the npm `xlsx` package's last release there has known
 * vulnerabilities when reading files). Every sheet has a bold, frozen header row with filters
 * and readable column widths; dates are real dates and numbers real numbers where the text is
 * one. Text is always written as text: exceljs writes a string as a shared string, never as a
 * formula, so a card titled "=HYPERLINK(…)" stays a title.
 * First the logframe and the registers (assumptions with their reviews, indicators with their
 * readings, partners with their latest health, risks), from the report model the Word and
 * Markdown reports share; then the Elements and Connections sheets, in the same columns as the
 * CSV export, which is what the import reads back.
 */

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE2E8F0' } };
const MIN_WIDTH = 8;
const MAX_WIDTH = 60;

/** A number written as the same text it came from ("45", "-3.5"), else null ("007", "1e3"). */
export function numberOf(text: string): number | null {
  if (text.trim() !== text || text === '') return null;
  const value = Number(text);
  return Number.isFinite(value) && String(value) === text ? value : null;
}

/** A day as Excel stores it: midnight UTC, shown as YYYY-MM-DD. */
function dateOf(text: string): Date | null {
  const day = parseDate(text);
  return day === null ? null : new Date(`${day}T00:00:00Z`);
}

function typedCell(text: string, type: ColumnType): ExcelJS.CellValue {
  if (text === '') return null;
  if (type === 'number') return numberOf(text) ?? text;
  if (type === 'date') return dateOf(text) ?? text;
  return text;
}

/** A sheet of a header row and typed rows, with the header bold, frozen and filtered. */
export function addTableSheet(
  workbook: ExcelJS.Workbook,
  name: string,
  table: TableRows,
  rightToLeft = false,
): ExcelJS.Worksheet {
  const sheet = workbook.addWorksheet(name, {
    views: [{ state: 'frozen', xSplit: 0, ySplit: 1, rightToLeft }],
    // Printed landscape, as wide as the page, the header row on every page.
    pageSetup: { orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:1' },
  });
  sheet.addRow(table.headers);
  for (const row of table.rows) sheet.addRow(row.map((text, index) => typedCell(text, table.types[index] ?? 'text')));
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.fill = HEADER_FILL;
  header.alignment = { vertical: 'middle' };
  if (table.headers.length > 0) {
    sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: table.headers.length } };
  }
  for (const [index, headerText] of table.headers.entries()) {
    const column = sheet.getColumn(index + 1);
    const longest = Math.max(
      headerText.length,
      ...table.rows.slice(0, 500).map((row) => Math.max(...(row[index] ?? '').split('\n').map((line) => line.length))),
    );
    column.width = Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, longest + 2));
    if (table.types[index] === 'date') column.numFmt = 'yyyy-mm-dd';
    if (longest > MAX_WIDTH) column.alignment = { wrapText: true, vertical: 'top' };
  }
  return sheet;
}

/** The workbook, its sheet names, headers and words in `t`'s language; right to left in Arabic. */
export async function mapWorkbook(map: MapJSON, generatedAt: string, t: Translate): Promise<Uint8Array> {
  const rtl = directionOf(localeOf(t)) === 'rtl';
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Loopmap';
  workbook.title = map.meta.title;
  workbook.created = new Date(generatedAt);
  workbook.modified = new Date(generatedAt);
  for (const { name, table } of registerTables(buildReport(map), t)) addTableSheet(workbook, name, table, rtl);
  addTableSheet(workbook, t('exports:sheet.elements'), elementTable(map, t), rtl);
  addTableSheet(workbook, t('exports:sheet.connections'), connectionTable(map, t), rtl);
  const buffer = await workbook.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}
