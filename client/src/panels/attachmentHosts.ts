import {
  DEFAULT_CARD_SIZE,
  isAttachableKind,
  placeNewCard,
  standsOnCanvas,
  type EdgeView,
  type MapGraph,
  type NodeKind,
  type NodeView,
  type PlacedCard,
  type Rect,
} from '@loopmap/shared';
import { compareCards, linkEnds } from './cardText.ts';

/**
 * Where attachments may go, and where cards land when they come back onto the canvas. Follows
 * the shared rules (attachNode, resolveAttachment): a host is a card that stands on the canvas
 * and is not a frame, or a link; a card that carries attachments cannot itself be attached.
 */

/** True when `node` can carry attachments. */
export const canHost = (node: NodeView): boolean => node.attachedTo === null && node.kind !== 'group';

/** The kinds that can be added to a card as attachments, and to a link (what the issue asks of links). */
export const CARD_ATTACHMENT_KINDS: readonly NodeKind[] = ['indicator', 'assumption', 'evidence'];
export const LINK_ATTACHMENT_KINDS: readonly NodeKind[] = ['assumption', 'evidence'];

export interface HostChoices {
  cards: NodeView[];
  links: { edge: EdgeView; name: string }[];
}

/** The cards and links `nodeId` could be attached to, in list order, its current host excluded. */
export function hostChoices(graph: MapGraph, nodeId: string): HostChoices {
  const self = graph.nodeById.get(nodeId);
  const current = self?.attachedTo ?? null;
  const cards = graph.nodes
    .filter((node) => node.id !== nodeId && node.id !== current && canHost(node))
    .sort(compareCards);
  const links = graph.edges
    .filter((edge) => edge.id !== current)
    .map((edge) => ({ edge, name: linkEnds(graph, edge) }))
    .sort((a, b) => a.name.localeCompare(b.name));
  return { cards, links };
}

/** True when some card is attached to `nodeId` (so it cannot be attached itself). */
export function carriesAttachments(graph: MapGraph, nodeId: string): boolean {
  return graph.nodes.some((node) => node.attachedTo === nodeId);
}

/** Whether the inspector should offer "Attach to…": an attachable kind that is not attached. */
export const mayAttach = (node: NodeView): boolean => isAttachableKind(node.kind) && node.attachedTo === null;

/** The cards a link can be drawn to from `nodeId` (the keyboard "Link to"): cards on the canvas. */
export function linkTargetChoices(graph: MapGraph, nodeId: string): NodeView[] {
  return graph.nodes.filter((node) => node.id !== nodeId && node.attachedTo === null).sort(compareCards);
}

/** Roughly a card's width plus a gap (the canvas draws cards 220 wide). */
const BESIDE = 260;
const BELOW = 120;

/**
 * Where a card attached to `hostId` is kept, and where it lands when detached: beside its host
 * card, or under the middle of its host link. `index` staggers several so they do not pile up.
 */
export function placeNear(graph: MapGraph, hostId: string, index = 0): { x: number; y: number } {
  const stagger = index * 24;
  const card = graph.nodeById.get(hostId);
  if (card) return { x: card.x + BESIDE + stagger, y: card.y + stagger };
  const edge = graph.edgeById.get(hostId);
  const source = edge && graph.nodeById.get(edge.source);
  const target = edge && graph.nodeById.get(edge.target);
  if (source && target) {
    return { x: (source.x + target.x) / 2 + stagger, y: (source.y + target.y) / 2 + BELOW + stagger };
  }
  return { x: stagger, y: stagger };
}

const sizeOf = (node: NodeView): { width: number; height: number } =>
  node.width !== null && node.height !== null ? { width: node.width, height: node.height } : DEFAULT_CARD_SIZE;

/** A link label's usual box (canvas.css: at most 200 px wide, two lines), at the middle of the link. */
const LABEL_BOX = { width: 200, height: 40 };

/**
 * Where a card detached from `hostId` goes back on the canvas: beside its host card (placed as a
 * new card added with the host selected) or under the middle of its host link, at the nearest
 * spot that covers no card and no link label (labels estimated at the middle of their links: the
 * panels do not see the canvas).
 */
export function placeBackOnCanvas(graph: MapGraph, nodeId: string, hostId: string): { x: number; y: number } {
  const node = graph.nodeById.get(nodeId);
  const cards: PlacedCard[] = graph.nodes
    .filter((other) => other.id !== nodeId && standsOnCanvas(other))
    .map((other) => ({
      id: other.id,
      kind: other.kind,
      level: other.fields.level,
      x: other.x,
      y: other.y,
      ...sizeOf(other),
    }));
  const byId = new Map(cards.map((card) => [card.id, card]));
  const labels: Rect[] = [];
  for (const edge of graph.edges) {
    const source = byId.get(edge.source);
    const target = byId.get(edge.target);
    if (!source || !target || (!edge.label && !edge.relation)) continue;
    const cx = (source.x + source.width / 2 + target.x + target.width / 2) / 2;
    const cy = (source.y + source.height / 2 + target.y + target.height / 2) / 2;
    labels.push({ x: cx - LABEL_BOX.width / 2, y: cy - LABEL_BOX.height / 2, ...LABEL_BOX });
  }
  const near = placeNear(graph, hostId);
  const { x, y } = placeNewCard({
    kind: node?.kind ?? 'note',
    cards,
    labels,
    lanes: graph.meta.kind === 'theory-of-change' ? graph.meta.lanes : null,
    selected: byId.has(hostId) ? hostId : null,
    // Around the spot under the link (what placeNear gives): the nearest free spot to it.
    view: {
      x: near.x - 600 + DEFAULT_CARD_SIZE.width / 2,
      y: near.y - 400 + DEFAULT_CARD_SIZE.height / 2,
      width: 1200,
      height: 800,
    },
  });
  return { x, y };
}
