import {
  AlignmentType,
  BorderStyle,
  Document,
  ExternalHyperlink,
  HeadingLevel,
  ImageRun,
  LineRuleType,
  Packer,
  PageBreak,
  PageOrientation,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type IStylesOptions,
  type ParagraphChild,
} from 'docx';
import { directionOf, type Language } from '@loopmap/shared';

/**
 * The look of every Word document Loopmap writes (map report, change report, review), in one
 * place so they read as one family: real heading styles (Word's navigation pane and a table of
 * contents find them), real tables whose header row repeats on each page, right-to-left
 * paragraphs for text that is mostly Arabic or Hebrew (Word shapes the letters itself: the text
 * stays text), and the map's picture fitted to the page width.
 */

/** A4 with 2 cm margins, in twentieths of a point. */
const PAGE = { width: 11906, height: 16838, margin: 1134 };
const TWIPS_PER_PIXEL = 15; // 1440 per inch, 96 pixels per inch
/** The width text and pictures can take, in pixels at 96 to the inch (Word's image unit). */
export const CONTENT_WIDTH_PX = Math.floor((PAGE.width - 2 * PAGE.margin) / TWIPS_PER_PIXEL);
const CONTENT_HEIGHT_PX = Math.floor((PAGE.height - 2 * PAGE.margin) / TWIPS_PER_PIXEL);

const ACCENT = '2F5D62';
const HEADER_FILL = 'E8EEEF';
const MUTED = '5F6B6D';

/**
 * Calibri for Latin text only: Arabic, Hebrew and Chinese keep Word's own font for their script
 * (Calibri has none of their letters, and naming it for them would make Word substitute blindly).
 */
const LATIN_FONT = { ascii: 'Calibri', hAnsi: 'Calibri' };

const STYLES: IStylesOptions = {
  default: {
    document: {
      run: { font: LATIN_FONT, size: 21 },
      paragraph: { spacing: { after: 80, line: 276, lineRule: LineRuleType.AUTO } },
    },
    title: {
      run: { font: LATIN_FONT, size: 52, bold: true, color: ACCENT },
      paragraph: { spacing: { after: 240, line: 240, lineRule: LineRuleType.AUTO } },
    },
    heading1: {
      run: { font: LATIN_FONT, size: 32, bold: true, color: ACCENT },
      paragraph: { outlineLevel: 0, spacing: { before: 360, after: 120 }, keepNext: true },
    },
    heading2: {
      run: { font: LATIN_FONT, size: 26, bold: true, color: ACCENT },
      paragraph: { outlineLevel: 1, spacing: { before: 240, after: 80 }, keepNext: true },
    },
    heading3: {
      run: { font: LATIN_FONT, size: 22, bold: true },
      paragraph: { outlineLevel: 2, spacing: { before: 200, after: 60 }, keepNext: true },
    },
  },
};

// Strong right-to-left letters: Hebrew, Arabic, Syriac, Thaana, NKo and their presentation forms.
const RTL_LETTER = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/gu;
const LETTER = /\p{L}/gu;

/** True when most letters of the text are right-to-left ones: its paragraph runs right to left. */
export function isMostlyRightToLeft(text: string): boolean {
  const rtl = text.match(RTL_LETTER)?.length ?? 0;
  if (rtl === 0) return false;
  const letters = text.match(LETTER)?.length ?? 0;
  return rtl * 2 > letters;
}

export interface TextOptions {
  bold?: boolean;
  italics?: boolean;
  color?: string;
  size?: number;
}

/**
 * Characters XML 1.0 cannot hold (control characters, lone surrogates, U+FFFE/U+FFFF): a title
 * pasted with one would otherwise make Word refuse the whole file.
 */
const NOT_XML =
  // eslint-disable-next-line no-control-regex -- control characters are what it removes
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Runs of a text, its line breaks kept as breaks; right to left when the text mostly is. */
export function textRuns(text: string, options: TextOptions = {}): TextRun[] {
  const rightToLeft = isMostlyRightToLeft(text);
  return text
    .replace(NOT_XML, '')
    .split(/\r?\n/)
    .map(
      (line, i) =>
        new TextRun({
          text: line,
          break: i > 0 ? 1 : undefined,
          bold: options.bold,
          italics: options.italics,
          color: options.color,
          size: options.size,
          rightToLeft: rightToLeft || undefined,
        }),
    );
}

/** A paragraph of runs, bidirectional when the text they hold is mostly right to left. */
export function paragraphOf(
  children: ParagraphChild[],
  text: string,
  options: { indent?: number; spacingAfter?: number; keepNext?: boolean } = {},
): Paragraph {
  return new Paragraph({
    children,
    bidirectional: isMostlyRightToLeft(text) || undefined,
    indent: options.indent ? { start: options.indent } : undefined,
    spacing: options.spacingAfter === undefined ? undefined : { after: options.spacingAfter },
    keepNext: options.keepNext,
  });
}

/** A paragraph of plain text. */
export const para = (text: string, options: TextOptions = {}): Paragraph => paragraphOf(textRuns(text, options), text);

/** A quiet line: dates, sources, "none". */
export const note = (text: string): Paragraph => para(text, { italics: true, color: MUTED });

const HEADINGS = [HeadingLevel.HEADING_1, HeadingLevel.HEADING_2, HeadingLevel.HEADING_3] as const;

/** A real Word heading (Heading 1-3 style), which the navigation pane lists. */
export function heading(level: 1 | 2 | 3, text: string): Paragraph {
  return new Paragraph({
    heading: HEADINGS[level - 1],
    children: textRuns(text),
    bidirectional: isMostlyRightToLeft(text) || undefined,
  });
}

/** A link, only for http(s) addresses; otherwise the text alone. */
export function linkOrText(text: string, url: string | null): ParagraphChild[] {
  if (url === null || !/^https?:\/\/\S+$/i.test(url)) return textRuns(text);
  return [new ExternalHyperlink({ link: url, children: [new TextRun({ text, style: 'Hyperlink' })] })];
}

/** A cell's content: text, or several paragraphs (one per indicator, say). */
export type CellContent = string | readonly string[] | Paragraph | readonly Paragraph[];

function cellParagraphs(content: CellContent): Paragraph[] {
  if (content instanceof Paragraph) return [content];
  if (typeof content === 'string') return [para(content)];
  if (content.length === 0) return [para('')];
  return content.map((item) => (typeof item === 'string' ? para(item) : item));
}

const BORDER = { style: BorderStyle.SINGLE, size: 4, color: 'B7C3C5' };
const BORDERS = { top: BORDER, bottom: BORDER, left: BORDER, right: BORDER };

/**
 * A table across the page: a header row (bold, shaded, repeated at the top of each page it runs
 * onto, and marked as the header for screen readers) and one row per entry. `widths` are relative
 * column widths; `landscape` spans a landscape page.
 */
export function table(
  headers: readonly string[],
  rows: readonly (readonly CellContent[])[],
  options: { widths?: readonly number[]; landscape?: boolean } = {},
): Table {
  const relative = options.widths ?? headers.map(() => 1);
  const total = relative.reduce((a, b) => a + b, 0);
  const tableWidth = (options.landscape ? PAGE.height : PAGE.width) - 2 * PAGE.margin;
  const columnWidths = relative.map((w) => Math.floor((tableWidth * w) / total));
  const header = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: headers.map(
      (text, i) =>
        new TableCell({
          children: [para(text, { bold: true })],
          shading: { type: ShadingType.CLEAR, color: 'auto', fill: HEADER_FILL },
          width: { size: columnWidths[i]!, type: WidthType.DXA },
          borders: BORDERS,
        }),
    ),
  });
  const body = rows.map(
    (row) =>
      new TableRow({
        cantSplit: true,
        children: row.map(
          (content, i) =>
            new TableCell({
              children: cellParagraphs(content),
              width: { size: columnWidths[i]!, type: WidthType.DXA },
              borders: BORDERS,
            }),
        ),
      }),
  );
  return new Table({
    // A table whose headers are right-to-left words (an Arabic document) reads from the right.
    visuallyRightToLeft: isMostlyRightToLeft(headers.join(' ')) || undefined,
    rows: [header, ...body],
    width: { size: tableWidth, type: WidthType.DXA },
    columnWidths,
  });
}

/** The size a picture is shown at: the page's width at most (and its height), proportions kept. */
export function fitPicture(
  width: number,
  height: number,
  maxWidth = CONTENT_WIDTH_PX,
  maxHeight = CONTENT_HEIGHT_PX - 80,
): { width: number; height: number } {
  const scale = Math.min(1, maxWidth / width, maxHeight / height);
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

export interface Picture {
  png: Uint8Array;
  width: number;
  height: number;
}

/** A picture as an inline image, fitted into `maxWidth`, with its alternative text. */
export function pictureRun(picture: Picture, altText: string, maxWidth = CONTENT_WIDTH_PX): ImageRun {
  return new ImageRun({
    type: 'png',
    data: picture.png,
    transformation: fitPicture(picture.width, picture.height, maxWidth),
    altText: { name: 'Map', title: altText, description: altText },
  });
}

/** A centred picture paragraph. */
export const pictureParagraph = (picture: Picture, altText: string): Paragraph =>
  new Paragraph({ alignment: AlignmentType.CENTER, children: [pictureRun(picture, altText)] });

/** A title page: the title, lines under it, then a page break. */
export function titlePage(title: string, lines: readonly string[]): Paragraph[] {
  return [
    new Paragraph({ spacing: { before: 2400 } }),
    new Paragraph({
      heading: HeadingLevel.TITLE,
      children: textRuns(title),
      bidirectional: isMostlyRightToLeft(title) || undefined,
    }),
    ...lines.map((line) => para(line, { color: MUTED, size: 24 })),
    new Paragraph({ children: [new PageBreak()] }),
  ];
}

export interface DocumentSection {
  children: (Paragraph | Table)[];
  /** Wide tables (the logframe) read better across a landscape page. */
  landscape?: boolean;
}

/** Word's language tag for a document language (spelling, hyphenation, the script's font). */
const WORD_LANGUAGE: Record<Language, string> = { en: 'en-GB', fr: 'fr-FR', es: 'es-ES', pt: 'pt-PT', ar: 'ar-SA' };

/** The styles with the document's language on every run: Arabic runs are complex-script ones. */
function stylesFor(language: Language): IStylesOptions {
  const tag = WORD_LANGUAGE[language];
  const rtl = directionOf(language) === 'rtl';
  const run = { ...STYLES.default!.document!.run, language: { value: tag, bidirectional: rtl ? tag : undefined } };
  return { ...STYLES, default: { ...STYLES.default, document: { ...STYLES.default!.document, run } } };
}

/**
 * The document as a .docx file: properties (title, creator), styles in the document's language
 * and A4 pages. In Arabic, paragraphs of Arabic words are right to left (paragraphOf), as are
 * tables whose headers are (table).
 */
export async function packDocument(
  properties: { title: string; description: string; language: Language },
  sections: readonly DocumentSection[],
): Promise<Uint8Array> {
  const document = new Document({
    creator: 'Loopmap',
    lastModifiedBy: 'Loopmap',
    title: properties.title,
    description: properties.description,
    styles: stylesFor(properties.language),
    sections: sections.map((section) => ({
      properties: {
        page: {
          size: {
            width: PAGE.width,
            height: PAGE.height,
            orientation: section.landscape ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT,
          },
          margin: { top: PAGE.margin, bottom: PAGE.margin, left: PAGE.margin, right: PAGE.margin },
        },
      },
      children: section.children,
    })),
  });
  return new Uint8Array(await Packer.toBuffer(document));
}

export const DOCX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
