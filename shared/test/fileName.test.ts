import { describe, expect, it } from 'vitest';
import { contentDisposition, downloadFileName, safeFileTitle } from '../src/export/fileName.ts';

describe('download file names', () => {
  it('keeps titles in every script and drops what file systems refuse', () => {
    expect(downloadFileName('Youth employment — مؤشر التعلم 🌱', 'docx')).toBe(
      'Youth employment — مؤشر التعلم 🌱.docx',
    );
    expect(safeFileTitle('a/b\\c:d*e?f"g<h>i|j')).toBe('a b c d e f g h i j');
    expect(safeFileTitle('line\nbreak\ttab\u0000nul\u202Eright-to-left override')).toBe(
      'line break tab nul right-to-left override',
    );
  });

  it('never names a device, a hidden file or a name ending in a dot or space', () => {
    expect(safeFileTitle('CON')).toBe('CON_');
    expect(safeFileTitle('lpt1.txt')).toBe('lpt1.txt_');
    expect(safeFileTitle('...hidden')).toBe('hidden');
    expect(safeFileTitle('trailing. . ')).toBe('trailing');
    expect(safeFileTitle('   ')).toBe('map');
    expect(safeFileTitle('../../etc/passwd')).toBe('etc passwd');
  });

  it('keeps at most 80 characters of title, never half an emoji', () => {
    const name = safeFileTitle('🌱'.repeat(100));
    expect(Array.from(name)).toHaveLength(80);
    expect(name).toBe('🌱'.repeat(80));
  });

  it('writes a header every browser reads: an ASCII fallback and the exact name (RFC 5987)', () => {
    const header = contentDisposition('Café (v2) — مؤشر.pdf');
    expect(header.startsWith('attachment; filename="Cafe (v2)')).toBe(true);
    expect(header).toContain(`.pdf"; filename*=UTF-8''`);
    const exact = /filename\*=UTF-8''(.+)$/.exec(header)![1]!;
    expect(exact).not.toMatch(/[()'*\s"]/);
    expect(decodeURIComponent(exact)).toBe('Café (v2) — مؤشر.pdf');
    expect(contentDisposition('مؤشر.pdf')).toContain('filename="download.pdf"');
  });
});
