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
