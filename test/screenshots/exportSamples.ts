/**
 * Writes sample exports of the worked example to docs/screenshots/: the PNG picture, the PDF's
 * first page, the first two pages of the Word report and the logframe sheet of the workbook, each as a PNG people can look
 * at without opening Word or Excel. The files come from the real export formats (the same code
 * the route runs in its workers); LibreOffice and Poppler turn the documents into pictures, as a
 * reader's own tools would show them.
 *
 *   apt-get install -y libreoffice-writer-nogui libreoffice-calc-nogui poppler-utils
 *   pnpm docs:export-samples
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildTemplate, mapJsonSchema } from '@loopmap/shared';
import { runExportJob } from '../../server/src/export/runJob.ts';
import type { MapExportJob } from '../../server/src/export/jobs.ts';

const out = join(import.meta.dirname, '..', '..', 'docs', 'screenshots');
const work = mkdtempSync(join(tmpdir(), 'loopmap-samples-'));
const map = mapJsonSchema.parse(
  buildTemplate('learning-community', {
    title: 'Learning community of youth employment services',
    today: '2026-12-04',
  }),
);

function job(format: string, params: Record<string, string> = {}): MapExportJob {
  return {
    kind: 'map',
    format,
    map,
    version: { label: 'Live map', at: '2026-12-04T10:00:00.000Z', snapshotId: null, seq: 1 },
    generatedAt: '2026-12-04T10:00:00.000Z',
    params,
    comments: null,
  };
}

async function write(format: string, file: string, params?: Record<string, string>): Promise<string> {
  const result = await runExportJob(job(format, params));
  const path = join(work, file);
  writeFileSync(path, result.body);
  return path;
}

/** A page of a document as a PNG: LibreOffice makes a PDF, Poppler draws its first page. */
function documentPage(document: string, name: string, dpi: number, page = 1, topShare = 1): void {
  const pdf = document.replace(/\.[a-z]+$/, '.pdf');
  if (!existsSync(pdf)) {
    execFileSync('soffice', ['--headless', '--convert-to', 'pdf', '--outdir', work, document], { stdio: 'ignore' });
  }
  // A sheet's rows fill the top of its (landscape) page: keep that share of it.
  const crop =
    topShare < 1
      ? ['-x', '0', '-y', '0', '-W', String(11.7 * dpi), '-H', String(Math.round(8.3 * dpi * topShare))]
      : [];
  execFileSync('pdftoppm', [
    '-png',
    '-r',
    String(dpi),
    ...crop,
    '-f',
    String(page),
    '-l',
    String(page),
    '-singlefile',
    pdf,
    join(out, name),
  ]);
  console.log(`wrote docs/screenshots/${name}.png`);
}

try {
  copyFileSync(await write('png', 'map.png'), join(out, 'export-picture.png'));
  console.log('wrote docs/screenshots/export-picture.png');
  const docx = await write('docx', 'report.docx');
  const xlsx = await write('xlsx', 'workbook.xlsx');
  const pdf = await write('pdf', 'map.pdf');
  execFileSync('pdftoppm', [
    '-png',
    '-r',
    '60',
    '-f',
    '1',
    '-l',
    '1',
    '-singlefile',
    pdf,
    join(out, 'export-pdf-page1'),
  ]);
  console.log('wrote docs/screenshots/export-pdf-page1.png');
  if (!existsSync('/usr/bin/soffice')) {
    console.log('LibreOffice is not installed: skipped the Word and Excel pages (see the command above).');
  } else {
    documentPage(docx, 'export-word-page1', 80);
    documentPage(docx, 'export-word-page2', 80, 2);
    documentPage(xlsx, 'export-logframe-sheet', 150, 1, 0.3);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
