import { describe, expect, it } from 'vitest';
import { strFromU8, unzipSync } from 'fflate';
import {
  CONTENT_WIDTH_PX,
  fitPicture,
  heading,
  isMostlyRightToLeft,
  packDocument,
  para,
  table,
} from '../src/export/docx/documentStyle.ts';

describe('isMostlyRightToLeft', () => {
  it('runs Arabic and Hebrew right to left, and text that is mostly Latin or Chinese left to right', () => {
    expect(isMostlyRightToLeft('مؤشر التعلم')).toBe(true);
    expect(isMostlyRightToLeft('שלום עולם')).toBe(true);
    expect(isMostlyRightToLeft('مؤشر التعلم (KPI 3)')).toBe(true);
    expect(isMostlyRightToLeft('Adoption rate مؤشر')).toBe(false);
    expect(isMostlyRightToLeft('社区学习')).toBe(false);
    expect(isMostlyRightToLeft('🌱 Seeds')).toBe(false);
    expect(isMostlyRightToLeft('2026-03-02')).toBe(false);
  });
});

describe('fitPicture', () => {
  it('fits a wide picture to the page width and a tall one to the page height, proportions kept', () => {
    const wide = fitPicture(4800, 1200);
    expect(wide.width).toBe(CONTENT_WIDTH_PX);
    expect(wide.height).toBe(Math.round((1200 * CONTENT_WIDTH_PX) / 4800));
    const tall = fitPicture(1000, 10_000);
    expect(tall.height).toBeLessThan(1000);
    expect(tall.width / tall.height).toBeCloseTo(0.1, 2);
    expect(fitPicture(300, 200)).toEqual({ width: 300, height: 200 });
  });
});

describe('packDocument', () => {
  it('writes headings with their styles, right-to-left paragraphs, a repeating table header, and no character XML refuses', async () => {
    const bytes = await packDocument({ title: 'T', description: 'D', language: 'en' }, [
      {
        children: [
          heading(1, 'Pathways'),
          para('مؤشر التعلم'),
          para('Bell\u0007 and lone \uD800 surrogate\nsecond line'),
          table(['A', 'B'], [['1', ['x', 'y']]]),
        ],
      },
    ]);
    const xml = strFromU8(unzipSync(bytes)['word/document.xml']!);
    expect(xml).toContain('<w:pStyle w:val="Heading1"/>');
    expect(xml).toMatch(/<w:bidi\/>.*مؤشر التعلم/s);
    expect(xml).toContain('<w:tblHeader/>');
    expect(xml).toContain('Bell and lone  surrogate');
    expect(xml).toContain('second line');
    // eslint-disable-next-line no-control-regex -- the characters that must not be there
    expect(xml).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]|[\uD800-\uDFFF]/);
  });
});
