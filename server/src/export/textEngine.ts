import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createHarfBuzzShaper, type FontFiles, type TextShaper } from '@loopmap/shared';

/**
 * The server's text engine: HarfBuzz and the fonts that ship with the project's own install (the
 * Noto packages in server/package.json), never the machine's, so a map renders the same on any
 * server. Loaded once per thread, on first use.
 */

const require = createRequire(import.meta.url);

/** A font file of an npm font package, e.g. ('noto-sans', '400Regular', 'NotoSans_400Regular.ttf'). */
function fontFile(pkg: string, weight: string, file: string): Uint8Array {
  return readFileSync(require.resolve(`@expo-google-fonts/${pkg}/${weight}/${file}`));
}

/** The shipped fonts, as the browser's export preview fetches them too (GET /fonts/…). */
export const FONT_FILES = {
  'latin-regular.ttf': ['noto-sans', '400Regular', 'NotoSans_400Regular.ttf'],
  'latin-bold.ttf': ['noto-sans', '700Bold', 'NotoSans_700Bold.ttf'],
  'arabic-regular.ttf': ['noto-sans-arabic', '400Regular', 'NotoSansArabic_400Regular.ttf'],
  'arabic-bold.ttf': ['noto-sans-arabic', '700Bold', 'NotoSansArabic_700Bold.ttf'],
  'cjk.ttf': ['noto-sans-sc', '400Regular', 'NotoSansSC_400Regular.ttf'],
  'emoji.ttf': ['noto-emoji', '400Regular', 'NotoEmoji_400Regular.ttf'],
  'hebrew.ttf': ['noto-sans-hebrew', '400Regular', 'NotoSansHebrew_400Regular.ttf'],
  'thai.ttf': ['noto-sans-thai', '400Regular', 'NotoSansThai_400Regular.ttf'],
} as const satisfies Record<string, readonly [string, string, string]>;

export type FontName = keyof typeof FONT_FILES;

export function readFont(name: FontName): Uint8Array {
  const [pkg, weight, file] = FONT_FILES[name];
  return fontFile(pkg, weight, file);
}

/** The shaper's font indices, in order (see createHarfBuzzShaper): for embedding in PDFs. */
export const SHAPER_FONTS: readonly FontName[] = [
  'latin-regular.ttf',
  'latin-bold.ttf',
  'arabic-regular.ttf',
  'arabic-bold.ttf',
  'cjk.ttf',
  'emoji.ttf',
  'hebrew.ttf',
  'thai.ttf',
];

export function readFontFiles(): FontFiles {
  return {
    latin: { regular: readFont('latin-regular.ttf'), bold: readFont('latin-bold.ttf') },
    arabic: { regular: readFont('arabic-regular.ttf'), bold: readFont('arabic-bold.ttf') },
    cjk: readFont('cjk.ttf'),
    emoji: readFont('emoji.ttf'),
    hebrew: readFont('hebrew.ttf'),
    thai: readFont('thai.ttf'),
  };
}

let engine: Promise<TextShaper> | null = null;

/** This thread's shaper (HarfBuzz compiles its WebAssembly on first import). */
export function textShaper(): Promise<TextShaper> {
  engine ??= import('harfbuzzjs').then((hb) => createHarfBuzzShaper(hb, readFontFiles()));
  return engine;
}
