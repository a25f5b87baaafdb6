import type { PaintStyle, PictureCanvas } from './renderMapSvg.ts';
import type { ShapedLine, TextShaper } from './text.ts';
import { escapeXml } from './xml.ts';

const round = (n: number): number => Math.round(n * 100) / 100;

/**
 * A picture drawn as SVG markup. Glyph outlines are defined once in <defs> and placed by
 * reference (<use>), so a map's thousand titles cost one outline per letter, not per use.
 */
export class SvgCanvas implements PictureCanvas {
  private readonly parts: string[] = [];
  private readonly glyphIds = new Map<string, string>();
  private readonly defs: string[] = [];

  constructor(private readonly shaper: TextShaper) {}

  path(d: string, style: PaintStyle): void {
    let attributes = ` fill="${style.fill ?? 'none'}"`;
    if (style.stroke) {
      attributes += ` stroke="${style.stroke}" stroke-width="${style.strokeWidth ?? 1}"`;
      if (style.dash) attributes += ` stroke-dasharray="${style.dash}"`;
      if (style.round) attributes += ' stroke-linecap="round" stroke-linejoin="round"';
    }
    if (style.opacity !== undefined) attributes += ` opacity="${style.opacity}"`;
    this.parts.push(`<path d="${d}"${attributes}/>`);
  }

  text(line: ShapedLine, left: number, baseline: number, size: number, fill: string): void {
    const uses: string[] = [];
    for (const glyph of line.glyphs) {
      const id = this.glyph(glyph.font, glyph.glyph, size);
      if (id === null) continue;
      uses.push(`<use href="#${id}" x="${round(glyph.x)}"${glyph.y !== 0 ? ` y="${round(glyph.y)}"` : ''}/>`);
    }
    if (uses.length === 0) return;
    this.parts.push(`<g transform="translate(${round(left)} ${round(baseline)})" fill="${fill}">${uses.join('')}</g>`);
  }

  transformed(x: number, y: number, scale: number, draw: () => void): void {
    this.parts.push(`<g transform="translate(${round(x)} ${round(y)}) scale(${round(scale * 1000) / 1000})">`);
    draw();
    this.parts.push('</g>');
  }

  group(meta: { className: string; id?: string; kind?: string; title?: string }, draw: () => void): void {
    let open = `<g class="${meta.className}"`;
    if (meta.kind) open += ` data-kind="${meta.kind}"`;
    if (meta.id) open += ` data-id="${escapeXml(meta.id)}"`;
    open += '>';
    if (meta.title) open += `<title>${escapeXml(meta.title)}</title>`;
    this.parts.push(open);
    draw();
    this.parts.push('</g>');
  }

  /** The drawing, its glyph outlines defined first. */
  toString(): string {
    return `<defs>${this.defs.join('')}</defs>${this.parts.join('')}`;
  }

  private glyph(font: number, glyph: number, size: number): string | null {
    const key = `${font}|${glyph}|${size}`;
    let id = this.glyphIds.get(key);
    if (id === undefined) {
      const d = this.shaper.outline(font, glyph, size);
      id = d === '' ? '' : `g${this.defs.length}`;
      this.glyphIds.set(key, id);
      if (d !== '') this.defs.push(`<path id="${id}" d="${d}"/>`);
    }
    return id === '' ? null : id;
  }
}
