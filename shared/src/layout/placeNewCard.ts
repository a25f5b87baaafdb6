import type { NodeKind } from '../model/kinds.ts';
import { FIELDS_BY_KIND, type Level } from '../model/fields.ts';
import { LANE_ORDER, laneAt, laneBand, type Lanes } from '../model/lanes.ts';

/** A rectangle in canvas (flow) coordinates: top-left corner and size. */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A card already on the canvas, as placement sees it: its box (measured where known), kind and level. */
export interface PlacedCard extends Rect {
  id: string;
  kind: NodeKind;
  level: Level | null;
}

export interface PlacementInput {
  /** The kind of the card to add. */
  kind: NodeKind;
  /** Every card that stands on the canvas (not attached ones, not frames: a card may go inside a frame). */
  cards: readonly PlacedCard[];
  /** The boxes of the link labels drawn on the canvas. */
  labels: readonly Rect[];
  /** The level swimlanes of a theory of change, or null (no lanes, or a partnership map). */
  lanes: Lanes | null;
  /** The sole selected card, if any: the new card goes beside it. */
  selected: string | null;
  /** The part of the canvas the user sees. */
  view: Rect;
  /** The new card's size (the usual card size when omitted). */
  size?: { width: number; height: number };
}

export interface Placement {
  /** The new card's top-left corner. */
  x: number;
  y: number;
  /** The level the card takes from the lane it lands in (outcomes and preconditions on a map with lanes). */
  level: Level | null;
  /** False when the view had no room and the card went outside it (the caller brings it into view). */
  inView: boolean;
}

/** Clear space kept around other cards, and around link labels (smaller: a label is light). */
export const CARD_CLEARANCE = 24;
export const LABEL_CLEARANCE = 12;
/** From one row of a chain to the next: room for the link between them and its label. */
const ROW_GAP = 96;
/** From a card to the one added beside it. */
const SIDE_GAP = 48;
/** Kept between a card and its lane's edges. */
const LANE_PADDING = 16;
const NEW_CARD_SIZE = Object.freeze({ width: 220, height: 84 });

/**
 * Where a chain card sits in a theory of change read from the bottom, as in layoutRanks.ts:
 * activity 0, output 1, outcomes and preconditions 2 (with lanes: individual 2, institutional 3,
 * contextual 4), impact 5. Null for kinds off the chain (risks, notes, actors...).
 */
function chainRank(kind: NodeKind, level: Level | null): number | null {
  switch (kind) {
    case 'activity':
      return 0;
    case 'output':
      return 1;
    case 'impact':
      return 5;
    case 'outcome':
    case 'precondition':
      return level === null ? 2 : 4 - LANE_ORDER.indexOf(level);
    default:
      return null;
  }
}

const hasLevel = (kind: NodeKind): boolean => FIELDS_BY_KIND[kind].includes('level');

/** The level a card is at: its own, or (not set yet) that of the lane its centre is in. */
function levelOf(card: PlacedCard, lanes: Lanes | null): Level | null {
  if (!hasLevel(card.kind)) return null;
  return card.level ?? (lanes ? laneAt(lanes, card.y + card.height / 2) : null);
}

/** The lane nearest to `y` (the one holding it, else the closest edge). */
function nearestLane(lanes: Lanes, y: number): Level {
  const inside = laneAt(lanes, y);
  if (inside) return inside;
  return y < lanes.bounds[0] ? LANE_ORDER[0]! : LANE_ORDER[LANE_ORDER.length - 1]!;
}

/** Allowed range for the new card's top edge. */
interface Band {
  min: number;
  max: number;
}
const ANYWHERE: Band = { min: -Infinity, max: Infinity };

/**
 * The band the new card must stay in because of the lanes: an outcome or precondition inside its
 * level's lane, an output or activity below the lanes, the impact above them. Other kinds go anywhere.
 */
function laneRange(kind: NodeKind, level: Level | null, lanes: Lanes | null, height: number): Band {
  if (!lanes) return ANYWHERE;
  if (hasLevel(kind) && level) {
    const { top, bottom } = laneBand(lanes, level);
    const padding = Math.max(0, Math.min(LANE_PADDING, (bottom - top - height) / 2));
    return { min: top + padding, max: Math.max(top + padding, bottom - padding - height) };
  }
  if (kind === 'output' || kind === 'activity') return { min: lanes.bounds[3] + LANE_PADDING, max: Infinity };
  if (kind === 'impact') return { min: -Infinity, max: lanes.bounds[0] - LANE_PADDING - height };
  return ANYWHERE;
}

const clampTo = (value: number, band: Band): number => Math.max(band.min, Math.min(band.max, value));

/**
 * The obstacles, inflated by their clearance and bucketed in a coarse grid, so a test costs a
 * few boxes whatever the size of the map.
 */
class Obstacles {
  private static readonly CELL = 512;
  private readonly cells = new Map<string, Rect[]>();
  /** The right edge of everything: nothing lies beyond it. */
  readonly right: number;

  constructor(boxes: readonly Rect[]) {
    let right = -Infinity;
    for (const box of boxes) {
      right = Math.max(right, box.x + box.width);
      this.forCells(box, (key) => (this.cells.get(key) ?? this.cells.set(key, []).get(key)!).push(box));
    }
    this.right = right;
  }

  private forCells(box: Rect, visit: (key: string) => void): void {
    const { CELL } = Obstacles;
    const x0 = Math.floor(box.x / CELL);
    const x1 = Math.floor((box.x + box.width) / CELL);
    const y0 = Math.floor(box.y / CELL);
    const y1 = Math.floor((box.y + box.height) / CELL);
    for (let i = x0; i <= x1; i++) for (let j = y0; j <= y1; j++) visit(`${i},${j}`);
  }

  /** True when `box` overlaps no obstacle. */
  isFree(box: Rect): boolean {
    let free = true;
    this.forCells(box, (key) => {
      if (!free) return;
      for (const other of this.cells.get(key) ?? []) {
        if (
          box.x < other.x + other.width &&
          box.x + box.width > other.x &&
          box.y < other.y + other.height &&
          box.y + box.height > other.y
        ) {
          free = false;
          return;
        }
      }
    });
    return free;
  }
}

const inflate = (box: Rect, by: number): Rect => ({
  x: box.x - by,
  y: box.y - by,
  width: box.width + 2 * by,
  height: box.height + 2 * by,
});

/** Where to look first, the band the card must stay in, and the level it takes. */
interface Aim {
  wanted: { x: number; y: number };
  band: Band;
  level: Level | null;
}

function aim(input: PlacementInput, width: number, height: number): Aim {
  const { kind, cards, lanes, view } = input;
  const selected = input.selected ? cards.find((card) => card.id === input.selected) : undefined;

  if (!selected) {
    const centre = { x: view.x + view.width / 2 - width / 2, y: view.y + view.height / 2 - height / 2 };
    // An outcome goes in the lane in the middle of the view (or the nearest one).
    const level = lanes && hasLevel(kind) ? nearestLane(lanes, view.y + view.height / 2) : null;
    const band = laneRange(kind, level, lanes, height);
    return { wanted: { x: centre.x, y: clampTo(centre.y, band) }, band, level };
  }

  const selectedLevel = levelOf(selected, lanes);
  const selectedRank = chainRank(selected.kind, selectedLevel);
  // The new card's level: the selected card's when both have levels; else the lane nearest the
  // selection on the side the chain puts the new card (an outcome above an output goes in the
  // lowest lane, one below the impact in the highest).
  let level: Level | null = null;
  if (lanes && hasLevel(kind)) {
    if (selectedLevel) level = selectedLevel;
    else if (selectedRank !== null && selectedRank > 2) level = LANE_ORDER[0]!;
    else if (selectedRank !== null) level = LANE_ORDER[LANE_ORDER.length - 1]!;
    else level = nearestLane(lanes, selected.y + selected.height / 2);
  }
  const lane = laneRange(kind, level, lanes, height);
  const rank = chainRank(kind, lanes ? level : null);
  const compareTo = chainRank(selected.kind, lanes ? selectedLevel : null);
  const beside = { x: selected.x + selected.width + SIDE_GAP, y: clampTo(selected.y, lane) };
  if (rank === null || compareTo === null || rank === compareTo) return { wanted: beside, band: lane, level };

  // Along the chain: below the selection for a lower rank (an output under its outcome), above it
  // for a higher one, centred on it, in the row of the cards of that rank when there is one.
  const below = rank < compareTo;
  const order: Band = below
    ? { min: selected.y + selected.height + CARD_CLEARANCE, max: Infinity }
    : { min: -Infinity, max: selected.y - CARD_CLEARANCE - height };
  const both: Band = { min: Math.max(lane.min, order.min), max: Math.min(lane.max, order.max) };
  // The selection may stand where the chain does not put it (an impact drawn low): then the lane wins.
  const band = both.min <= both.max ? both : lane;
  let y = clampTo(below ? selected.y + selected.height + ROW_GAP : selected.y - ROW_GAP - height, band);
  const row = cards
    .filter((card) => chainRank(card.kind, lanes ? levelOf(card, lanes) : null) === rank)
    .map((card) => card.y)
    .filter((top) => top >= band.min && top <= band.max && Math.abs(top - y) <= 3 * (height + ROW_GAP))
    .sort((a, b) => Math.abs(a - y) - Math.abs(b - y))[0];
  if (row !== undefined) y = row;
  return { wanted: { x: selected.x + (selected.width - width) / 2, y }, band, level };
}

/**
 * Where a new card goes so that it covers no card and no link label, and the user sees it where
 * it belongs:
 *
 * - With a card selected: beside it (to the right); for kinds of the theory-of-change chain, in
 *   the row and lane the chain gives it relative to the selection: an output added with an
 *   outcome selected goes under it (below the lanes), an outcome added with an output selected
 *   above it (in the lowest lane), one of the same rank beside it.
 * - With none: the nearest free spot to the centre of the view, inside the view; in the card's
 *   lane when the map has lanes (an outcome takes the lane in the middle of the view); only when
 *   the view has no room, the nearest free spot outside it.
 * - Free means clear of every card's box by CARD_CLEARANCE and of every label's by
 *   LABEL_CLEARANCE. The search widens until it finds such a spot: it never returns an occupied
 *   one (beyond everything to the right there is always room).
 *
 * Pure and deterministic: two peers with the same map compute the same spot (see
 * client/src/collab/settleNewCards.ts for what happens then).
 */
export function placeNewCard(input: PlacementInput): Placement {
  const { width, height } = input.size ?? NEW_CARD_SIZE;
  const { wanted, band, level } = aim(input, width, height);
  const obstacles = new Obstacles([
    ...input.cards.map((card) => inflate(card, CARD_CLEARANCE)),
    ...input.labels.map((label) => inflate(label, LABEL_CLEARANCE)),
  ]);
  const { view } = input;
  const inView = (x: number, y: number): boolean =>
    x >= view.x && y >= view.y && x + width <= view.x + view.width && y + height <= view.y + view.height;
  const fits = (x: number, y: number): boolean =>
    y >= band.min && y <= band.max && obstacles.isFree({ x, y, width, height });
  const done = (x: number, y: number): Placement => ({
    x: Math.round(x),
    y: Math.round(y),
    level: level && input.lanes && hasLevel(input.kind) ? (laneAt(input.lanes, y + height / 2) ?? level) : level,
    inView: inView(x, y),
  });

  // Half-card steps: fine enough to use the room between cards, coarse enough to stay quick.
  const stepX = (width + CARD_CLEARANCE) / 2;
  const stepY = (height + CARD_CLEARANCE) / 2;
  // Sideways is cheaper than up or down: maps read along rows.
  const distance = (i: number, j: number): number => Math.hypot(i * stepX, j * stepY * 1.5);
  const spot = (i: number, j: number) => ({ x: wanted.x + i * stepX, y: wanted.y + j * stepY });
  // Ties: the same row first, right before left, below before above.
  const order = (a: [number, number], b: [number, number]): number =>
    distance(...a) - distance(...b) || Math.abs(a[1]) - Math.abs(b[1]) || b[0] - a[0] || b[1] - a[1];

  // Without a selection, the view first: every spot of the grid inside it, nearest first.
  if (!input.selected) {
    const reach = Math.ceil(Math.max(view.width / stepX, view.height / stepY)) + 1;
    const inside: [number, number][] = [];
    for (let i = -reach; i <= reach; i++) {
      for (let j = -reach; j <= reach; j++) {
        const { x, y } = spot(i, j);
        if (inView(x, y)) inside.push([i, j]);
      }
    }
    inside.sort(order);
    for (const [i, j] of inside) {
      const { x, y } = spot(i, j);
      if (fits(x, y)) return done(x, y);
    }
  }

  // Widening squares around the wanted spot; within one, only the spots nearer than its edge
  // count, so what is returned is the nearest free spot of the grid.
  let tried = 0;
  for (let reach = 8; reach <= 256; reach *= 2) {
    const candidates: [number, number][] = [];
    const limit = reach * Math.min(stepX, stepY * 1.5);
    for (let i = -reach; i <= reach; i++) {
      for (let j = -reach; j <= reach; j++) {
        const d = distance(i, j);
        if (d >= tried && d <= limit) candidates.push([i, j]);
      }
    }
    candidates.sort(order);
    for (const [i, j] of candidates) {
      const { x, y } = spot(i, j);
      if (fits(x, y)) return done(x, y);
    }
    tried = limit;
  }
  // Never reached on a real map; still never an occupied spot: past the right of everything.
  return done(Math.max(wanted.x, obstacles.right + CARD_CLEARANCE), clampTo(wanted.y, band));
}
