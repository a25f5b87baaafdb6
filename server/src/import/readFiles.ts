import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { Unzip, UnzipInflate, unzipSync } from 'fflate';
import { MAX_IMPORT_ROWS, restoreCell, type ImportProblem, type SheetTable } from '@loopmap/shared';

/**
 * Turning an uploaded file into sheets of cell texts, defensively: the bytes decide what a file
 * is (not its name alone), and a workbook's zip is measured before exceljs inflates it, so a
 * password-protected workbook, a file that only claims to be one, or a zip bomb is refused
 * with a 4xx that says why.
 */

export interface UploadedFile {
  name: string;
  bytes: Uint8Array;
}

/** A file refused whole: the route answers `status` with this message. */
export class ImportRefusal extends Error {
  constructor(
    readonly status: 400 | 413 | 415 | 422,
    readonly code: 'bad_request' | 'unsupported_format' | 'payload_too_large' | 'validation_failed',
    message: string,
  ) {
    super(message);
  }
}

const bad = (message: string): ImportRefusal => new ImportRefusal(400, 'bad_request', message);

/** Most a workbook may inflate to, and the compression ratio above which it is a zip bomb. */
export const MAX_UNZIPPED_BYTES = 50 * 1024 * 1024;
export const MAX_ZIP_RATIO = 100;

const startsWith = (bytes: Uint8Array, magic: readonly number[]): boolean => magic.every((b, i) => bytes[i] === b);
const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
/** An OLE compound file: an encrypted (password-protected) workbook, or an old .xls. */
const CFB_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

export type FileFormat = 'json' | 'csv' | 'xlsx';

/** What a file is, from its first bytes and then its name. */
export function formatOf(file: UploadedFile): FileFormat {
  const extension = /\.([a-z0-9]+)$/i.exec(file.name)?.[1]?.toLowerCase() ?? '';
  if (startsWith(file.bytes, CFB_MAGIC)) {
    throw bad(
      `"${file.name}" is a password-protected workbook (or an old .xls file): remove the password, save it as .xlsx and import it again`,
    );
  }
  if (startsWith(file.bytes, ZIP_MAGIC)) {
    if (extension === 'xlsx' || extension === 'xlsm' || extension === '') return 'xlsx';
    throw new ImportRefusal(
      415,
      'unsupported_format',
      `"${file.name}" is a zip archive, not a workbook, CSV or JSON file`,
    );
  }
  if (extension === 'xlsx' || extension === 'xlsm') {
    throw bad(
      `"${file.name}" is not an Excel workbook: its content is not an .xlsx file (perhaps text renamed to .xlsx)`,
    );
  }
  if (extension === 'json') return 'json';
  if (extension === 'csv' || extension === 'tsv' || extension === 'txt') return 'csv';
  throw new ImportRefusal(
    415,
    'unsupported_format',
    `"${file.name}" cannot be imported: import a Loopmap .json file, a .csv file or an .xlsx workbook`,
  );
}

// ── Text files ───────────────────────────────────────────────────────────────────────────────

/**
 * A text file's characters: UTF-8 (with or without its byte order mark), UTF-16 as Excel's
 * "Unicode text" writes it, or else Windows-1252, as Excel saves "CSV" on Western Windows.
 */
export function decodeText(file: UploadedFile, notes: ImportProblem[]): string {
  const { bytes } = file;
  if (startsWith(bytes, [0xff, 0xfe])) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (startsWith(bytes, [0xfe, 0xff])) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    notes.push({
      sheet: file.name,
      row: null,
      column: null,
      reason: 'the file is not UTF-8: it was read as Windows-1252 (Western European); check accented letters',
    });
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

const tooManyRows = (rows: number): ImportRefusal =>
  new ImportRefusal(
    422,
    'validation_failed',
    `the file has ${rows.toLocaleString('en')} rows; an import takes at most ${MAX_IMPORT_ROWS.toLocaleString('en')}: split it into smaller files`,
  );

/** Counts the data rows (all but the first of each sheet) against MAX_IMPORT_ROWS. */
export function checkRowCount(sheets: readonly SheetTable[]): void {
  const rows = sheets.reduce((sum, sheet) => sum + Math.max(0, sheet.rows.length - 1), 0);
  if (rows > MAX_IMPORT_ROWS) throw tooManyRows(rows);
}

/**
 * The separator of a CSV file, from its first non-empty line (the header): a comma, or the
 * semicolon that Excel writes where the comma is the decimal mark, or a tab.
 */
function delimiterOf(text: string): string {
  const header = /^[^\r\n]*\S[^\r\n]*/m.exec(text)?.[0] ?? '';
  const count = (separator: string): number => header.split(separator).length - 1;
  return [';', '\t'].reduce((best, separator) => (count(separator) > count(best) ? separator : best), ',');
}

/** A CSV file's rows (comma, semicolon or tab separated), with neutralised cells restored. */
export function readCsv(file: UploadedFile, notes: ImportProblem[]): SheetTable {
  const text = decodeText(file, notes);
  const parsed = Papa.parse<string[]>(text, { delimiter: delimiterOf(text), skipEmptyLines: false });
  const quoting = parsed.errors.find((error) => error.type === 'Quotes');
  if (quoting) {
    const row = quoting.row === undefined ? '' : ` (row ${quoting.row + 1})`;
    throw bad(
      `"${file.name}" is not valid CSV${row}: ${quoting.code === 'MissingQuotes' ? 'a quoted cell is never closed (a " is missing)' : 'a quote inside a quoted cell is not doubled ("")'}`,
    );
  }
  const rows = parsed.data.map((row) => row.map(restoreCell));
  while (rows.length > 0 && rows[rows.length - 1]!.every((cell) => cell === '')) rows.pop();
  return { name: file.name, rows };
}

// ── Workbooks ────────────────────────────────────────────────────────────────────────────────

/**
 * Refuses a workbook whose zip would inflate beyond MAX_UNZIPPED_BYTES, first by the sizes its
 * central directory declares (no inflating), then by inflating it in small steps and counting,
 * since a hostile zip can declare small sizes and hold far more.
 */
export function checkZip(file: UploadedFile): void {
  let declared = 0;
  let compressed = 0;
  try {
    unzipSync(file.bytes, {
      filter: (entry) => {
        declared += entry.originalSize;
        compressed += entry.size;
        return false;
      },
    });
  } catch {
    throw bad(`"${file.name}" is damaged: its zip structure cannot be read`);
  }
  const bomb = (): ImportRefusal =>
    bad(
      `"${file.name}" would unpack to more than ${MAX_UNZIPPED_BYTES / 1024 / 1024} MiB: it is refused as a zip bomb`,
    );
  if (declared > MAX_UNZIPPED_BYTES) throw bomb();
  if (declared > 1024 * 1024 && declared / Math.max(1, compressed) > MAX_ZIP_RATIO) throw bomb();

  let inflated = 0;
  let failed: Error | null = null;
  const unzip = new Unzip((entry) => {
    entry.ondata = (error, chunk) => {
      if (error) failed = error;
      inflated += chunk?.length ?? 0;
      if (inflated > MAX_UNZIPPED_BYTES) entry.terminate();
    };
    entry.start();
  });
  unzip.register(UnzipInflate);
  const STEP = 16 * 1024;
  try {
    for (let at = 0; at < file.bytes.length && inflated <= MAX_UNZIPPED_BYTES && !failed; at += STEP) {
      unzip.push(file.bytes.subarray(at, at + STEP), at + STEP >= file.bytes.length);
    }
  } catch {
    throw bad(`"${file.name}" is damaged: part of it cannot be unpacked`);
  }
  if (inflated > MAX_UNZIPPED_BYTES) throw bomb();
  if (failed) throw bad(`"${file.name}" is damaged: part of it cannot be unpacked`);
}

const EMPTY_ROW: readonly string[] = Object.freeze([]);

const pad = (n: number): string => String(n).padStart(2, '0');

/** A date cell as text: the day (YYYY-MM-DD) when it is one, else the day and time. */
function dateText(date: Date): string {
  const day = `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
  const time = date.getUTCHours() * 3600 + date.getUTCMinutes() * 60 + date.getUTCSeconds();
  return time === 0 ? day : `${day} ${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}`;
}

/** A cell's text as the sheet shows it; formulas give their cached result and are never run. */
export function cellText(value: ExcelJS.CellValue | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : dateText(value);
  if ('richText' in value) return value.richText.map((run) => run.text).join('');
  if ('formula' in value || 'sharedFormula' in value)
    return cellText((value as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
  if ('hyperlink' in value) return cellText((value as ExcelJS.CellHyperlinkValue).text as ExcelJS.CellValue);
  return '';
}

/** The sheets of an .xlsx workbook, as texts; hidden sheets are left out. */
export async function readWorkbook(file: UploadedFile): Promise<SheetTable[]> {
  checkZip(file);
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(
      file.bytes.buffer.slice(file.bytes.byteOffset, file.bytes.byteOffset + file.bytes.byteLength) as ArrayBuffer,
    );
  } catch (error) {
    throw bad(`"${file.name}" cannot be read as an Excel workbook (${(error as Error).message.slice(0, 120)})`);
  }
  const visible = workbook.worksheets.filter((sheet) => sheet.state !== 'hidden' && sheet.state !== 'veryHidden');
  const rows = visible.reduce((sum, sheet) => sum + Math.max(0, sheet.actualRowCount - 1), 0);
  if (rows > MAX_IMPORT_ROWS) throw tooManyRows(rows);
  return visible.map((sheet) => {
    // Only cells with values are visited: a sheet formatted across all 16,384 columns or a
    // million empty rows costs nothing more (rows between them share one empty row).
    const table: (readonly string[])[] = [];
    sheet.eachRow((row, rowNumber) => {
      const cells: string[] = [];
      row.eachCell((cell, column) => {
        cells[column - 1] = cellText(cell.value);
      });
      table[rowNumber - 1] = Array.from(cells, (text) => text ?? '');
    });
    for (let index = 0; index < table.length; index++) table[index] ??= EMPTY_ROW;
    return { name: sheet.name, rows: table };
  });
}
