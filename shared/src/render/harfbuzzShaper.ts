import type * as HarfBuzz from 'harfbuzzjs';
import bidiFactory from 'bidi-js';
import {
  startsRightToLeft,
  type FontWeight,
  type PlacedGlyph,
  type ShapedLine,
  type TextShaper,
  type TextStyle,
} from './text.ts';

/**
 * The text engine of every picture Loopmap draws: HarfBuzz (the shaping engine of Chrome,
 * Firefox and Android, compiled to WebAssembly) shapes each run, the Unicode Bidirectional
 * Algorithm orders runs, and characters a font lacks fall back along a chain of shipped fonts
 * (Noto Sans, Noto Sans Arabic, Noto Sans SC, Noto Emoji). The same fonts and code run in the
 * server and the browser, so a map renders the same everywhere. Pure: the HarfBuzz module and the
 * font files are handed in (the server reads them from its packages, a browser fetches them).
 */

export type HarfBuzzModule = typeof HarfBuzz;

/** The font files, by role; the fallback chain is in this order. */
export interface FontFiles {
  latin: { regular: Uint8Array; bold: Uint8Array };
  arabic: { regular: Uint8Array; bold: Uint8Array };
  /** Chinese, Japanese kana; optional (a browser fetches it only for maps that use it). */
  cjk?: Uint8Array;
  /** Emoji outlines; optional, as cjk. */
  emoji?: Uint8Array;
  /** Hebrew and Thai; optional, as cjk. */
  hebrew?: Uint8Array;
  thai?: Uint8Array;
}

interface LoadedFont {
  font: HarfBuzz.Font;
  upem: number;
  has(codePoint: number): boolean;
}

const EMOJI = /\p{Extended_Pictographic}/u;
/** Characters that belong with the one before them: marks, joiners, selectors, skin tones. */
const CLINGS = /\p{M}|\u200c|\u200d|[\ufe00-\ufe0f]|[\u{1f3fb}-\u{1f3ff}]|[\u{e0020}-\u{e007f}]/u;
/** Right-to-left scripts and explicit bidi controls: text without them needs no reordering. */
const MAY_REORDER =
  /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc\u200e\u200f\u202a-\u202e\u2066-\u2069]|[\u{10800}-\u{10fff}\u{1e800}-\u{1efff}]/u;

export function createHarfBuzzShaper(hb: HarfBuzzModule, files: FontFiles): TextShaper {
  const load = (data: Uint8Array): LoadedFont => {
    const face = new hb.Face(new hb.Blob(data), 0);
    const font = new hb.Font(face);
    const coverage = new Set(face.collectUnicodes());
    return { font, upem: face.upem, has: (codePoint) => coverage.has(codePoint) };
  };
  // Font indices: 0 latin, 1 latin bold, 2 arabic, 3 arabic bold, 4 cjk, 5 emoji, 6 hebrew, 7 thai.
  const fonts: (LoadedFont | null)[] = [
    load(files.latin.regular),
    load(files.latin.bold),
    load(files.arabic.regular),
    load(files.arabic.bold),
    files.cjk ? load(files.cjk) : null,
    files.emoji ? load(files.emoji) : null,
    files.hebrew ? load(files.hebrew) : null,
    files.thai ? load(files.thai) : null,
  ];
  const available = (chain: number[]): number[] => chain.filter((index) => fonts[index] !== null);
  const chains: Record<FontWeight, readonly number[]> = {
    regular: available([0, 2, 6, 7, 4, 5]),
    bold: available([1, 3, 6, 7, 4, 5]),
  };
  const bidi = bidiFactory();
  const ascent = (() => {
    const extents = fonts[0]!.font.hExtents();
    return extents.ascender / fonts[0]!.upem;
  })();

  const fontFor = (codePoint: number, char: string, weight: FontWeight): number => {
    const chain = chains[weight];
    // Latin, Greek and Cyrillic letters are in the first font: no pattern to test.
    if (codePoint < 0x2000 && fonts[chain[0]!]!.has(codePoint)) return chain[0]!;
    if (EMOJI.test(char) && fonts[5]?.has(codePoint)) return 5;
    for (const index of chain) if (fonts[index]!.has(codePoint)) return index;
    return chain[0]!;
  };

  const buffer = new hb.Buffer();
  const cache = new Map<string, ShapedLine>();
  const outlines = new Map<string, string>();

  function shapeRun(
    text: string,
    fontIndex: number,
    rtl: boolean,
    size: number,
  ): { glyphs: PlacedGlyph[]; width: number } {
    const { font, upem } = fonts[fontIndex]!;
    // One buffer, reset for each run (HarfBuzz's memory lives in the WebAssembly heap).
    buffer.reset();
    buffer.addText(text);
    buffer.setDirection(rtl ? hb.Direction.RTL : hb.Direction.LTR);
    buffer.guessSegmentProperties();
    hb.shape(font, buffer);
    const scale = size / upem;
    const glyphs: PlacedGlyph[] = [];
    let x = 0;
    for (const info of buffer.getGlyphInfosAndPositions()) {
      glyphs.push({
        font: fontIndex,
        glyph: info.codepoint,
        x: x + (info.xOffset ?? 0) * scale,
        y: -(info.yOffset ?? 0) * scale,
      });
      x += (info.xAdvance ?? 0) * scale;
    }
    return { glyphs, width: x };
  }

  function shape(text: string, style: TextStyle): ShapedLine {
    const key = `${style.weight}|${style.size}|${text}`;
    const cached = cache.get(key);
    if (cached) return cached;
    const line = shapeUncached(text, style);
    if (cache.size > 20_000) cache.clear();
    cache.set(key, line);
    return line;
  }

  function shapeUncached(text: string, style: TextStyle): ShapedLine {
    const rtl = startsRightToLeft(text);
    if (text === '') return { width: 0, glyphs: [], rtl, runs: [] };
    // Text without right-to-left characters is all at level 0: no need to run the algorithm.
    const levels = rtl || MAY_REORDER.test(text) ? bidi.getEmbeddingLevels(text, rtl ? 'rtl' : 'ltr').levels : null;
    // Runs of one level and one font, in logical order.
    const runs: { start: number; end: number; level: number; font: number }[] = [];
    let index = 0;
    for (const char of text) {
      const codePoint = char.codePointAt(0)!;
      const level = levels ? levels[index]! : 0;
      const previous = runs[runs.length - 1];
      const font =
        previous && codePoint > 0x2ff && CLINGS.test(char) ? previous.font : fontFor(codePoint, char, style.weight);
      if (previous && previous.level === level && previous.font === font) previous.end = index + char.length;
      else runs.push({ start: index, end: index + char.length, level, font });
      index += char.length;
    }
    // Rule L2 of the bidi algorithm, on runs: from the highest level down to the lowest odd one,
    // reverse every sequence of runs at that level or higher.
    const order = runs.map((_, i) => i);
    const highest = Math.max(...runs.map((run) => run.level));
    const lowestOdd = Math.min(...runs.map((run) => (run.level % 2 === 1 ? run.level : Infinity)));
    for (let level = highest; level >= lowestOdd && Number.isFinite(lowestOdd); level--) {
      for (let i = 0; i < order.length;) {
        if (runs[order[i]!]!.level < level) {
          i++;
          continue;
        }
        let j = i;
        while (j < order.length && runs[order[j]!]!.level >= level) j++;
        order.splice(i, j - i, ...order.slice(i, j).reverse());
        i = j;
      }
    }
    const glyphs: PlacedGlyph[] = [];
    let x = 0;
    for (const runIndex of order) {
      const run = runs[runIndex]!;
      const shaped = shapeRun(text.slice(run.start, run.end), run.font, run.level % 2 === 1, style.size);
      for (const glyph of shaped.glyphs) glyphs.push({ ...glyph, x: glyph.x + x });
      x += shaped.width;
    }
    const byFont: { text: string; font: number }[] = [];
    for (const run of runs) {
      const last = byFont[byFont.length - 1];
      const part = text.slice(run.start, run.end);
      if (last && last.font === run.font) last.text += part;
      else byFont.push({ text: part, font: run.font });
    }
    return { width: x, glyphs, rtl, runs: byFont };
  }

  function outline(fontIndex: number, glyph: number, size: number): string {
    const key = `${fontIndex}|${glyph}|${size}`;
    const cached = outlines.get(key);
    if (cached !== undefined) return cached;
    const { font, upem } = fonts[fontIndex]!;
    const scale = size / upem;
    const round = (n: number): string => String(Math.round(n * 100) / 100);
    let d = '';
    for (const command of font.glyphToJson(glyph)) {
      d += command.type;
      const values = command.values;
      for (let i = 0; i + 1 < values.length; i += 2) {
        d += `${i > 0 ? ' ' : ''}${round(values[i]! * scale)} ${round(-values[i + 1]! * scale)}`;
      }
    }
    outlines.set(key, d);
    return d;
  }

  return { shape, outline, ascent };
}

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;

/** Which optional fonts a text needs (a browser fetches Noto Sans SC, 10 MB, only when asked). */
export function optionalFontsFor(text: string): { cjk: boolean; emoji: boolean; hebrew: boolean; thai: boolean } {
  return {
    cjk: CJK.test(text),
    emoji: EMOJI.test(text),
    hebrew: /\p{Script=Hebrew}/u.test(text),
    thai: /\p{Script=Thai}/u.test(text),
  };
}
