import type { Level } from './fields.ts';
import { MAX_COORDINATE } from './coordinates.ts';

/**
 * A theory of change is drawn bottom-up, activities at the bottom and the impact at the top, and
 * changes happen at three levels. The level swimlanes are horizontal bands in the order change
 * usually travels: individual (lowest), institutional, contextual (highest). A card's level is a
 * field of its own (set from the inspector, or by dropping the card into a lane); the bands are
 * where the group draws them, stored in the map's meta as four increasing y values:
 *
 *   bounds[0] ── contextual ── bounds[1] ── institutional ── bounds[2] ── individual ── bounds[3]
 */
export const LANE_ORDER: readonly Level[] = ['contextual', 'institutional', 'individual'];

export interface Lanes {
  readonly bounds: readonly [number, number, number, number];
}

/** A lane narrower than this could not hold a card. */
export const MIN_LANE_HEIGHT = 120;
/** A fresh lane's height (two rows of cards). */
export const DEFAULT_LANE_HEIGHT = 320;

/** Reads lanes stored by any client; anything malformed (or too thin) means "no lanes". */
export function parseLanes(value: unknown): Lanes | null {
  if (typeof value !== 'object' || value === null) return null;
  const bounds = (value as { bounds?: unknown }).bounds;
  if (!Array.isArray(bounds) || bounds.length !== 4) return null;
  const ys = bounds.map((y) => (typeof y === 'number' && Number.isFinite(y) ? y : Number.NaN));
  if (ys.some((y) => Number.isNaN(y) || Math.abs(y) > MAX_COORDINATE)) return null;
  for (let i = 1; i < 4; i++) if (ys[i]! - ys[i - 1]! < MIN_LANE_HEIGHT) return null;
  return { bounds: [ys[0]!, ys[1]!, ys[2]!, ys[3]!] };
}

/** Lanes of the default height whose top edge is at `top`. */
export function lanesFrom(top: number, height: number = DEFAULT_LANE_HEIGHT): Lanes {
  return { bounds: [top, top + height, top + 2 * height, top + 3 * height] };
}

/** The band of a level: its top and bottom y. */
export function laneBand(lanes: Lanes, level: Level): { top: number; bottom: number } {
  const index = LANE_ORDER.indexOf(level);
  return { top: lanes.bounds[index]!, bottom: lanes.bounds[index + 1]! };
}

/** The level whose band holds `y` (a card's centre), or null above or below the lanes. */
export function laneAt(lanes: Lanes, y: number): Level | null {
  for (let i = 0; i < LANE_ORDER.length; i++) {
    if (y >= lanes.bounds[i]! && y < lanes.bounds[i + 1]!) return LANE_ORDER[i]!;
  }
  return null;
}

/**
 * Moves one boundary (0..3) to `y`, keeping every lane at least MIN_LANE_HEIGHT tall: the outer
 * boundaries move the whole block's edge, the inner ones trade height between two lanes.
 */
export function moveLaneBoundary(lanes: Lanes, index: number, y: number): Lanes {
  const bounds = [...lanes.bounds] as [number, number, number, number];
  if (index < 0 || index > 3 || !Number.isFinite(y)) return lanes;
  const min = index > 0 ? bounds[index - 1]! + MIN_LANE_HEIGHT : -MAX_COORDINATE;
  const max = index < 3 ? bounds[index + 1]! - MIN_LANE_HEIGHT : MAX_COORDINATE;
  bounds[index] = Math.round(Math.max(min, Math.min(max, y)));
  return { bounds };
}
