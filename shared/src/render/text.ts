/**
 * Text for pictures of a map, measured and drawn with real fonts by a shaping engine (see
 * harfbuzzShaper.ts): never guessed from character counts, so no title overflows its card, and
 * Arabic is joined and ordered right to left exactly as a browser would show it.
 */

export type FontWeight = 'regular' | 'bold';

export interface TextStyle {
  /** In px (SVG user units). */
  size: number;
  weight: FontWeight;
}

/** One glyph of a shaped line: a font's glyph at an offset from the line's start, in px. */
export interface PlacedGlyph {
  font: number;
  glyph: number;
  x: number;
  y: number;
}

/** A line shaped for display, glyphs in visual order, left to right. */
export interface ShapedLine {
  width: number;
  glyphs: readonly PlacedGlyph[];
  /** The line's base direction: right-to-left lines align to the right edge of their box. */
  rtl: boolean;
  /** The text in logical order, cut where the font changes (for a PDF's searchable text layer). */
  runs: readonly { text: string; font: number }[];
}

export interface TextShaper {
  /** Shapes one line (bidi-ordered, fonts chosen per character, joined and kerned). */
  shape(text: string, style: TextStyle): ShapedLine;
  /** A glyph's outline at `size` px as SVG path data, origin on the baseline, y downwards. */
  outline(font: number, glyph: number, size: number): string;
  /** Ascent of the fonts, as a share of the size (for placing baselines). */
  readonly ascent: number;
}

const ELLIPSIS = '…';
const RIGHT_TO_LEFT_MARK = '\u200f';
const LEFT_TO_RIGHT_MARK = '\u200e';

/**
 * Whether a text reads right to left: its first strong character (a letter, or an explicit
 * direction mark) is Arabic, Hebrew, Syriac or Thaana, or a right-to-left mark.
 */
export function startsRightToLeft(text: string): boolean {
  const first = /[\p{L}\u200e\u200f]/u.exec(text);
  return (
    first !== null && /[\u200f\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}]/u.test(first[0])
  );
}

/** Grapheme clusters: an emoji with its modifiers, a letter with its marks, stay whole. */
function graphemes(text: string): string[] {
  const Segmenter = (Intl as { Segmenter?: typeof Intl.Segmenter }).Segmenter;
  if (!Segmenter) return Array.from(text);
  return Array.from(new Segmenter(undefined, { granularity: 'grapheme' }).segment(text), (s) => s.segment);
}

/** Breakable pieces: words with their trailing space; each CJK character on its own. */
function pieces(text: string): string[] {
  return (
    text.match(
      /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}][\s]*|[^\s\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]+\s*|\s+/gu,
    ) ?? []
  );
}

/** The longest start of `text` (whole graphemes) that fits `width` with an ellipsis after it. */
export function fitWithEllipsis(shaper: TextShaper, text: string, style: TextStyle, width: number): string {
  if (shaper.shape(text, style).width <= width) return text;
  const parts = graphemes(text.trimEnd());
  let low = 0;
  let high = parts.length;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    const candidate = parts.slice(0, mid).join('').trimEnd() + ELLIPSIS;
    if (shaper.shape(candidate, style).width <= width) low = mid;
    else high = mid - 1;
  }
  return low === 0 ? ELLIPSIS : parts.slice(0, low).join('').trimEnd() + ELLIPSIS;
}

/**
 * Breaks a text into at most `maxLines` lines no wider than `width`: at spaces, between CJK
 * characters, inside a word only when the word alone is wider than the line. The last line ends
 * in an ellipsis when text is left over. Line breaks in the text are kept. Widths are summed from
 * each piece's shaped width (cached, and words repeat across a map), then each line is checked
 * shaped whole, so kerning across pieces can never push a line past the edge.
 */
export function wrapText(
  shaper: TextShaper,
  text: string,
  style: TextStyle,
  width: number,
  maxLines: number,
): string[] {
  const widthOf = (piece: string): number => shaper.shape(piece, style).width;
  const space = widthOf(' ');
  const lines: string[] = [];
  let truncated = false;
  const paragraphs = text.replace(/\r\n?/g, '\n').split('\n');
  const push = (line: string): boolean => {
    lines.push(line.trimEnd());
    return lines.length >= maxLines;
  };
  const direction: boolean[] = [];
  outer: for (const [index, paragraph] of paragraphs.entries()) {
    const rtl = startsRightToLeft(paragraph);
    const from = lines.length;
    let line = '';
    let lineWidth = 0;
    for (const piece of pieces(paragraph)) {
      const word = piece.trimEnd();
      const trailing = (piece.length - word.length) * space;
      const wordWidth = word === '' ? 0 : widthOf(word);
      if (lineWidth + wordWidth <= width) {
        line += piece;
        lineWidth += wordWidth + trailing;
        continue;
      }
      if (line.trim() !== '' && push(line)) {
        truncated = true;
        break outer;
      }
      line = '';
      lineWidth = 0;
      if (wordWidth <= width) {
        line = piece;
        lineWidth = wordWidth + trailing;
        continue;
      }
      // A word wider than the line: break it between graphemes.
      for (const part of graphemes(piece)) {
        const partWidth = widthOf(part);
        if (lineWidth + partWidth <= width || line === '') {
          line += part;
          lineWidth += partWidth;
        } else {
          if (push(line)) {
            truncated = true;
            break outer;
          }
          line = part;
          lineWidth = partWidth;
        }
      }
    }
    const full = push(line);
    for (let i = from; i < lines.length; i++) direction[i] = rtl;
    if (full) {
      truncated = paragraphs.slice(index + 1).some((rest) => rest.trim() !== '');
      break;
    }
  }
  // A line broken out of a paragraph keeps the paragraph's direction (as a browser keeps it),
  // even when it starts with a word of the other direction.
  for (let i = 0; i < lines.length; i++) {
    const rtl = direction[i] ?? false;
    if (lines[i] !== '' && startsRightToLeft(lines[i]!) !== rtl) {
      lines[i] = (rtl ? RIGHT_TO_LEFT_MARK : LEFT_TO_RIGHT_MARK) + lines[i];
    }
  }
  while (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  const fitted = lines.map((line) => (widthOf(line) <= width ? line : fitWithEllipsis(shaper, line, style, width)));
  const last = fitted.length - 1;
  if (truncated && !fitted[last]!.endsWith(ELLIPSIS)) {
    fitted[last] = fitWithEllipsis(shaper, `${fitted[last]}${ELLIPSIS}`, style, width);
  }
  return fitted;
}
