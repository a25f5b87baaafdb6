import type { Lanes } from '../model/lanes.ts';
import type { Box } from './stackRanks.ts';
import { LAYER_GAP } from './layoutSizes.ts';

/**
 * The accountability ceiling after a layout, where it was relative to the lanes: on the same
 * boundary (the usual place is between institutional and contextual change), or at the same
 * fraction of the same lane, or as far above or below the lanes as before.
 */
export function ceilingAmongLanes(ceilingY: number, before: Lanes, after: Lanes): number {
  const [b0, b1, b2, b3] = before.bounds;
  const [a0, , , a3] = after.bounds;
  if (ceilingY <= b0) return a0 - (b0 - ceilingY);
  if (ceilingY >= b3) return a3 + (ceilingY - b3);
  const lane = ceilingY < b1 ? 0 : ceilingY < b2 ? 1 : 2;
  const top = before.bounds[lane]!;
  const fraction = (ceilingY - top) / (before.bounds[lane + 1]! - top);
  const newTop = after.bounds[lane]!;
  return newTop + fraction * (after.bounds[lane + 1]! - newTop);
}

const centreY = (box: Box): number => box.y + box.height / 2;

/**
 * The ceiling after a layout of a map without lanes, where it was relative to the cards: the
 * line between two rows (or above or below them all) that leaves the fewest cards on the other
 * side of it than before, the topmost of equals. `before` and `after` hold the same cards.
 */
export function ceilingAmongCards(
  ceilingY: number,
  before: ReadonlyMap<string, Box>,
  after: ReadonlyMap<string, Box>,
): number {
  const wasAbove = new Set([...before].filter(([, box]) => centreY(box) < ceilingY).map(([id]) => id));
  // Rows: the vertical extents of the cards, merged where they overlap; lines run between them.
  const spans = [...after.values()].map((box) => [box.y, box.y + box.height] as const).sort((a, b) => a[0] - b[0]);
  const rows: [number, number][] = [];
  for (const [top, bottom] of spans) {
    const last = rows[rows.length - 1];
    if (last && top <= last[1]) last[1] = Math.max(last[1], bottom);
    else rows.push([top, bottom]);
  }
  if (rows.length === 0) return ceilingY;
  const lines = [rows[0]![0] - LAYER_GAP / 2];
  for (let i = 1; i < rows.length; i++) lines.push((rows[i - 1]![1] + rows[i]![0]) / 2);
  lines.push(rows[rows.length - 1]![1] + LAYER_GAP / 2);

  let best = lines[0]!;
  let fewest = Infinity;
  for (const line of lines) {
    let wrong = 0;
    for (const [id, box] of after) if (centreY(box) < line !== wasAbove.has(id)) wrong++;
    if (wrong < fewest) [best, fewest] = [line, wrong];
  }
  return best;
}
