import PDFDocument from 'pdfkit';
import {
  layoutMapPicture,
  localeOf,
  wrapText,
  type Translate,
  type MapJSON,
  type MapPicture,
  type PaintStyle,
  type PictureCanvas,
  type ShapedLine,
  type TextShaper,
  type TextStyle,
} from '@loopmap/shared';
import { readFont, SHAPER_FONTS, textShaper } from './textEngine.ts';
import { dateText, type PictureOptions } from './picture.ts';

/**
 * PDFs of a map: the picture (vector: the shared renderer painting straight onto the page) fitted
 * to one page or tiled across pages at a readable scale with overlap marks, followed by tables.
 *
 * Text is drawn as glyph outlines shaped by the same engine as the pictures (pdfkit alone would
 * neither join Arabic letters nor order right-to-left runs), with an invisible text layer in
 * logical order above it, so the PDF can be searched and its text copied.
 */

export type PageSize = 'a4' | 'letter';
export type Orientation = 'landscape' | 'portrait';
export type PictureLayout = 'fit' | 'tile';

export interface PdfTable {
  title: string;
  /** Header and share of the page width of each column. */
  columns: readonly { header: string; width: number }[];
  rows: readonly (readonly string[])[];
  /** Said under the title when there are no rows. */
  empty?: string;
}

export interface PdfInput {
  map: MapJSON;
  /** The document's words (the picture's legend, page notes), in its language. */
  t: Translate;
  picture: PictureOptions;
  page: PageSize;
  orientation: Orientation;
  layout: PictureLayout;
  /** Document properties. */
  title: string;
  createdAt: Date;
  tables: readonly PdfTable[];
}

const MARGIN = 36;
/** Points per SVG pixel when tiling: 13.5 px card titles print at about 7.4 pt. */
const TILE_SCALE = 0.55;
/** What each tile repeats of its neighbours, in points. */
const OVERLAP = 28;
const INK = '#1f2433';
const MUTED = '#5b6478';
const RULE = '#d6dae2';
const BODY: TextStyle = { size: 8.5, weight: 'regular' };
const HEAD: TextStyle = { size: 8.5, weight: 'bold' };
const H1: TextStyle = { size: 15, weight: 'bold' };

/**
 * The invisible layer maps each character to its own glyph: with contextual forms and ligatures
 * off, every glyph's Unicode mapping is exact, so copied and searched text is the text written.
 */
const NOMINAL_GLYPHS = Object.fromEntries(
  ['init', 'medi', 'fina', 'isol', 'rlig', 'liga', 'clig', 'calt', 'ccmp', 'dlig', 'mset', 'curs', 'locl'].map(
    (tag) => [tag, false],
  ),
) as unknown as PDFKit.Mixins.OpenTypeFeatures[];

const num = (n: number): string => String(Math.round(n * 1000) / 1000);

/** A glyph outline (as the shaper writes it: absolute M, L, Q, C, Z) read into commands. */
function parseOutline(d: string): { type: string; values: number[] }[] {
  const commands: { type: string; values: number[] }[] = [];
  for (const match of d.matchAll(/([MLQCZ])([^MLQCZ]*)/g)) {
    const values =
      match[2]!.trim() === ''
        ? []
        : match[2]!
            .trim()
            .split(/[\s,]+/)
            .map(Number);
    commands.push({ type: match[1]!, values });
  }
  return commands;
}

/** A glyph outline's path operators, in the glyph's own coordinates (quadratics as cubics). */
function outlineOps(d: string): string {
  let ops = '';
  let cx = 0;
  let cy = 0;
  for (const { type, values: v } of parseOutline(d)) {
    if (type === 'M' || type === 'L') {
      cx = v[0]!;
      cy = v[1]!;
      ops += `${num(cx)} ${num(cy)} ${type === 'M' ? 'm' : 'l'}\n`;
    } else if (type === 'Q') {
      const c1x = cx + (2 / 3) * (v[0]! - cx);
      const c1y = cy + (2 / 3) * (v[1]! - cy);
      const c2x = v[2]! + (2 / 3) * (v[0]! - v[2]!);
      const c2y = v[3]! + (2 / 3) * (v[1]! - v[3]!);
      cx = v[2]!;
      cy = v[3]!;
      ops += `${num(c1x)} ${num(c1y)} ${num(c2x)} ${num(c2y)} ${num(cx)} ${num(cy)} c\n`;
    } else if (type === 'C') {
      cx = v[4]!;
      cy = v[5]!;
      ops += `${num(v[0]!)} ${num(v[1]!)} ${num(v[2]!)} ${num(v[3]!)} ${num(cx)} ${num(cy)} c\n`;
    } else if (type === 'Z') ops += 'h\n';
  }
  return ops;
}

/**
 * The shared renderer's canvas on a PDF page. Text is written as raw path operators, a line's
 * glyphs in one path, which keeps a 1,000-card map's PDF fast to make and small.
 */
export class PdfCanvas implements PictureCanvas {
  private readonly forms = new Map<string, { name: string; ref: PDFKit.PDFKitReference } | null>();

  constructor(
    private readonly doc: PDFKit.PDFDocument,
    private readonly shaper: TextShaper,
  ) {}

  path(d: string, style: PaintStyle): void {
    const doc = this.doc;
    doc.save();
    if (style.opacity !== undefined) doc.opacity(style.opacity);
    if (style.stroke) {
      doc.lineWidth(style.strokeWidth ?? 1);
      if (style.round) doc.lineCap('round').lineJoin('round');
      if (style.dash) {
        const [length, space] = style.dash.split(/\s+/).map(Number);
        doc.dash(length!, { space: space ?? length! });
      }
    }
    doc.path(d);
    if (style.fill && style.stroke) doc.fillAndStroke(style.fill, style.stroke);
    else if (style.fill) doc.fill(style.fill);
    else if (style.stroke) doc.stroke(style.stroke);
    doc.restore();
  }

  text(line: ShapedLine, left: number, baseline: number, size: number, fill: string): void {
    let ops = '';
    for (const glyph of line.glyphs) {
      const name = this.glyphForm(glyph.font, glyph.glyph, size);
      if (name === null) continue;
      ops += `q 1 0 0 1 ${num(left + glyph.x)} ${num(baseline + glyph.y)} cm /${name} Do Q\n`;
    }
    if (ops === '') return;
    this.doc.save();
    this.doc.fillColor(fill);
    this.doc.addContent(ops);
    this.doc.restore();
  }

  /**
   * A glyph's outline as a form XObject, defined once per document and drawn by reference (as
   * the SVG's <use>): each letter costs a few bytes, not its whole outline again.
   */
  private glyphForm(font: number, glyph: number, size: number): string | null {
    const key = `${font}|${glyph}|${size}`;
    let form = this.forms.get(key);
    if (form === undefined) {
      const ops = outlineOps(this.shaper.outline(font, glyph, size));
      if (ops === '') form = null;
      else {
        const name = `G${this.forms.size}`;
        const ref = this.doc.ref({
          Type: 'XObject',
          Subtype: 'Form',
          BBox: [-4 * size, -4 * size, 8 * size, 4 * size],
          Resources: {},
        });
        ref.end(`${ops}f`);
        form = { name, ref };
      }
      this.forms.set(key, form);
    }
    if (form === null) return null;
    const xobjects = this.doc.page.xobjects as Record<string, unknown>;
    xobjects[form.name] ??= form.ref;
    return form.name;
  }

  transformed(x: number, y: number, scale: number, draw: () => void): void {
    this.doc.save();
    this.doc.translate(x, y);
    this.doc.scale(scale);
    draw();
    this.doc.restore();
  }

  group(_meta: unknown, draw: () => void): void {
    draw();
  }
}

class PdfWriter {
  readonly canvas: PdfCanvas;
  private readonly fontNames: string[];

  constructor(
    readonly doc: PDFKit.PDFDocument,
    readonly shaper: TextShaper,
  ) {
    this.canvas = new PdfCanvas(doc, shaper);
    this.fontNames = SHAPER_FONTS.map((name, index) => {
      const alias = `f${index}`;
      doc.registerFont(alias, Buffer.from(readFont(name)));
      return alias;
    });
  }

  get pageWidth(): number {
    return this.doc.page.width;
  }

  get pageHeight(): number {
    return this.doc.page.height;
  }

  /** One line: glyph outlines for the eye, the same text invisible for search and copy. */
  text(line: string, x: number, baseline: number, style: TextStyle, color: string, width?: number): number {
    const shaped = this.shaper.shape(line, style);
    if (shaped.glyphs.length === 0) return 0;
    const left = shaped.rtl && width !== undefined ? x + width - shaped.width : x;
    const doc = this.doc;
    this.canvas.text(shaped, left, baseline, style.size, color);
    // The searchable layer, fully transparent, run by run in reading order.
    doc.save();
    doc.fillOpacity(0);
    let runX = left;
    const top = baseline - style.size * 0.9;
    for (const run of shaped.runs) {
      doc.font(this.fontNames[run.font]!).fontSize(style.size);
      doc.text(run.text, runX, top, { lineBreak: false, features: NOMINAL_GLYPHS });
      runX += this.shaper.shape(run.text, style).width;
    }
    doc.restore();
    return shaped.width;
  }
}

function pageOptions(input: PdfInput): PDFKit.PDFDocumentOptions {
  return {
    size: input.page === 'letter' ? 'LETTER' : 'A4',
    layout: input.orientation,
    margin: MARGIN,
    autoFirstPage: false,
    compress: true,
    info: {
      Title: input.title,
      Creator: 'Loopmap',
      Producer: 'Loopmap',
      CreationDate: input.createdAt,
    },
    lang: localeOf(input.t),
    displayTitle: true,
  } as PDFKit.PDFDocumentOptions;
}

function drawPicture(writer: PdfWriter, picture: MapPicture, layout: PictureLayout, t: Translate): void {
  const doc = writer.doc;
  doc.addPage();
  const areaW = writer.pageWidth - 2 * MARGIN;
  const areaH = writer.pageHeight - 2 * MARGIN;
  const { width, height } = picture;
  const paintAt = (x: number, y: number, scale: number): void =>
    writer.canvas.transformed(x, y, scale, () =>
      writer.canvas.transformed(-picture.originX, -picture.originY, 1, () => picture.paint(writer.canvas)),
    );
  if (layout === 'fit' || (width * TILE_SCALE <= areaW && height * TILE_SCALE <= areaH)) {
    const scale = Math.min(areaW / width, areaH / height);
    paintAt(MARGIN + (areaW - width * scale) / 2, MARGIN + (areaH - height * scale) / 2, scale);
    return;
  }
  const fullW = width * TILE_SCALE;
  const fullH = height * TILE_SCALE;
  const labelH = 14;
  const tileH = areaH - labelH;
  const stepX = areaW - OVERLAP;
  const stepY = tileH - OVERLAP;
  const columns = Math.max(1, Math.ceil((fullW - OVERLAP) / stepX));
  const rows = Math.max(1, Math.ceil((fullH - OVERLAP) / stepY));
  const total = columns * rows;
  for (let row = 0; row < rows; row++) {
    for (let column = 0; column < columns; column++) {
      const index = row * columns + column + 1;
      if (index > 1) doc.addPage();
      doc.save();
      doc.rect(MARGIN, MARGIN, areaW, tileH).clip();
      paintAt(MARGIN - column * stepX, MARGIN - row * stepY, TILE_SCALE);
      doc.restore();
      drawOverlapMarks(doc, { column, row, columns, rows, areaW, tileH });
      writer.text(
        t('exports:pdf.tile', { index, total, row: row + 1, column: column + 1 }),
        MARGIN,
        MARGIN + tileH + 11,
        { size: 7.5, weight: 'regular' },
        MUTED,
        areaW,
      );
    }
  }
}

/** Shades the strips a tile shares with its neighbours and marks their edges for trimming. */
function drawOverlapMarks(
  doc: PDFKit.PDFDocument,
  t: { column: number; row: number; columns: number; rows: number; areaW: number; tileH: number },
): void {
  const left = MARGIN;
  const top = MARGIN;
  const right = MARGIN + t.areaW;
  const bottom = MARGIN + t.tileH;
  doc.save();
  doc.fillColor('#3b82f6').fillOpacity(0.07);
  if (t.column < t.columns - 1) doc.rect(right - OVERLAP, top, OVERLAP, t.tileH).fill();
  if (t.row < t.rows - 1) doc.rect(left, bottom - OVERLAP, t.areaW, OVERLAP).fill();
  doc.restore();
  doc.save();
  doc.strokeColor('#3b82f6').lineWidth(0.6).dash(3, { space: 2 });
  if (t.column < t.columns - 1)
    doc
      .moveTo(right - OVERLAP, top)
      .lineTo(right - OVERLAP, bottom)
      .stroke();
  if (t.column > 0)
    doc
      .moveTo(left + OVERLAP, top)
      .lineTo(left + OVERLAP, bottom)
      .stroke();
  if (t.row < t.rows - 1)
    doc
      .moveTo(left, bottom - OVERLAP)
      .lineTo(right, bottom - OVERLAP)
      .stroke();
  if (t.row > 0)
    doc
      .moveTo(left, top + OVERLAP)
      .lineTo(right, top + OVERLAP)
      .stroke();
  doc.undash();
  // Corner marks, for lining pages up.
  doc.strokeColor(INK).lineWidth(0.5);
  for (const [x, y] of [
    [left, top],
    [right, top],
    [left, bottom],
    [right, bottom],
  ] as const) {
    doc
      .moveTo(x - 6, y)
      .lineTo(x + 6, y)
      .stroke();
    doc
      .moveTo(x, y - 6)
      .lineTo(x, y + 6)
      .stroke();
  }
  doc.restore();
}

/** Draws a table from `top` (a new page when less than its title and a few rows would fit); returns where it ends. */
function drawTable(writer: PdfWriter, table: PdfTable, top: number | null, t: Translate): number {
  const doc = writer.doc;
  const areaW = writer.pageWidth - 2 * MARGIN;
  const bottomLimit = writer.pageHeight - MARGIN;
  const share = table.columns.reduce((sum, column) => sum + column.width, 0);
  const widths = table.columns.map((column) => (column.width / share) * areaW);
  const lineHeight = BODY.size * 1.35;
  const pad = 4;
  let y = top ?? bottomLimit;
  if (top === null || y + 120 > bottomLimit) {
    doc.addPage();
    y = MARGIN;
  } else {
    y += 18;
  }
  writer.text(table.title, MARGIN, y + H1.size, H1, INK, areaW);
  y += H1.size + 14;
  if (table.rows.length === 0) {
    writer.text(table.empty ?? t('exports:pdf.nothing'), MARGIN, y + BODY.size, BODY, MUTED, areaW);
    return y + lineHeight + pad;
  }
  const cellLines = (row: readonly string[], style: TextStyle): string[][] =>
    row.map((cell, i) => (cell.trim() === '' ? [] : wrapText(writer.shaper, cell, style, widths[i]! - 2 * pad, 40)));
  const heightOf = (lines: string[][]): number =>
    Math.max(1, ...lines.map((cell) => cell.length)) * lineHeight + 2 * pad;
  const drawRow = (lines: string[][], style: TextStyle, fill: string | null): void => {
    const height = heightOf(lines);
    if (fill) doc.save().rect(MARGIN, y, areaW, height).fill(fill).restore();
    let x = MARGIN;
    for (const [i, cell] of lines.entries()) {
      let baseline = y + pad + style.size;
      for (const line of cell) {
        writer.text(line, x + pad, baseline, style, INK, widths[i]! - 2 * pad);
        baseline += lineHeight;
      }
      x += widths[i]!;
    }
    doc
      .save()
      .moveTo(MARGIN, y + height)
      .lineTo(MARGIN + areaW, y + height)
      .lineWidth(0.5)
      .strokeColor(RULE)
      .stroke()
      .restore();
    y += height;
  };
  const header = cellLines(
    table.columns.map((column) => column.header),
    HEAD,
  );
  drawRow(header, HEAD, '#eef1f7');
  for (const row of table.rows) {
    const lines = cellLines(row, BODY);
    if (y + heightOf(lines) > bottomLimit) {
      // The table goes on over the page, under its header row again.
      doc.addPage();
      y = MARGIN;
      drawRow(header, HEAD, '#eef1f7');
    }
    drawRow(lines, BODY, null);
  }
  return y;
}

/** The finished PDF's bytes. */
export async function renderPdf(input: PdfInput): Promise<Uint8Array> {
  const shaper = await textShaper();
  const picture = layoutMapPicture(input.map, {
    shaper,
    t: input.t,
    versionLabel: input.picture.versionLabel,
    dateText: dateText(input.picture.at, input.t),
  });
  const doc = new PDFDocument(pageOptions(input));
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });
  const writer = new PdfWriter(doc, shaper);
  drawPicture(writer, picture, input.layout, input.t);
  let y: number | null = null;
  for (const table of input.tables) y = drawTable(writer, table, y, input.t);
  doc.end();
  await done;
  const bytes = Buffer.concat(chunks);
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
