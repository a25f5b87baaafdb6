import type { XYPosition } from '@xyflow/react';
import { boundsOf } from '@loopmap/shared';
import { borderPoint, linkGeometry, pointOnCurve, type Box } from './floatingEdgeGeometry.ts';

/**
 * Links pass around cards rather than behind them: a light router run when cards move (with the
 * label placement, see LabelLayout), not ELK's routes. ELK routes only exist after a Tidy up and
 * go stale at the first drag; this one needs nothing but the cards' boxes. For each link whose
 * plain curve crosses another card, it looks for the shortest detour around the crossed cards:
 * through one or two corners of the box around them (grown by a gap), growing that box by any
 * card a detour still crosses, a few times at most and around a few cards at most. Only cards
 * near the link are looked at (a grid of boxes), so a thousand cards cost what a few do. A link
 * it cannot route keeps its curve.
 */

/** Space kept between a detour and the cards it goes around. */
export const ROUTE_GAP = 18;
const MAX_ROUNDS = 3;
/**
 * A link crossing more cards than this keeps its curve: on a crowded map a detour around a
 * whole region would be long, unreadable and slow to find.
 */
const MAX_AROUND = 6;
const CURVE_SAMPLES = 16;

/** Cards in square cells, for "which cards are near this segment". */
export class CardGrid {
  private readonly cells = new Map<number, Box[]>();
  constructor(
    boxes: readonly Box[],
    private readonly size = 256,
  ) {
    for (const box of boxes) {
      this.visit(box, (key) => {
        const cell = this.cells.get(key);
        if (cell) cell.push(box);
        else this.cells.set(key, [box]);
      });
    }
  }

  private visit(box: Box, f: (key: number) => void): void {
    const x0 = Math.floor(box.x / this.size);
    const y0 = Math.floor(box.y / this.size);
    const x1 = Math.floor((box.x + box.width) / this.size);
    const y1 = Math.floor((box.y + box.height) / this.size);
    for (let cx = x0; cx <= x1; cx++) {
      for (let cy = y0; cy <= y1; cy++) f((cx + 1_048_576) * 2_097_152 + (cy + 1_048_576));
    }
  }

  /** Cards whose cells the box touches (each once). */
  near(box: Box): Box[] {
    const out = new Set<Box>();
    this.visit(box, (key) => {
      for (const card of this.cells.get(key) ?? []) out.add(card);
    });
    return [...out];
  }
}

const grow = (box: Box, by: number): Box => ({
  x: box.x - by,
  y: box.y - by,
  width: box.width + 2 * by,
  height: box.height + 2 * by,
});

/** Whether the segment a–b passes through the inside of a box (Liang–Barsky clipping). */
export function segmentCrosses(a: XYPosition, b: XYPosition, box: Box): boolean {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  let t0 = 0;
  let t1 = 1;
  const checks: [number, number][] = [
    [-dx, a.x - box.x],
    [dx, box.x + box.width - a.x],
    [-dy, a.y - box.y],
    [dy, box.y + box.height - a.y],
  ];
  for (const [p, q] of checks) {
    if (p === 0) {
      if (q <= 0) return false;
      continue;
    }
    const r = q / p;
    if (p < 0) {
      if (r > t1) return false;
      if (r > t0) t0 = r;
    } else {
      if (r < t0) return false;
      if (r < t1) t1 = r;
    }
  }
  return t1 - t0 > 1e-9;
}

/**
 * The cards (other than its own ends) a polyline passes through; it stops looking once it has
 * found more than `limit`.
 */
function crossed(points: readonly XYPosition[], grid: CardGrid, ends: readonly Box[], limit = MAX_AROUND): Box[] {
  const hit = new Set<Box>();
  for (let i = 1; i < points.length && hit.size <= limit; i++) {
    const a = points[i - 1]!;
    const b = points[i]!;
    const span = {
      x: Math.min(a.x, b.x),
      y: Math.min(a.y, b.y),
      width: Math.abs(b.x - a.x),
      height: Math.abs(b.y - a.y),
    };
    for (const card of grid.near(span)) {
      if (!ends.includes(card) && !hit.has(card) && segmentCrosses(a, b, card)) hit.add(card);
    }
  }
  return [...hit];
}

const pointBox = (point: XYPosition): Box => ({ x: point.x, y: point.y, width: 0, height: 0 });

function length(points: readonly XYPosition[]): number {
  let total = 0;
  for (let i = 1; i < points.length; i++)
    total += Math.hypot(points[i]!.x - points[i - 1]!.x, points[i]!.y - points[i - 1]!.y);
  return total;
}

/** A link's full polyline through waypoints: its ends where it leaves and meets the two cards. */
export function routedPoints(source: Box, target: Box, waypoints: readonly XYPosition[]): XYPosition[] {
  const first = waypoints[0]!;
  const last = waypoints[waypoints.length - 1]!;
  return [borderPoint(source, pointBox(first)), ...waypoints, borderPoint(target, pointBox(last))];
}

/**
 * The waypoints of a detour for a link from `source` to `target`, or null when its plain curve
 * crosses no card (or no detour was found: the link then keeps its curve).
 */
export function routeAround(source: Box, target: Box, grid: CardGrid, reverse = false): XYPosition[] | null {
  const ends = [source, target];
  const { curve } = linkGeometry(source, target, reverse);
  const samples: XYPosition[] = [];
  for (let i = 0; i <= CURVE_SAMPLES; i++) samples.push(pointOnCurve(curve, i / CURVE_SAMPLES));
  let blocking = crossed(samples, grid, ends);
  if (blocking.length === 0) return null;
  for (let round = 0; round < MAX_ROUNDS && blocking.length <= MAX_AROUND; round++) {
    const around = grow(boundsOf(blocking)!, ROUTE_GAP);
    const corners: XYPosition[] = [
      { x: around.x, y: around.y },
      { x: around.x + around.width, y: around.y },
      { x: around.x + around.width, y: around.y + around.height },
      { x: around.x, y: around.y + around.height },
    ];
    // One corner, or two neighbouring ones (either way round): every way past the box.
    const options: XYPosition[][] = corners.map((corner) => [corner]);
    corners.forEach((corner, i) => {
      const next = corners[(i + 1) % 4]!;
      options.push([corner, next], [next, corner]);
    });
    let best: { waypoints: XYPosition[]; length: number } | null = null;
    let shortestBlocked: { hits: Box[]; length: number } | null = null;
    for (const waypoints of options) {
      const points = routedPoints(source, target, waypoints);
      // A detour must not run back through its own cards either.
      const throughEnds = points
        .slice(1)
        .some(
          (point, i) => i > 0 && i < points.length - 2 && ends.some((end) => segmentCrosses(points[i]!, point, end)),
        );
      if (throughEnds) continue;
      const hits = crossed(points, grid, ends);
      const total = length(points);
      if (hits.length === 0) {
        if (!best || total < best.length) best = { waypoints, length: total };
      } else if (!shortestBlocked || total < shortestBlocked.length) {
        shortestBlocked = { hits, length: total };
      }
    }
    if (best) return best.waypoints;
    if (!shortestBlocked) return null;
    blocking = [...blocking, ...shortestBlocked.hits];
  }
  return null;
}

/**
 * An SVG path through a polyline with its corners rounded (a radius up to 14 px, less where the
 * segments are short), so a detour reads as one line rather than a zigzag.
 */
export function polylinePath(points: readonly XYPosition[]): string {
  let d = `M${points[0]!.x},${points[0]!.y}`;
  for (let i = 1; i < points.length - 1; i++) {
    const prev = points[i - 1]!;
    const at = points[i]!;
    const next = points[i + 1]!;
    const inLength = Math.hypot(at.x - prev.x, at.y - prev.y);
    const outLength = Math.hypot(next.x - at.x, next.y - at.y);
    const radius = Math.min(14, inLength / 2, outLength / 2);
    const from = {
      x: at.x - ((at.x - prev.x) / (inLength || 1)) * radius,
      y: at.y - ((at.y - prev.y) / (inLength || 1)) * radius,
    };
    const to = {
      x: at.x + ((next.x - at.x) / (outLength || 1)) * radius,
      y: at.y + ((next.y - at.y) / (outLength || 1)) * radius,
    };
    d += ` L${from.x},${from.y} Q${at.x},${at.y} ${to.x},${to.y}`;
  }
  const end = points[points.length - 1]!;
  return `${d} L${end.x},${end.y}`;
}
