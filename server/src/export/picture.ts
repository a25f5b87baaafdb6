import { Resvg } from '@resvg/resvg-js';
import { pictureDateText, renderMapSvg, type MapJSON, type RenderedMap, type Translate } from '@loopmap/shared';
import { textShaper } from './textEngine.ts';

/**
 * Pictures of a map on the server: the shared renderer's SVG (shipped fonts, shaped by HarfBuzz),
 * rasterised by resvg. Word reports, PDFs and PNG downloads all come from here.
 */

export interface PictureOptions {
  /** Under the title, e.g. "Live map" or a snapshot's name. */
  versionLabel?: string;
  /** When the version was current (ISO 8601), written as a date under the title. */
  at?: string | null;
  background?: 'white' | 'transparent';
  /** Leave out the title block and legend (a picture inside a document that has its own). */
  bare?: boolean;
}

export interface Png {
  png: Uint8Array;
  width: number;
  height: number;
}

/** The date under a picture's title (shared with the browser's preview). */
export const dateText = pictureDateText;

export async function mapSvg(map: MapJSON, t: Translate, options: PictureOptions = {}): Promise<RenderedMap> {
  return renderMapSvg(map, {
    shaper: await textShaper(),
    t,
    versionLabel: options.versionLabel,
    dateText: dateText(options.at, t),
    background: options.background,
    bare: options.bare,
  });
}

/**
 * Largest raster: a 1,000-card map at 3× would otherwise ask for gigapixels. Beyond these the
 * picture is scaled down to fit (the SVG and PDF stay sharp at any size).
 */
export const MAX_RASTER_SIDE = 16_000;
export const MAX_RASTER_PIXELS = 40_000_000;

/** Rasterises an SVG of `width`×`height` into a PNG `scale` times larger (capped at MAX_RASTER_SIDE). */
export function rasterise(
  svg: string,
  size: { width: number; height: number },
  options: { scale?: number; background?: 'white' | 'transparent'; frame?: { width: number; height: number } } = {},
): Png {
  const frame = options.frame;
  let source = svg;
  let width = size.width * (options.scale ?? 1);
  let height = size.height * (options.scale ?? 1);
  if (frame) {
    // Fitted into a fixed frame (a 16:9 slide): the picture centred, the rest background.
    const scale = options.scale ?? 1;
    width = frame.width * scale;
    height = frame.height * scale;
    source = svg.replace(
      /^<svg ([^>]*?)width="[\d.]+" height="[\d.]+"/,
      `<svg $1width="${width}" height="${height}" preserveAspectRatio="xMidYMid meet"`,
    );
  }
  const cap = Math.min(1, MAX_RASTER_SIDE / Math.max(width, height), Math.sqrt(MAX_RASTER_PIXELS / (width * height)));
  const target = Math.max(1, Math.round(width * cap));
  const resvg = new Resvg(source, {
    fitTo: { mode: 'width', value: target },
    background: options.background === 'transparent' ? undefined : '#ffffff',
    font: { loadSystemFonts: false },
  });
  const rendered = resvg.render();
  const png = rendered.asPng();
  return {
    png: new Uint8Array(png.buffer, png.byteOffset, png.byteLength),
    width: rendered.width,
    height: rendered.height,
  };
}
