import type { EdgeView, NodeView } from '../doc/layout.ts';
import { standsOnCanvas, type MapGraph } from './graph.ts';

/**
 * What the canvas shows of a map, indexed for walks: the cards that stand on it, the links whose
 * two ends stand on it, each card's links out and in, and what is attached to each card or link.
 *
 * A link may end at a card that was attached after the link was drawn (nothing forbids it, and
 * the link stays in the document and in exports), but no one sees that link on the canvas, so
 * pathways, checks and filters do not follow it either.
 */
export interface CanvasIndex {
  /** Cards on the canvas, sorted by id. */
  readonly cards: readonly NodeView[];
  /** Links between two cards on the canvas, sorted by id. */
  readonly links: readonly EdgeView[];
  readonly outgoing: ReadonlyMap<string, readonly EdgeView[]>;
  readonly incoming: ReadonlyMap<string, readonly EdgeView[]>;
  /** Host (card or link) id -> the cards attached to it, sorted by id. */
  readonly attachments: ReadonlyMap<string, readonly NodeView[]>;
}

const NONE: readonly never[] = Object.freeze([]);

// A graph is an immutable snapshot, and the pathway, the check and the filter of one snapshot
// all walk it: index it once.
const indexes = new WeakMap<MapGraph, CanvasIndex>();

export function canvasIndexOf(graph: MapGraph): CanvasIndex {
  const cached = indexes.get(graph);
  if (cached) return cached;
  const cards = graph.nodes.filter(standsOnCanvas);
  const onCanvas = new Set(cards.map((card) => card.id as string));
  const links = graph.edges.filter((edge) => onCanvas.has(edge.source) && onCanvas.has(edge.target));
  const outgoing = new Map<string, EdgeView[]>();
  const incoming = new Map<string, EdgeView[]>();
  for (const link of links) {
    push(outgoing, link.source, link);
    push(incoming, link.target, link);
  }
  const attachments = new Map<string, NodeView[]>();
  for (const node of graph.nodes) if (node.attachedTo !== null) push(attachments, node.attachedTo, node);
  const index: CanvasIndex = { cards, links, outgoing, incoming, attachments };
  indexes.set(graph, index);
  return index;
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

export const linksOut = (index: CanvasIndex, id: string): readonly EdgeView[] => index.outgoing.get(id) ?? NONE;
export const linksIn = (index: CanvasIndex, id: string): readonly EdgeView[] => index.incoming.get(id) ?? NONE;
export const attachedCards = (index: CanvasIndex, hostId: string): readonly NodeView[] =>
  index.attachments.get(hostId) ?? NONE;
