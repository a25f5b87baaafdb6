import {
  LAYERED_IMPORT_MAX_CARDS,
  MAX_IMPORT_ROWS,
  layOutImport,
  readMapJsonText,
  readTables,
  writeMapJSON,
  type ImportProblem,
  type ImportReport,
  type MapJSON,
  type RecordedChange,
  type SheetTable,
  type TablesRead,
} from '@loopmap/shared';
import {
  ImportRefusal,
  checkRowCount,
  decodeText,
  formatOf,
  readCsv,
  readWorkbook,
  type FileFormat,
  type UploadedFile,
} from './readFiles.ts';
import { firstUpdateOf } from '../storage/firstUpdate.ts';

/** An import read in a worker thread: the uploaded files and the title given with them. */
export interface ImportJob {
  kind: 'import';
  files: UploadedFile[];
  /** The title typed with the upload; null to take the file's. */
  title: string | null;
  /**
   * Who creates the map, when the import is for real: the job then also builds the map's first
   * update (writing thousands of cards takes the event loop hundreds of milliseconds). Null for
   * a dry run.
   */
  ownerId: string | null;
}

/** The new map's first update, built in the worker, base64 to travel in the outcome's JSON. */
export interface BuiltMap {
  title: string;
  kind: MapJSON['meta']['kind'];
  update: string;
  change: RecordedChange;
}

/** What an import job answers: the laid-out map and its report, or why the file was refused. */
export type ImportOutcome =
  | { ok: true; report: ImportReport; preview: MapJSON; built: null }
  | { ok: true; report: ImportReport; preview: null; built: BuiltMap | null }
  | { ok: false; status: ImportRefusal['status']; code: ImportRefusal['code']; message: string };

/** "Youth employment.elements.csv" → "Youth employment". */
export function titleFromFileName(name: string): string {
  return name
    .replace(/\.(loopmap\.json|json|csv|tsv|txt|xlsx|xlsm)$/i, '')
    .replace(/[\s._-]*(elements|connections)$/i, '')
    .trim();
}

async function readFiles(job: ImportJob, formats: FileFormat[], notes: ImportProblem[]): Promise<TablesRead> {
  const first = job.files[0]!;
  const title = job.title ?? titleFromFileName(first.name);
  if (formats[0] === 'json') {
    const result = readMapJsonText(decodeText(first, notes), job.title);
    if (!result.ok) throw new ImportRefusal(400, 'bad_request', `"${first.name}": ${result.message}`);
    const rows = result.read.map.nodes.length + result.read.map.edges.length;
    if (rows > MAX_IMPORT_ROWS) {
      throw new ImportRefusal(
        422,
        'validation_failed',
        `the map has ${rows.toLocaleString('en')} cards and links; an import takes at most ${MAX_IMPORT_ROWS.toLocaleString('en')}`,
      );
    }
    return result.read;
  }
  let sheets: SheetTable[];
  if (formats[0] === 'xlsx') sheets = await readWorkbook(first);
  else {
    sheets = job.files.map((file) => readCsv(file, notes));
    checkRowCount(sheets);
  }
  return readTables(sheets, formats[0]!, title);
}

/**
 * Reads uploaded files as a new map: a Loopmap JSON file, one or two CSV files, or a workbook;
 * lays the map out when the file gave no positions. Never throws: a refusal is an outcome.
 */
export async function runImportJob(job: ImportJob): Promise<ImportOutcome> {
  try {
    if (job.files.length === 0) {
      throw new ImportRefusal(400, 'bad_request', 'no file: send the file in a form field named "file"');
    }
    const formats = job.files.map(formatOf);
    if (job.files.length > 2 || (job.files.length === 2 && formats.some((format) => format !== 'csv'))) {
      throw new ImportRefusal(
        400,
        'bad_request',
        'import one file, or two CSV files (one of elements, one of connections)',
      );
    }
    const notes: ImportProblem[] = [];
    const read = await readFiles(job, formats, notes);
    const { map: preview, layout } = await layOutImport(read.map, read.positioned);
    if (layout === 'rows') {
      notes.push({
        sheet: job.files[0]!.name,
        row: null,
        column: null,
        reason: `more than ${LAYERED_IMPORT_MAX_CARDS} cards: they are set out in rows by kind; select a part of the map and use Tidy up to lay it out`,
      });
    }
    const report = { ...read.report, problems: [...notes, ...read.report.problems] };
    if (job.ownerId === null) return { ok: true, report, preview, built: null };
    if (report.cards === 0) return { ok: true, report, preview: null, built: null };
    const first = firstUpdateOf(job.ownerId, (doc, origin) => writeMapJSON(doc, preview, origin));
    const built = {
      title: preview.meta.title,
      kind: preview.meta.kind,
      update: Buffer.from(first.initialUpdate).toString('base64'),
      change: first.initialChange,
    };
    return { ok: true, report, preview: null, built };
  } catch (error) {
    if (error instanceof ImportRefusal) {
      return { ok: false, status: error.status, code: error.code, message: error.message };
    }
    // A file no reader foresaw: say so, rather than fail as a server error.
    return {
      ok: false,
      status: 400,
      code: 'bad_request',
      message: `the file could not be read (${(error as Error).message.slice(0, 160)})`,
    };
  }
}
