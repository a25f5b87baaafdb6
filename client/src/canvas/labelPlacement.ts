import type { XYPosition } from '@xyflow/react';
import { pointOnCurve, type Box, type Curve } from './floatingEdgeGeometry.ts';

/**
 * Where each link's label goes: on its own link, where it covers no card and no other label.
 * Pure geometry (no React, no DOM), computed once for all links when positions or sizes change
 * (see LabelLayout), not per edge per frame.
 *
 * A label has three forms, tried in order at every candidate spot along the link:
 * - full: the relation (and status) on one line, the rationale on one or two lines (cut with an
 *   ellipsis), badges on a last line; at most LABEL_MAX_WIDTH wide;
 * - chip: one line, the relation alone (or the rationale's first line when there is none);
 * - dot: a small dot on the link; hovering or focusing it shows the whole label.
 * The sizes below are the ones the CSS gives these forms (canvas.css, "Link labels"): the width
 * is set on the label itself and every line has a fixed height and is clamped, so a label is
 * never bigger on screen than the box placed here.
 */

export type LabelMode = 'full' | 'chip' | 'dot';

export const LABEL_MAX_WIDTH = 180;
const CHIP_MAX_WIDTH = 140;
const LABEL_MIN_WIDTH = 36;
/** Border (1px) and padding (3px 8px) around a label's lines. */
const FRAME_X = 18;
const FRAME_Y = 8;
const GAP = 1;
export const RELATION_LINE = 14;
export const TEXT_LINE = 16;
export const BADGE_LINE = 16;
export const DOT_SIZE = 12;
/** Empty space kept between a label and a card or another label. */
const MARGIN = 4;
/** Rough widths of one character: rationale at 12px, the relation in 10.5px capitals. */
const TEXT_CHAR = 6.4;
const RELATION_CHAR = 7.6;
const BADGE_WIDTH = 34;

/** What a label shows, for estimating its size. */
export interface LabelContent {
  /** The relation's name ('' for none). */
  relation: string;
  /** The status's name when it is not the default ('' otherwise). */
  status: string;
  /** The rationale. */
  text: string;
  /** How many badges (assumptions, indicators, evidence, comments). */
  badges: number;
}

export interface LabelSize {
  width: number;
  height: number;
  /** Lines of rationale shown (0, 1 or 2). */
  lines: number;
}

/** Whether a link has a label at all (a plain hypothesised link with no rationale has none). */
export function hasLabel(content: LabelContent): boolean {
  return Boolean(content.relation || content.status || content.text || content.badges > 0);
}

const clampWidth = (width: number, max: number): number => Math.round(Math.min(max, Math.max(LABEL_MIN_WIDTH, width)));

function relationWidth(content: LabelContent): number {
  const status = content.status ? content.status.length * TEXT_CHAR * 0.85 + 15 : 0;
  return content.relation.length * RELATION_CHAR + status;
}

/** The box of a label in each form. */
export function labelSizes(content: LabelContent): Record<LabelMode, LabelSize> {
  const hasRelationLine = Boolean(content.relation || content.status);
  const textWidth = content.text.length * TEXT_CHAR;
  const inner = LABEL_MAX_WIDTH - FRAME_X;
  const lines = content.text ? (textWidth <= inner ? 1 : 2) : 0;
  const rows: number[] = [];
  if (hasRelationLine) rows.push(RELATION_LINE);
  for (let i = 0; i < lines; i++) rows.push(TEXT_LINE);
  if (content.badges > 0) rows.push(BADGE_LINE);
  const full: LabelSize = {
    width: clampWidth(
      Math.max(relationWidth(content), Math.min(textWidth, inner), content.badges * BADGE_WIDTH) + FRAME_X,
      LABEL_MAX_WIDTH,
    ),
    height: FRAME_Y + rows.reduce((sum, row) => sum + row, 0) + GAP * Math.max(0, rows.length - 1),
    lines,
  };
  const chip: LabelSize = hasRelationLine
    ? { width: clampWidth(relationWidth(content) + FRAME_X, CHIP_MAX_WIDTH), height: FRAME_Y + RELATION_LINE, lines: 0 }
    : { width: clampWidth(textWidth + FRAME_X, CHIP_MAX_WIDTH), height: FRAME_Y + TEXT_LINE, lines: 1 };
  return { full, chip, dot: { width: DOT_SIZE, height: DOT_SIZE, lines: 0 } };
}

/** A link to place a label for. */
export interface LabelRequest {
  id: string;
  /** Its curve as drawn. */
  curve: Curve;
  /** Its detour around cards, when it has one (see linkRouting): the polyline drawn instead. */
  points?: readonly XYPosition[];
  sizes: Record<LabelMode, LabelSize>;
}

/**
 * Where a label went: at parameter t of its link's curve (or at share t of its detour's length),
 * centred on (x, y).
 */
export interface LabelPlacement {
  t: number;
  mode: LabelMode;
  x: number;
  y: number;
  width: number;
  height: number;
  lines: number;
}

/**
 * Spots along a link tried in turn, as shares of its length: the middle first, then outwards,
 * alternating sides, up to near its ends (a link's curve bunches its parameter around the
 * middle, so these are measured along the curve, see spotsAlong).
 */
export const CANDIDATE_SHARES: readonly number[] = [
  0.5, 0.44, 0.56, 0.38, 0.62, 0.32, 0.68, 0.26, 0.74, 0.2, 0.8, 0.14, 0.86, 0.09, 0.91,
];

const SAMPLES = 24;

/** The point at a share of a polyline's length. */
export function pointAlong(points: readonly XYPosition[], share: number): XYPosition {
  let total = 0;
  for (let i = 1; i < points.length; i++)
    total += Math.hypot(points[i]!.x - points[i - 1]!.x, points[i]!.y - points[i - 1]!.y);
  let left = share * total;
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1]!;
    const b = points[i]!;
    const span = Math.hypot(b.x - a.x, b.y - a.y);
    if (left <= span || i === points.length - 1) {
      const within = span > 0 ? Math.min(1, left / span) : 0;
      return { x: a.x + (b.x - a.x) * within, y: a.y + (b.y - a.y) * within };
    }
    left -= span;
  }
  return points[0]!;
}

/**
 * The candidate spots of a link's label: along its detour when it has one (t is then a share of
 * its length), else along its curve.
 */
export function spotsOf(request: LabelRequest): { t: number; x: number; y: number }[] {
  const { points } = request;
  if (points) return CANDIDATE_SHARES.map((t) => ({ t, ...pointAlong(points, t) }));
  return spotsAlong(request.curve);
}

/** The points at CANDIDATE_SHARES of a curve's length, with their parameter t. */
export function spotsAlong(curve: Curve): { t: number; x: number; y: number }[] {
  const points = [];
  const lengths = [0];
  for (let i = 0; i <= SAMPLES; i++) {
    const point = pointOnCurve(curve, i / SAMPLES);
    if (i > 0) {
      const prev = points[i - 1]!;
      lengths.push(lengths[i - 1]! + Math.hypot(point.x - prev.x, point.y - prev.y));
    }
    points.push(point);
  }
  const total = lengths[SAMPLES]!;
  return CANDIDATE_SHARES.map((share) => {
    const wanted = share * total;
    let i = 1;
    while (i < SAMPLES && lengths[i]! < wanted) i++;
    const span = lengths[i]! - lengths[i - 1]!;
    const within = span > 0 ? (wanted - lengths[i - 1]!) / span : 0;
    // Rounded, so the same cards give the same t (and an unchanged label is not re-rendered).
    const t = Math.round(((i - 1 + within) / SAMPLES) * 10_000) / 10_000;
    return { t, ...pointOnCurve(curve, t) };
  });
}

/** The middle, in the full form: where a label goes before (or without) placement. */
export function midpointPlacement(request: LabelRequest): LabelPlacement {
  const { x, y } = request.points ? pointAlong(request.points, 0.5) : pointOnCurve(request.curve, 0.5);
  const { width, height, lines } = request.sizes.full;
  return { t: 0.5, mode: 'full', x, y, width, height, lines };
}

/**
 * Boxes in square cells, so a label's check looks at what is near it only: placing 1,500
 * labels among 1,000 cards stays linear instead of testing every pair.
 */
class BoxGrid {
  private readonly cells = new Map<number, Box[]>();
  constructor(private readonly size: number) {}

  private key(cx: number, cy: number): number {
    // Cells within ±2^20 in each direction (±268 million px at 256 px): far beyond any map.
    return (cx + 1_048_576) * 2_097_152 + (cy + 1_048_576);
  }

  private range(box: Box): [number, number, number, number] {
    return [
      Math.floor(box.x / this.size),
      Math.floor(box.y / this.size),
      Math.floor((box.x + box.width) / this.size),
      Math.floor((box.y + box.height) / this.size),
    ];
  }

  add(box: Box): void {
    const [x0, y0, x1, y1] = this.range(box);
    for (let cx = x0; cx <= x1; cx++) {
      for (let cy = y0; cy <= y1; cy++) {
        const key = this.key(cx, cy);
        const cell = this.cells.get(key);
        if (cell) cell.push(box);
        else this.cells.set(key, [box]);
      }
    }
  }

  hits(box: Box, margin: number): boolean {
    const [x0, y0, x1, y1] = this.range(box);
    for (let cx = x0; cx <= x1; cx++) {
      for (let cy = y0; cy <= y1; cy++) {
        const cell = this.cells.get(this.key(cx, cy));
        if (cell?.some((other) => intersects(box, other, margin))) return true;
      }
    }
    return false;
  }
}

/** Whether two boxes overlap, or come closer than `margin`. */
export function intersects(a: Box, b: Box, margin = 0): boolean {
  return (
    a.x < b.x + b.width + margin &&
    b.x < a.x + a.width + margin &&
    a.y < b.y + b.height + margin &&
    b.y < a.y + a.height + margin
  );
}

const boxAt = (x: number, y: number, size: LabelSize): Box => ({
  x: x - size.width / 2,
  y: y - size.height / 2,
  width: size.width,
  height: size.height,
});

function chord(curve: Curve): number {
  return Math.hypot(curve.tx - curve.sx, curve.ty - curve.sy);
}

/**
 * Places every label (greedy): short links first (they have the fewest free spots), ties by id
 * so the result does not depend on the order links arrive in. Each label takes the first spot
 * along its link, in the first form, that overlaps no card and no label already placed; when
 * none is free, a dot at the middle. Labels of links meeting at one card never overlap, since no
 * two placed labels do (only two last-resort dots can).
 */
export function placeLabels(cards: readonly Box[], requests: readonly LabelRequest[]): Map<string, LabelPlacement> {
  const cardGrid = new BoxGrid(256);
  for (const card of cards) cardGrid.add(card);
  const labelGrid = new BoxGrid(128);
  const order = requests
    .map((request) => ({ request, length: chord(request.curve) }))
    .sort((a, b) => a.length - b.length || (a.request.id < b.request.id ? -1 : a.request.id > b.request.id ? 1 : 0));
  const placed = new Map<string, LabelPlacement>();
  const modes: readonly LabelMode[] = ['full', 'chip', 'dot'];
  for (const { request } of order) {
    const points = spotsOf(request);
    let found: LabelPlacement | null = null;
    for (const mode of modes) {
      const size = request.sizes[mode];
      for (const point of points) {
        const box = boxAt(point.x, point.y, size);
        if (cardGrid.hits(box, MARGIN) || labelGrid.hits(box, MARGIN)) continue;
        found = { t: point.t, mode, x: point.x, y: point.y, ...size };
        break;
      }
      if (found) break;
    }
    if (!found) {
      const middle = points[0]!;
      found = { t: middle.t, mode: 'dot', x: middle.x, y: middle.y, ...request.sizes.dot };
    }
    labelGrid.add(boxAt(found.x, found.y, found));
    placed.set(request.id, found);
  }
  return placed;
}

/** A placed label's box in flow coordinates. */
export function placementBox(placement: LabelPlacement): Box {
  return boxAt(placement.x, placement.y, placement);
}
