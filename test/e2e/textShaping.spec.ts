import { textShaper } from '../../server/src/export/textEngine.ts';
import { expect, requirePrerequisites, test } from './support/fixtures.ts';

requirePrerequisites();

/**
 * Exported pictures shape text with HarfBuzz and the Unicode bidi algorithm (shared/src/render),
 * not with the browser. This compares them with Chromium drawing the same text in the same fonts
 * (served by /fonts/): Arabic joined and ordered right to left, mixed with Latin and digits. The
 * two are drawn on canvases at the same baseline and their ink compared pixel by pixel.
 */

const SIZE = 40;
const CASES = [
  { name: 'Arabic alone', text: 'مرحبا بالعالم' },
  { name: 'Latin then Arabic with digits in brackets', text: 'Youth employment — مؤشر التعلم (2026)' },
  { name: 'Arabic then Latin and a number', text: 'مؤشر التعلم Learning index 2027' },
  { name: 'accents', text: 'Café naïve résumé à l’école' },
];

test('exported text is shaped and ordered as Chromium draws it', async ({ page, server }) => {
  const shaper = await textShaper();
  await page.goto(`${server.url}/healthz`);
  for (const { name, text } of CASES) {
    const line = shaper.shape(text, { size: SIZE, weight: 'regular' });
    const paths = line.glyphs
      .map((g) => `<path transform="translate(${g.x} ${g.y})" d="${shaper.outline(g.font, g.glyph, SIZE)}"/>`)
      .join('');
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="80"><g transform="translate(10 56)">${paths}</g></svg>`;
    const result = await page.evaluate(
      async ({ svg, text, rtl, size }) => {
        const faces = [
          new FontFace('ExportLatin', 'url(/fonts/latin-regular.ttf)'),
          new FontFace('ExportArabic', 'url(/fonts/arabic-regular.ttf)'),
        ];
        const fonts = document.fonts as unknown as { add(face: FontFace): void };
        for (const face of faces) fonts.add(await face.load());
        const draw = (paint: (ctx: CanvasRenderingContext2D) => void): Uint8ClampedArray => {
          const canvas = document.createElement('canvas');
          canvas.width = 1200;
          canvas.height = 80;
          const ctx = canvas.getContext('2d')!;
          paint(ctx);
          return ctx.getImageData(0, 0, 1200, 80).data;
        };
        const chromium = draw((ctx) => {
          ctx.font = `${size}px ExportLatin, ExportArabic`;
          ctx.direction = rtl ? 'rtl' : 'ltr';
          ctx.textAlign = 'left';
          ctx.textBaseline = 'alphabetic';
          ctx.fillText(text, 10, 56);
        });
        const image = new Image();
        image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
        await image.decode();
        const ours = draw((ctx) => ctx.drawImage(image, 0, 0));
        // Ink: pixels more than half covered. Overlap of the two inks over their union.
        let both = 0;
        let either = 0;
        for (let i = 3; i < chromium.length; i += 4) {
          const a = chromium[i]! > 127;
          const b = ours[i]! > 127;
          if (a && b) both++;
          if (a || b) either++;
        }
        const measured = (() => {
          const ctx = document.createElement('canvas').getContext('2d')!;
          ctx.font = `${size}px ExportLatin, ExportArabic`;
          ctx.direction = rtl ? 'rtl' : 'ltr';
          return ctx.measureText(text).width;
        })();
        return { overlap: either === 0 ? 0 : both / either, ink: either, measured };
      },
      { svg, text, rtl: line.rtl, size: SIZE },
    );
    expect(result.ink, `${name}: something was drawn`).toBeGreaterThan(500);
    expect(Math.abs(result.measured - line.width), `${name}: same advance width`).toBeLessThan(1);
    expect(result.overlap, `${name}: the same glyphs in the same places`).toBeGreaterThan(0.9);
  }
});
