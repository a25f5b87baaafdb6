import { describe, expect, it } from 'vitest';
import { zipSync } from 'fflate';
import type { ImportProblem } from '@loopmap/shared';
import { cellText, checkZip, decodeText, formatOf, readCsv } from '../src/import/readFiles.ts';

/** Sets every size a zip declares for its entries (local headers and central directory) to `size`. */
function declareSizes(zip: Uint8Array, size: number): Uint8Array {
  const out = zip.slice();
  const view = new DataView(out.buffer);
  for (let at = 0; at + 4 <= out.length; at++) {
    const signature = view.getUint32(at, true);
    if (signature === 0x04034b50) view.setUint32(at + 22, size, true);
    if (signature === 0x02014b50) view.setUint32(at + 24, size, true);
  }
  return out;
}

describe('reading uploaded files', () => {
  it('refuses a zip bomb that declares small sizes, by counting what it really inflates to', () => {
    const honest = zipSync({ 'xl/worksheets/sheet1.xml': new Uint8Array(60 * 1024 * 1024) });
    expect(() => checkZip({ name: 'honest.xlsx', bytes: honest })).toThrow(
      '"honest.xlsx" would unpack to more than 50 MiB: it is refused as a zip bomb',
    );
    const lying = declareSizes(honest, 1000);
    expect(() => checkZip({ name: 'lying.xlsx', bytes: lying })).toThrow(
      '"lying.xlsx" would unpack to more than 50 MiB: it is refused as a zip bomb',
    );
    expect(() => checkZip({ name: 'small.xlsx', bytes: zipSync({ 'a.xml': new Uint8Array(1000) }) })).not.toThrow();
  });

  it('tells files apart by their bytes, then their name', () => {
    const zip = zipSync({ 'a.xml': new Uint8Array(10) });
    expect(formatOf({ name: 'book.xlsx', bytes: zip })).toBe('xlsx');
    expect(() => formatOf({ name: 'archive.zip', bytes: zip })).toThrow('"archive.zip" is a zip archive');
    expect(formatOf({ name: 'map.JSON', bytes: new TextEncoder().encode('{}') })).toBe('json');
    expect(formatOf({ name: 'sheet.tsv', bytes: new TextEncoder().encode('a\tb') })).toBe('csv');
  });

  it('reads Excel\'s "CSV" on Western Windows (Windows-1252) and says so', () => {
    const notes: ImportProblem[] = [];
    const bytes = new Uint8Array([0x4c, 0x61, 0x62, 0x65, 0x6c, 0x0a, 0x43, 0x61, 0x66, 0xe9]); // "Label\nCafé"
    expect(decodeText({ name: 'old.csv', bytes }, notes)).toBe('Label\nCafé');
    expect(notes).toEqual([
      {
        sheet: 'old.csv',
        row: null,
        column: null,
        reason: 'the file is not UTF-8: it was read as Windows-1252 (Western European); check accented letters',
      },
    ]);
    const utf16 = new Uint8Array([0xff, 0xfe, ...[...'Label'].flatMap((c) => [c.charCodeAt(0), 0])]);
    expect(decodeText({ name: 'unicode.txt', bytes: utf16 }, [])).toBe('Label');
  });

  it('restores neutralised cells and guesses semicolons', () => {
    const bytes = new TextEncoder().encode("\uFEFFLabel;Type\r\n'=SUM(A1);Outcome\r\n\r\n");
    expect(readCsv({ name: 'fr.csv', bytes }, []).rows).toEqual([
      ['Label', 'Type'],
      ['=SUM(A1)', 'Outcome'],
    ]);
  });

  it("reads a cell's text as the sheet shows it, never running a formula", () => {
    expect(cellText({ formula: 'HYPERLINK("x")', result: 'shown' } as never)).toBe('shown');
    expect(cellText({ richText: [{ text: 'rich ' }, { text: 'text' }] })).toBe('rich text');
    expect(cellText({ text: 'a link', hyperlink: 'https://example.org' })).toBe('a link');
    expect(cellText(new Date('2026-01-15T00:00:00Z'))).toBe('2026-01-15');
    expect(cellText(new Date('2026-01-15T09:30:00Z'))).toBe('2026-01-15 09:30');
    expect(cellText(45)).toBe('45');
    expect(cellText(true)).toBe('TRUE');
    expect(cellText({ error: '#DIV/0!' } as never)).toBe('');
  });
});
