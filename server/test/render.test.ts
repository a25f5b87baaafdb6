import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { buildTemplate, renderMapSvg, wrapText, type TextStyle } from '@loopmap/shared';
import { textShaper } from '../src/export/textEngine.ts';
import { translatorFor } from '../src/i18n.ts';

const t = translatorFor('en', 'exports');

/** The shared renderer with the real text engine and fonts (HarfBuzz, the shipped Noto files). */

const STYLE: TextStyle = { size: 13.5, weight: 'regular' };
const TITLES = [
  'Young people in member cities find decent work',
  'Supercalifragilisticexpialidociouslyextraordinarilylongword that cannot break anywhere',
  'مؤشر التعلم يرتفع في المدارس المحلية بحلول عام ٢٠٢٧ مع شركائنا',
  '社区学习中心帮助青年找到体面的工作并与城市合作伙伴分享经验',
  '🌱 Seeds of change 👩🏽‍🌾 for the farmers’ cooperative network',
  'Mixed العربية and English (2026) — with accents: café, naïve',
];

describe('text in pictures', () => {
  it('wraps every title into lines no wider than the card, keeping all of it when it fits', async () => {
    const shaper = await textShaper();
    for (const title of TITLES) {
      const lines = wrapText(shaper, title, STYLE, 196, 10);
      for (const line of lines) expect(shaper.shape(line, STYLE).width, line).toBeLessThanOrEqual(196);
      expect(lines.join('').replace(/[\s\u200e\u200f]/g, '')).toBe(title.replace(/\s/g, ''));
    }
  });

  it('ends a title that does not fit its lines with an ellipsis, still within the width', async () => {
    const shaper = await textShaper();
    for (const title of TITLES) {
      const lines = wrapText(shaper, `${title} ${title} ${title}`, STYLE, 120, 2);
      expect(lines.length).toBeLessThanOrEqual(2);
      expect(lines[lines.length - 1]!.endsWith('…')).toBe(true);
      for (const line of lines) expect(shaper.shape(line, STYLE).width).toBeLessThanOrEqual(120);
    }
  });

  it('never draws a line wider than asked, whatever the text (property)', async () => {
    const shaper = await textShaper();
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom('a', 'W', ' ', 'م', 'ع', '学', '🌱', 'é', '-', '\n', '1'), maxLength: 80 }),
        fc.integer({ min: 40, max: 260 }),
        fc.integer({ min: 1, max: 5 }),
        (text, width, maxLines) => {
          const lines = wrapText(shaper, text, STYLE, width, maxLines);
          expect(lines.length).toBeLessThanOrEqual(maxLines);
          for (const line of lines) expect(shaper.shape(line, STYLE).width).toBeLessThanOrEqual(width);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('has a glyph for every character of the scripts it ships fonts for (no empty boxes)', async () => {
    const shaper = await textShaper();
    const samples = [
      'Café naïve Ελληνικά Русский',
      'مؤشر التعلم',
      'שלום עולם',
      'ภาษาไทย',
      '社区学习 ひらがな カタカナ',
      '🌱👩🏽‍🌾',
    ];
    for (const sample of samples) {
      const line = shaper.shape(sample, STYLE);
      expect(
        line.glyphs.every((glyph) => glyph.glyph !== 0),
        sample,
      ).toBe(true);
    }
    expect(shaper.shape('שלום', STYLE).rtl).toBe(true);
  });

  it('keeps a paragraph’s direction on every line it wraps to, as a browser does', async () => {
    const shaper = await textShaper();
    const arabicFirst = 'برنامج التوظيف Youth employment programme for the cities of the network';
    const lines = wrapText(shaper, arabicFirst, STYLE, 150, 5);
    expect(lines.length).toBeGreaterThan(2);
    for (const line of lines) expect(shaper.shape(line, STYLE).rtl, line).toBe(true);
    const latinFirst = 'Programme for the network برنامج التوظيف في المدن';
    for (const line of wrapText(shaper, latinFirst, STYLE, 110, 5)) {
      expect(shaper.shape(line, STYLE).rtl, line).toBe(false);
    }
  });

  it('adds one ellipsis, and none for blank lines left over', async () => {
    const shaper = await textShaper();
    expect(wrapText(shaper, 'First line\n\n\n', STYLE, 196, 1)).toEqual(['First line']);
    const cut = wrapText(shaper, `${'Overflowing '.repeat(40)}`, STYLE, 120, 2);
    expect(cut[cut.length - 1]!.match(/…/g)).toHaveLength(1);
  });

  it('orders a right-to-left line from its right edge: the last Arabic word is drawn leftmost', async () => {
    const shaper = await textShaper();
    const whole = shaper.shape('مرحبا بالعالم', STYLE);
    const first = shaper.shape('مرحبا', STYLE);
    expect(whole.rtl).toBe(true);
    // The first word's glyphs sit at the right end of the line.
    const firstWordGlyphs = new Set(first.glyphs.map((g) => g.glyph));
    const rightmost = whole.glyphs.slice(-first.glyphs.length).map((g) => g.glyph);
    expect(rightmost.every((glyph) => firstWordGlyphs.has(glyph))).toBe(true);
  });
});

describe('pictures of a map', () => {
  it('renders the worked example the same way twice (byte for byte)', async () => {
    const shaper = await textShaper();
    const map = buildTemplate('learning-community', { title: 'Learning community', today: '2026-12-04' });
    const a = renderMapSvg(map, { shaper, t, versionLabel: 'Live map', dateText: '4 December 2026' });
    const b = renderMapSvg(map, { shaper, t, versionLabel: 'Live map', dateText: '4 December 2026' });
    expect(a.svg).toBe(b.svg);
    expect(a.width).toBeGreaterThan(640);
    expect(a.svg).toContain('Young people in member cities find decent work');
  });

  it('renders an empty map with its title and no legend rows', async () => {
    const shaper = await textShaper();
    const map = buildTemplate('blank-toc', { title: 'Nothing yet', today: '2026-12-04' });
    const { svg, width, height } = renderMapSvg(map, { shaper, t });
    expect(svg).toContain('<title>Nothing yet</title>');
    expect(svg).not.toContain('class="card"');
    expect(width).toBeGreaterThanOrEqual(640);
    expect(height).toBeGreaterThan(100);
  });
});
