import {
  createHarfBuzzShaper,
  optionalFontsFor,
  renderMapSvg,
  type FontFiles,
  type HarfBuzzModule,
  type Language,
  type MapJSON,
  type RenderedMap,
  type TextShaper,
  type Translate,
} from '@loopmap/shared';
import { ensureLoaded, i18next } from '../i18n/i18n.ts';

/**
 * The export preview, drawn in the browser by the very renderer the server uses (the shared
 * renderMapSvg, HarfBuzz and the same font files fetched from /fonts/), so what people preview is
 * what they download, and it shows the map as this browser has it, unsynced edits included.
 * Loaded only when the Export dialog opens: HarfBuzz and the fonts are not in the main bundle.
 */

async function font(name: string): Promise<Uint8Array> {
  const res = await fetch(`/fonts/${name}`);
  if (!res.ok) throw new Error(`could not load the font ${name} (${res.status})`);
  return new Uint8Array(await res.arrayBuffer());
}

let base: Promise<{ hb: HarfBuzzModule; files: FontFiles }> | null = null;
let shaper: { key: string; shaper: Promise<TextShaper> } | null = null;

type OptionalFonts = ReturnType<typeof optionalFontsFor>;

function shaperFor(needs: OptionalFonts): Promise<TextShaper> {
  const key = JSON.stringify(needs);
  if (shaper?.key === key) return shaper.shaper;
  base ??= Promise.all([
    import('harfbuzzjs'),
    font('latin-regular.ttf'),
    font('latin-bold.ttf'),
    font('arabic-regular.ttf'),
    font('arabic-bold.ttf'),
  ]).then(([hb, latinRegular, latinBold, arabicRegular, arabicBold]) => ({
    hb,
    files: { latin: { regular: latinRegular, bold: latinBold }, arabic: { regular: arabicRegular, bold: arabicBold } },
  }));
  const next = base.then(async ({ hb, files }) =>
    createHarfBuzzShaper(hb, {
      ...files,
      cjk: needs.cjk ? await font('cjk.ttf') : undefined,
      emoji: needs.emoji ? await font('emoji.ttf') : undefined,
      hebrew: needs.hebrew ? await font('hebrew.ttf') : undefined,
      thai: needs.thai ? await font('thai.ttf') : undefined,
    }),
  );
  shaper = { key, shaper: next };
  return next;
}

/** Everything written on a map, to tell which optional fonts it needs. */
function textOf(map: MapJSON): string {
  return [map.meta.title, ...map.nodes.map((node) => node.label), ...map.edges.map((edge) => edge.rationale)].join(
    '\n',
  );
}

/** A translator for a document in `language` (the dialog's document language), its words loaded. */
export async function documentTranslator(language: Language): Promise<Translate> {
  await ensureLoaded(language);
  const t = i18next.getFixedT(language, 'exports');
  return (key, values) => t(key, values ?? {}) as string;
}

export async function renderMapInBrowser(
  map: MapJSON,
  options: { t: Translate; versionLabel?: string; dateText?: string; background?: 'white' | 'transparent' },
): Promise<RenderedMap> {
  const needs = optionalFontsFor(textOf(map));
  return renderMapSvg(map, { shaper: await shaperFor(needs), ...options });
}
