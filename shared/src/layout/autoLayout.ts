import type { NodeId } from '../model/ids.ts';
import type { Lanes } from '../model/lanes.ts';
import type { NodeView } from '../doc/layout.ts';
import { readMapGraph, standsOnCanvas, type MapGraph } from '../analysis/graph.ts';
import { buildTemplate } from '../model/templates.ts';
import { fromMapJSON } from '../doc/convert.ts';
import { layoutLayered } from './elkLayered.ts';
import { DEFAULT_CARD_SIZE } from './layoutSizes.ts';
import { LANE_RANKS, orientLinks, rankCards, type RankedLink } from './layoutRanks.ts';
import { stackRanks, type Box } from './stackRanks.ts';
import { refitFrames, type FrameBounds } from './frameFitting.ts';
import { ceilingAmongCards, ceilingAmongLanes } from './ceilingPlacement.ts';

export interface LayoutOptions {
  /** Lay out only these cards (a selection); the rest stay where they are. Default: every card on the canvas. */
  only?: ReadonlySet<string>;
  /** Card size used for cards without a measurement. */
  defaultSize?: { width: number; height: number };
  /** Measured sizes by id (the canvas knows them). */
  sizes?: ReadonlyMap<string, { width: number; height: number }>;
}

export interface LayoutResult {
  /**
   * New top-left corners, only for cards that move, with the height the layout gave each card
   * (so that the lane its centre lands in can be read, see writeLayout).
   */
  positions: { id: NodeId; x: number; y: number; height: number }[];
  /**
   * New lane bounds fitted around the result, for a theory-of-change map that draws lanes;
   * null when the lanes stay as they are (no lanes, a selection, nothing laid out).
   */
  lanes: Lanes | null;
  /** Where the accountability ceiling goes, if the map draws one; null when it stays. */
  ceilingY: number | null;
  /** Pathway frames refitted around the cards they contained before the layout. */
  frames: FrameBounds[];
}

export { DEFAULT_CARD_SIZE } from './layoutSizes.ts';

const NOTHING: LayoutResult = Object.freeze({ positions: [], lanes: null, ceilingY: null, frames: [] });

/**
 * Lays out a map, or a selection of its cards, for reading: an automatic, layered layout with
 * ELK. Pure: it reads the graph and returns where things go, and the caller writes the result
 * as one change (moves, lanes, ceiling and frames in one transaction, so one undo step).
 *
 * - Only cards that stand on the canvas take part: attached cards belong to their host, and
 *   pathway frames are refitted around the cards they held instead.
 * - A theory of change is layered upwards: activities at the bottom, then outputs, outcomes,
 *   the impact at the top. With lanes, every outcome or precondition with a level ends inside
 *   its level's lane, and the lanes are redrawn around the result (layoutRanks.ts).
 * - Cycles, `feeds-back` links above all, are read as back links and never break the layout.
 * - A partnership map is layered downwards, along its relationships (see arrange below).
 * - The result keeps the top-left corner of the cards laid out where it was, so the view does
 *   not jump, and a selection stays where it was among the other cards.
 * - Deterministic: cards and links go to ELK sorted by id, and ELK is deterministic.
 */
export async function autoLayout(graph: MapGraph, options: LayoutOptions = {}): Promise<LayoutResult> {
  const { only, sizes } = options;
  const defaultSize = options.defaultSize ?? DEFAULT_CARD_SIZE;
  const onCanvas = graph.nodes.filter((node) => standsOnCanvas(node) && node.kind !== 'group');
  const cards = only ? onCanvas.filter((node) => only.has(node.id)) : onCanvas;
  if (cards.length === 0) return NOTHING;

  const sizeOf = (id: string): { width: number; height: number } => {
    const measured = sizes?.get(id);
    // A card not measured yet (or measured while hidden) would be laid out as a point.
    return measured && measured.width > 0 && measured.height > 0 ? measured : defaultSize;
  };
  const boxOf = (node: NodeView): Box => {
    const { width, height } = sizeOf(node.id);
    return { x: node.x, y: node.y, width, height };
  };
  const before = new Map(onCanvas.map((node) => [node.id as string, boxOf(node)]));
  const ids = new Set(cards.map((card) => card.id as string));
  const links: RankedLink[] = graph.edges
    .filter((edge) => edge.source !== edge.target && ids.has(edge.source) && ids.has(edge.target))
    .map((edge) => ({
      id: edge.id,
      source: edge.source,
      target: edge.target,
      feedsBack: edge.relation === 'feeds-back',
    }));

  const { meta } = graph;
  const withLanes = meta.kind === 'theory-of-change' && meta.lanes !== null;
  const arranged = await arrange(cards, links, before, {
    scheme: meta.kind === 'partnership' ? null : withLanes ? 'lanes' : 'pathway',
    // A selection is laid out among the other cards: the lanes stay as they are.
    drawLanes: withLanes && !only,
  });

  // Keep the top-left corner of what was laid out where it was.
  const old = corner(cards.map((card) => before.get(card.id)!));
  const now = corner([...arranged.boxes.values()]);
  const dx = old.x - now.x;
  const dy = old.y - now.y;
  const after = new Map<string, Box>();
  const positions: LayoutResult['positions'] = [];
  for (const card of cards) {
    const box = arranged.boxes.get(card.id)!;
    const x = Math.round(box.x + dx);
    const y = Math.round(box.y + dy);
    if (x === card.x && y === card.y) continue;
    positions.push({ id: card.id, x, y, height: box.height });
    after.set(card.id, { ...box, x, y });
  }

  const lanes = arranged.bounds
    ? { bounds: arranged.bounds.map((bound) => Math.round(bound + dy)) as [number, number, number, number] }
    : null;
  let ceilingY: number | null = null;
  if (meta.ceilingY !== null && !only) {
    ceilingY = Math.round(
      lanes && meta.lanes
        ? ceilingAmongLanes(meta.ceilingY, meta.lanes, lanes)
        : ceilingAmongCards(meta.ceilingY, before, new Map([...before].map(([id, box]) => [id, after.get(id) ?? box]))),
    );
  }
  const frames = refitFrames(
    graph.nodes.filter((node) => node.kind === 'group'),
    before,
    after,
  );
  return { positions, lanes, ceilingY, frames };
}

/**
 * Loads ELK and lays out the worked example once, off screen, so that the first layout a user
 * asks for does not also pay for loading and compiling ELK: on the benchmark machine, a
 * 500-card map took 1.8 s as the first layout of a process, 1.2 s after this warm-up (0.4 s),
 * and 0.5 s once ELK is fully optimised. For when a layout is likely soon (the map is open and
 * idle, or the layout control is hovered); calling it again costs one small layout.
 */
export async function warmUpAutoLayout(): Promise<void> {
  const example = buildTemplate('learning-community', { title: 'Warm-up', today: '2000-01-01' });
  await autoLayout(readMapGraph(fromMapJSON(example)));
}

interface Arranged {
  /** Every card's box, in any coordinates (the caller moves the whole into place). */
  boxes: Map<string, Box>;
  /** The lanes' bounds in the same coordinates, when they are redrawn. */
  bounds: [number, number, number, number] | null;
}

function corner(boxes: readonly Box[]): { x: number; y: number } {
  let x = Infinity;
  let y = Infinity;
  for (const box of boxes) {
    x = Math.min(x, box.x);
    y = Math.min(y, box.y);
  }
  return { x, y };
}

/**
 * Places the cards with ELK Layered.
 *
 * A theory of change (scheme 'lanes' or 'pathway') is layered upwards in ranks (layoutRanks.ts),
 * then its ranks are stacked and its lanes drawn (stackRanks.ts).
 *
 * A partnership map (scheme null) is layered downwards, with no ranks: its links are directed
 * claims (who funds, convenes or mentors whom), and rows read as that flow, from funders through
 * a secretariat to its members. ELK's network layouts were tried on such maps and rejected:
 * stress and force look like the network drawings people know, but cost O(n²) per iteration
 * (warm, on the benchmark machine: stress 0.9 s for 80 actors and 3 s for 150, force 0.75 s and
 * 2.5 s, layered 0.2 s for 300), and stress treats cards as points (62 of 80 overlapped; its
 * overlap removal, SPOrE, adds half as much time again). Layered never overlaps cards, reserves
 * room for link labels between rows, and is deterministic. Its weakness, a hub with many
 * partners making one wide row, is the one a reader of a partnership map minds least.
 */
async function arrange(
  cards: readonly NodeView[],
  links: readonly RankedLink[],
  before: ReadonlyMap<string, Box>,
  { scheme, drawLanes }: { scheme: 'lanes' | 'pathway' | null; drawLanes: boolean },
): Promise<Arranged> {
  const ranks = scheme ? rankCards(cards, links, scheme) : null;
  const sized = cards.map((card) => {
    const { width, height } = before.get(card.id)!;
    return { id: card.id as string, width, height };
  });
  const placed = await layoutLayered(
    sized,
    orientLinks(cards, links, ranks ?? new Map()),
    scheme ? 'UP' : 'DOWN',
    ranks,
  );
  const boxes = new Map(sized.map((card) => [card.id, { ...card, ...placed.get(card.id)! }]));
  if (!ranks) return { boxes, bounds: null };
  const stacked = stackRanks(boxes, ranks, drawLanes ? LANE_RANKS : null);
  for (const [id, box] of boxes) boxes.set(id, { ...box, y: stacked.y.get(id) ?? box.y });
  return { boxes, bounds: stacked.bounds };
}
