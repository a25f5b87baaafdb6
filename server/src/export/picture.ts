import { Resvg } from '@resvg/resvg-js';
import type { MapJSON } from '@loopmap/shared';

/**
 * TEMPORARY stand-in (exp-docs) for the lead's picture.ts, with its signature: boxes where the
 * cards are. Replaced by main's renderer when it lands; never the final version.
 */
export async function mapPicture(
  map: MapJSON,
  options: { scale?: number; background?: 'white' | 'transparent' } = {},
): Promise<{ png: Uint8Array; width: number; height: number }> {
  const cards = map.nodes.filter((node) => node.attachedTo === undefined);
  const xs = cards.map((node) => node.x);
  const ys = cards.map((node) => node.y);
  const left = Math.min(0, ...xs) - 20;
  const top = Math.min(0, ...ys) - 20;
  const width = Math.max(240, Math.max(0, ...xs) - left + 240);
  const height = Math.max(120, Math.max(0, ...ys) - top + 120);
  const boxes = cards
    .map((n) => `<rect x="${n.x - left}" y="${n.y - top}" width="200" height="80" fill="#dde" stroke="#446"/>`)
    .join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">${boxes}</svg>`;
  const scale = options.scale ?? 1;
  const rendered = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: scale },
    ...(options.background === 'transparent' ? {} : { background: 'white' }),
  }).render();
  return { png: new Uint8Array(rendered.asPng()), width: rendered.width, height: rendered.height };
}
