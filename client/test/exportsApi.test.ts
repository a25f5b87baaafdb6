import { describe, expect, it } from 'vitest';
import { MAX_IMPORT_BYTES, contentDisposition, downloadFileName } from '@loopmap/shared';
import {
  DEFAULT_EXPORT_CHOICES,
  exportParams,
  fileNameFromDisposition,
  importFilesProblem,
  mapExportUrl,
  picturePreviewUrl,
} from '../src/api/exportsApi.ts';
import { englishT as t } from './support/english.ts';

describe('fileNameFromDisposition', () => {
  it('reads back every name the server writes, in any script', () => {
    for (const title of ['Youth employment – v2', 'تمكين الشباب', '青年就业', 'Café 🌱 "quoted" 100%', 'a/b\\c']) {
      const name = downloadFileName(title, 'docx');
      expect(fileNameFromDisposition(contentDisposition(name))).toBe(name);
    }
  });

  it('prefers filename* (RFC 5987) to the ASCII fallback, in either order', () => {
    expect(fileNameFromDisposition(`attachment; filename*=UTF-8''Caf%C3%A9.pdf; filename="Cafe.pdf"`)).toBe('Café.pdf');
    expect(fileNameFromDisposition(`attachment; filename="Cafe.pdf"; filename*=utf-8'en'Caf%C3%A9.pdf`)).toBe(
      'Café.pdf',
    );
  });

  it('falls back to a quoted or bare filename, unescaping quotes', () => {
    expect(fileNameFromDisposition('attachment; filename="say \\"hi\\".md"')).toBe('say "hi".md');
    expect(fileNameFromDisposition('attachment; filename=map.svg')).toBe('map.svg');
  });

  it('ignores a broken filename* and keeps only the last path segment', () => {
    expect(fileNameFromDisposition(`attachment; filename*=UTF-8''%E0%A4%A.pdf; filename="plain.pdf"`)).toBe(
      'plain.pdf',
    );
    expect(fileNameFromDisposition('attachment; filename="../../etc/passwd"')).toBe('passwd');
    expect(fileNameFromDisposition(`attachment; filename*=UTF-8''..%2F..%2Fx.csv`)).toBe('x.csv');
    expect(fileNameFromDisposition('attachment; filename=".."')).toBeNull();
  });

  it('is null without a header or a name', () => {
    expect(fileNameFromDisposition(null)).toBeNull();
    expect(fileNameFromDisposition('attachment')).toBeNull();
  });
});

describe('exportParams', () => {
  const choices = { ...DEFAULT_EXPORT_CHOICES, scale: '3', background: 'transparent', size: 'slide' } as const;

  it('sends each format only its own options, and the snapshot', () => {
    expect(exportParams('png', choices)).toEqual({ scale: '3', background: 'transparent', size: 'slide' });
    expect(exportParams('pdf', { ...choices, page: 'letter', layout: 'tile' }, 'snap_1')).toEqual({
      page: 'letter',
      orientation: 'landscape',
      layout: 'tile',
      snapshot: 'snap_1',
    });
    expect(exportParams('csv', { ...choices, table: 'connections' })).toEqual({ table: 'connections' });
    expect(exportParams('svg', choices)).toEqual({});
    expect(exportParams('md', choices, 'snap_2')).toEqual({ snapshot: 'snap_2' });
  });

  it('asks Word for the open comments only when ticked', () => {
    expect(exportParams('docx', choices)).toEqual({});
    expect(exportParams('docx', { ...choices, comments: true })).toEqual({ comments: '1' });
  });

  it('builds the export address of the contract', () => {
    expect(mapExportUrl('m 1', 'png', choices)).toBe(
      '/api/maps/m%201/export?format=png&scale=3&background=transparent&size=slide',
    );
  });
});

describe('picturePreviewUrl', () => {
  it('previews a PNG on its own background, every other picture on white, of the same version', () => {
    const transparent = { ...DEFAULT_EXPORT_CHOICES, background: 'transparent' } as const;
    expect(picturePreviewUrl('m1', 'png', transparent, 'snap_1')).toBe(
      '/api/maps/m1/export?format=svg&background=transparent&snapshot=snap_1',
    );
    expect(picturePreviewUrl('m1', 'pdf', transparent)).toBe('/api/maps/m1/export?format=svg&background=white');
  });
});

describe('importFilesProblem', () => {
  const file = (name: string, size = 100) => ({ name, size });

  it('takes one JSON or workbook, or one or two CSV files', () => {
    expect(importFilesProblem([file('map.loopmap.json')], t)).toBeNull();
    expect(importFilesProblem([file('Logframe.XLSX')], t)).toBeNull();
    expect(importFilesProblem([file('elements.csv'), file('connections.csv')], t)).toBeNull();
  });

  it('says why other choices cannot go', () => {
    expect(importFilesProblem([], t)).toMatch(/Choose a file/);
    expect(importFilesProblem([file('notes.docx')], t)).toMatch(/“notes.docx” is not a file Loopmap imports/);
    expect(importFilesProblem([file('a.csv'), file('b.csv'), file('c.csv')], t)).toMatch(/two CSV files/);
    expect(importFilesProblem([file('a.json'), file('b.csv')], t)).toMatch(/Only CSV files come in pairs/);
  });

  it('refuses more than the server takes before sending anything', () => {
    expect(importFilesProblem([file('big.xlsx', MAX_IMPORT_BYTES)], t)).toBeNull();
    expect(importFilesProblem([file('big.xlsx', MAX_IMPORT_BYTES + 1)], t)).toBe(
      'The file is 10 MB; Loopmap imports up to 10 MB.',
    );
    expect(
      importFilesProblem([file('a.csv', MAX_IMPORT_BYTES / 2 + 1), file('b.csv', MAX_IMPORT_BYTES / 2)], t),
    ).toMatch(/^The files are 10 MB; Loopmap imports up to 10 MB/);
  });
});
