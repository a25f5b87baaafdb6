import { MIN_LANE_HEIGHT } from '../model/lanes.ts';
import { LAYER_GAP } from './layoutSizes.ts';

/** A card's box on the canvas: top-left corner and size. */
export interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface StackedRanks {
  /** Every card's new y (top edge). */
  readonly y: Map<string, number>;
  /** The lanes' four bounds, top to bottom, when lanes were asked for. */
  readonly bounds: [number, number, number, number] | null;
}

/**
 * Stacks the ranks of a layered layout (ranks descending from the top, as ELK placed them
 * with direction UP) one below the other, with the usual gap between rows, and draws the
 * lanes around the ranks that are lanes.
 *
 * ELK keeps each rank in rows of its own, so a rank's cards fill a horizontal strip that no
 * other rank's card enters. Moving whole strips up or down keeps every card's place within its
 * row and never makes two cards overlap; it closes the rows ELK gave the partition separators
 * and opens each lane to at least MIN_LANE_HEIGHT. Each strip gets half a gap of padding above
 * and below, and strips touch: two rows of cards on either side of a boundary are one gap
 * apart, as any two rows are, and a lane's edge runs halfway between them. An empty lane is
 * MIN_LANE_HEIGHT tall.
 *
 * `laneRanks` are the ranks of the three lanes, top to bottom (consecutive, see layoutRanks.ts).
 */
export function stackRanks(
  boxes: ReadonlyMap<string, Box>,
  ranks: ReadonlyMap<string, number>,
  laneRanks: readonly number[] | null,
): StackedRanks {
  const strips = new Map<number, { top: number; bottom: number; ids: string[] }>();
  for (const [id, box] of boxes) {
    const rank = ranks.get(id) ?? 0;
    const strip = strips.get(rank);
    if (strip) {
      strip.top = Math.min(strip.top, box.y);
      strip.bottom = Math.max(strip.bottom, box.y + box.height);
      strip.ids.push(id);
    } else strips.set(rank, { top: box.y, bottom: box.y + box.height, ids: [id] });
  }
  const lanes = new Set(laneRanks ?? []);
  const order = [...new Set([...strips.keys(), ...lanes])].sort((a, b) => b - a);

  const y = new Map<string, number>();
  const edges = new Map<number, { top: number; bottom: number }>();
  let cursor = 0;
  for (const rank of order) {
    const strip = strips.get(rank);
    const content = strip ? strip.bottom - strip.top : 0;
    const height = Math.max(content + LAYER_GAP, lanes.has(rank) ? MIN_LANE_HEIGHT : 0);
    if (strip) {
      const shift = cursor + (height - content) / 2 - strip.top;
      for (const id of strip.ids) y.set(id, boxes.get(id)!.y + shift);
    }
    edges.set(rank, { top: cursor, bottom: cursor + height });
    cursor += height;
  }

  if (!laneRanks || laneRanks.length !== 3) return { y, bounds: null };
  const [top, middle, bottom] = laneRanks.map((rank) => edges.get(rank)!) as [
    { top: number; bottom: number },
    { top: number; bottom: number },
    { top: number; bottom: number },
  ];
  return { y, bounds: [top.top, middle.top, bottom.top, bottom.bottom] };
}
