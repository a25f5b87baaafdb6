import type { Rect } from '@xyflow/react';
import { boundsOf } from '@loopmap/shared';
import { MIN_READABLE_ZOOM } from './zoomBands.ts';

/** A card as the opening view needs it: where it is, how big, and whether it is an impact. */
export interface OpeningCard {
  rect: Rect;
  impact: boolean;
}

export interface Viewport {
  x: number;
  y: number;
  zoom: number;
}

/**
 * The zoom at which card titles are just readable (READABLE_TITLE_PX on screen): with semantic
 * zoom (zoomBands) titles grow as the view zooms out, so this is the tiny band's limit, ≈ 0.29,
 * below Z40; rounded up a little so that the opening view's titles are not a rounding error
 * short of it.
 */
export const READABLE_ZOOM = Math.ceil(MIN_READABLE_ZOOM * 1000) / 1000;

/** Space kept between the top of the chain and the canvas's edges (px on screen). */
const EDGE_MARGIN = 24;

/**
 * How a map opens: the whole map when, fitted (at `fittedZoom`, what fitting it would give), its
 * card titles are still readable (at least READABLE_TITLE_PX on screen); otherwise the top of
 * the chain at READABLE_ZOOM: the impact cards and what is near them (the top of the map when it
 * has no impact), the window kept within the map so that as much of it shows as fits, with the
 * rest a pan away. 'all' asks for the usual fit.
 */
export function openingView(
  cards: readonly OpeningCard[],
  pane: { width: number; height: number },
  fittedZoom: number,
): 'all' | Viewport {
  const map = boundsOf(cards.map((card) => card.rect));
  if (!map || fittedZoom >= READABLE_ZOOM) return 'all';

  const zoom = READABLE_ZOOM;
  const impacts = boundsOf(cards.filter((card) => card.impact).map((card) => card.rect));
  const anchor = impacts ?? { ...map, height: 0 };
  // What the pane shows at this zoom, in flow units.
  const margin = EDGE_MARGIN / zoom;
  const width = pane.width / zoom;
  const height = pane.height / zoom;
  const left = clampWindow(anchor.x + anchor.width / 2 - width / 2, width, map.x - margin, map.x + map.width + margin);
  const top = clampWindow(anchor.y - margin, height, map.y - margin, map.y + map.height + margin);
  return { x: -left * zoom, y: -top * zoom, zoom };
}

/** The window's start, moved so that it stays within [low, high] where the span is larger. */
function clampWindow(start: number, size: number, low: number, high: number): number {
  if (high - low <= size) return (low + high) / 2 - size / 2;
  return Math.min(Math.max(start, low), high - size);
}
