import type { ELK, ElkNode, LayoutOptions as ElkOptions } from 'elkjs/lib/elk.bundled.js';
import type { OrientedLink } from './layoutRanks.ts';
import { LAYER_GAP } from './layoutSizes.ts';

/**
 * Runs ELK (the Eclipse Layout Kernel, compiled to JavaScript: elkjs) on cards and links.
 *
 * ELK is loaded on first use, not with the app: it is about 1.6 MB of JavaScript that only the
 * layout needs, so the client bundles it as a chunk of its own and the map paints without it.
 * The bundled build runs ELK in the calling thread (a stand-in for a worker), in Node and in the
 * browser alike, with no worker file to serve.
 */
let elk: Promise<ELK> | null = null;

function loadElk(): Promise<ELK> {
  elk ??= import('elkjs/lib/elk.bundled.js').then(({ default: ElkConstructor }) => new ElkConstructor());
  return elk;
}

export interface ElkCard {
  readonly id: string;
  readonly width: number;
  readonly height: number;
}

export { LAYER_GAP } from './layoutSizes.ts';
/** Room between two cards side by side in a row. */
const CARD_GAP = 110;

/**
 * What we ask of ELK Layered.
 *
 * - ELK's edge routes are thrown away (the canvas draws its own links, card to card), so edges
 *   are routed as polylines, the cheapest, and get no room of their own between layers: the
 *   default orthogonal routing widens the gap between two layers for its edge channels, and
 *   polyline routing widens it with the steepest edge's slope (edgeEdgeBetweenLayers 0 turns
 *   that off). Rows stay evenly spaced, one LAYER_GAP apart.
 * - Crossing minimisation is most of ELK's time. Thoroughness 3 (default 7) gave the same
 *   crossings on four 500-card benchmark maps in 60-80% of the time (docs/benchmarks.md).
 * - BALANCED node placement combines ELK's four one-sided placements, so a card sits centred
 *   among the cards it links (the default keeps the narrowest one, which can lean a pathway to
 *   one side).
 */
const LAYERED: ElkOptions = {
  'elk.algorithm': 'layered',
  'elk.edgeRouting': 'POLYLINE',
  'elk.spacing.nodeNode': String(CARD_GAP),
  'elk.layered.spacing.nodeNodeBetweenLayers': String(LAYER_GAP),
  'elk.layered.spacing.edgeEdgeBetweenLayers': '0',
  'elk.spacing.componentComponent': String(CARD_GAP * 2),
  'elk.layered.thoroughness': '3',
  'elk.layered.nodePlacement.bk.fixedAlignment': 'BALANCED',
};

/** A separator's id cannot be a card's: ids never hold a space. */
const SEPARATOR = 'partition separator ';

/**
 * Lays out cards in layers along `direction` (UP: links point up, rank 0 lowest) and returns
 * each card's top-left corner in ELK's coordinates.
 *
 * Ranks become ELK partitions. ELK keeps partition p before partition p + 1 by linking every
 * node of the one to every node of the other: at 500 cards, tens of thousands of constraint
 * edges and 5-6 s of layout instead of 0.5 s. So ranks are spread out (rank r is partition 2r)
 * and between two used ranks sits one tiny separator node in its own partition: the same
 * order, with a number of constraint edges linear in the cards. The separators' rows are
 * closed up again afterwards (see stackRanks).
 *
 * Partitions must be on the whole graph at once, so the connected components are not laid out
 * separately: a lane holds the levelled cards of every component.
 */
export async function layoutLayered(
  cards: readonly ElkCard[],
  links: readonly OrientedLink[],
  direction: 'UP' | 'DOWN',
  rankOf: ReadonlyMap<string, number> | null,
): Promise<Map<string, { x: number; y: number }>> {
  const used = rankOf ? [...new Set(rankOf.values())].sort((a, b) => a - b) : [];
  const partitioned = used.length > 1;
  const children: ElkNode[] = cards.map((card) => {
    const rank = rankOf?.get(card.id) ?? 0;
    return {
      id: card.id,
      width: card.width,
      height: card.height,
      ...(partitioned ? { layoutOptions: { 'elk.partitioning.partition': String(2 * rank) } } : {}),
    };
  });
  if (partitioned) {
    for (const rank of used.slice(0, -1)) {
      children.push({
        id: `${SEPARATOR}${rank}`,
        width: 1,
        height: 1,
        layoutOptions: { 'elk.partitioning.partition': String(2 * rank + 1) },
      });
    }
  }
  const graph: ElkNode = {
    id: 'root',
    layoutOptions: {
      ...LAYERED,
      'elk.direction': direction,
      ...(partitioned ? { 'elk.partitioning.activate': 'true', 'elk.separateConnectedComponents': 'false' } : {}),
    },
    children,
    edges: links.map((link) => ({ id: link.id, sources: [link.source], targets: [link.target] })),
  };
  const result = await (await loadElk()).layout(graph);
  const positions = new Map<string, { x: number; y: number }>();
  for (const child of result.children ?? []) {
    if (child.id.startsWith(SEPARATOR)) continue;
    positions.set(child.id, { x: child.x ?? 0, y: child.y ?? 0 });
  }
  return positions;
}
