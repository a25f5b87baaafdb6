import { Position, type XYPosition } from '@xyflow/react';

/** A node's box in flow coordinates. */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * Where the straight line from the centre of `box` towards the centre of `other` leaves `box`.
 * Links attach there, so they take the short way between two cards wherever the cards sit,
 * instead of looping from a fixed right-hand handle to a fixed left-hand one.
 */
export function borderPoint(box: Box, other: Box): XYPosition {
  const w = box.width / 2;
  const h = box.height / 2;
  const cx = box.x + w;
  const cy = box.y + h;
  const dx = other.x + other.width / 2 - cx;
  const dy = other.y + other.height / 2 - cy;
  if ((dx === 0 && dy === 0) || w === 0 || h === 0) return { x: cx, y: cy };
  const scale = 1 / Math.max(Math.abs(dx) / w, Math.abs(dy) / h);
  return { x: cx + dx * scale, y: cy + dy * scale };
}

/** Which side of `box` a point on its border is on (for the curve's direction there). */
export function sideOf(box: Box, point: XYPosition): Position {
  const epsilon = 1;
  if (point.x <= box.x + epsilon) return Position.Left;
  if (point.x >= box.x + box.width - epsilon) return Position.Right;
  if (point.y <= box.y + epsilon) return Position.Top;
  return Position.Bottom;
}

export interface FloatingEnds {
  sourceX: number;
  sourceY: number;
  sourcePosition: Position;
  targetX: number;
  targetY: number;
  targetPosition: Position;
}

export function floatingEnds(source: Box, target: Box): FloatingEnds {
  const s = borderPoint(source, target);
  const t = borderPoint(target, source);
  return {
    sourceX: s.x,
    sourceY: s.y,
    sourcePosition: sideOf(source, s),
    targetX: t.x,
    targetY: t.y,
    targetPosition: sideOf(target, t),
  };
}

const ARROW_LENGTH = 10;
const ARROW_HALF_WIDTH = 5;

/**
 * An arrowhead as a path, its tip at the target end, pointing the way a bezier arrives on that
 * side. Drawn as a plain path rather than an SVG marker: markers make Chromium repaint far more
 * per frame (at 1,500 links, marker-end alone cost a drag about ten frames a second).
 */
export function arrowPath(tipX: number, tipY: number, side: Position): string {
  // The direction of travel when arriving on this side of the target card.
  const [dx, dy] =
    side === Position.Left ? [1, 0] : side === Position.Right ? [-1, 0] : side === Position.Top ? [0, 1] : [0, -1];
  const baseX = tipX - dx * ARROW_LENGTH;
  const baseY = tipY - dy * ARROW_LENGTH;
  const px = -dy * ARROW_HALF_WIDTH;
  const py = dx * ARROW_HALF_WIDTH;
  return `M${tipX},${tipY} L${baseX + px},${baseY + py} L${baseX - px},${baseY - py} Z`;
}

/** A flat bar across the line at the target (⊣): "blocks" ends in a stop, not an arrow. */
export function barPath(tipX: number, tipY: number, side: Position): string {
  const horizontal = side === Position.Left || side === Position.Right;
  const [dx, dy] =
    side === Position.Left ? [1, 0] : side === Position.Right ? [-1, 0] : side === Position.Top ? [0, 1] : [0, -1];
  const x = tipX - dx * 3;
  const y = tipY - dy * 3;
  return horizontal ? `M${x},${y - 7} L${x},${y + 7}` : `M${x - 7},${y} L${x + 7},${y}`;
}

/** A link's curve: a cubic bezier from the source end to the target end. */
export interface Curve {
  sx: number;
  sy: number;
  c1x: number;
  c1y: number;
  c2x: number;
  c2y: number;
  tx: number;
  ty: number;
}

/** How far a control point reaches out from its end (React Flow's bezier, curvature 0.25). */
function controlOffset(distance: number): number {
  return distance >= 0 ? 0.5 * distance : 0.25 * 25 * Math.sqrt(-distance);
}

function control(side: Position, x1: number, y1: number, x2: number, y2: number): [number, number] {
  if (side === Position.Left) return [x1 - controlOffset(x1 - x2), y1];
  if (side === Position.Right) return [x1 + controlOffset(x2 - x1), y1];
  if (side === Position.Top) return [x1, y1 - controlOffset(y1 - y2)];
  return [x1, y1 + controlOffset(y2 - y1)];
}

/**
 * The curve React Flow's getBezierPath draws between two ends (same control points), as numbers:
 * label placement samples points along it, and the edge draws it with curvePath.
 */
export function bezierCurve(ends: FloatingEnds): Curve {
  const [c1x, c1y] = control(ends.sourcePosition, ends.sourceX, ends.sourceY, ends.targetX, ends.targetY);
  const [c2x, c2y] = control(ends.targetPosition, ends.targetX, ends.targetY, ends.sourceX, ends.sourceY);
  return { sx: ends.sourceX, sy: ends.sourceY, c1x, c1y, c2x, c2y, tx: ends.targetX, ty: ends.targetY };
}

export function curvePath(c: Curve): string {
  return `M${c.sx},${c.sy} C${c.c1x},${c.c1y} ${c.c2x},${c.c2y} ${c.tx},${c.ty}`;
}

/** The point at parameter t (0 at the source, 1 at the target) on a curve. */
export function pointOnCurve(c: Curve, t: number): XYPosition {
  const u = 1 - t;
  const a = u * u * u;
  const b = 3 * u * u * t;
  const d = 3 * u * t * t;
  const e = t * t * t;
  return { x: a * c.sx + b * c.c1x + d * c.c2x + e * c.tx, y: a * c.sy + b * c.c1y + d * c.c2y + e * c.ty };
}

/**
 * How far a link with a twin running the other way (a feedback loop drawn as two links) is
 * shifted sideways, to its own right: the twin shifts to its right, the other side, so the two
 * curves and their labels stand apart.
 */
const REVERSE_OFFSET = 10;

/** The ends and curve of a link between two cards, as drawn (see LinkEdgeView). */
export function linkGeometry(source: Box, target: Box, reverse: boolean): { ends: FloatingEnds; curve: Curve } {
  const floating = floatingEnds(source, target);
  let ends = floating;
  if (reverse) {
    const dx = floating.targetX - floating.sourceX;
    const dy = floating.targetY - floating.sourceY;
    const norm = Math.hypot(dx, dy) || 1;
    const shiftX = (-dy / norm) * REVERSE_OFFSET;
    const shiftY = (dx / norm) * REVERSE_OFFSET;
    ends = {
      ...floating,
      sourceX: floating.sourceX + shiftX,
      sourceY: floating.sourceY + shiftY,
      targetX: floating.targetX + shiftX,
      targetY: floating.targetY + shiftY,
    };
  }
  return { ends, curve: bezierCurve(ends) };
}
