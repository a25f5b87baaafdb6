import { Position, type Edge, type Node, type NodeHandle } from '@xyflow/react';
import {
  cardAccessibleName,
  cardFacts,
  linkAccessibleName,
  HEALTH_DIMENSIONS,
  currentAssumptionState,
  latestHealth,
  type AssumptionState,
  type CapabilityTag,
  type EdgeView,
  type LinkRelation,
  type LinkStatus,
  type LowMediumHigh,
  type NodeKind,
  type NodeView,
  type RagStatus,
} from '@loopmap/shared';
import { currentT } from '../i18n/domainText.ts';
import type { XY } from '../collab/presence.ts';

/**
 * The canvas is a projection of the document: these pure functions map node and edge views to
 * React Flow's nodes and edges. They are incremental: given the previous element, they return it
 * itself when nothing visible changed, so React Flow and the memoized node components skip it.
 * Two projections use them: LiveProjection (the live document, change by change) and projectMap
 * (a MapJSON: a snapshot, a replay frame, a comparison), so every version looks the same.
 *
 * Attached cards (an indicator on its outcome, an assumption on its link) are not drawn: their
 * host shows a summary of them instead. A link with an attached end is not drawn either.
 */

/** A peer that has this node selected, drawn as an outline in their colour. */
export interface PeerMark {
  readonly name: string;
  readonly color: string;
}

/** What is attached to a card or link, as its badges show it. */
export interface AttachedSummary {
  readonly assumptions: number;
  readonly indicators: number;
  readonly evidence: number;
  /** The worst current state among attached assumptions (broken > at risk > holds), or null. */
  readonly worst: AssumptionState | 'unreviewed' | null;
}

export interface CardData extends Record<string, unknown> {
  kind: NodeKind;
  label: string;
  /** Remote peers that have this card selected. */
  peers: readonly PeerMark[];
  status: RagStatus | null;
  /** Kind-specific facts in one line (see cardFacts). */
  facts: string;
  capabilities: readonly CapabilityTag[];
  tags: readonly string[];
  attached: AttachedSummary | null;
  /** Actors: the latest rating per health dimension, in HEALTH_DIMENSIONS order. */
  health: readonly (RagStatus | null)[] | null;
  /** Assumptions: their own current state. */
  assumptionState: AssumptionState | null;
  /** Open comment threads on the card. */
  comments: number;
  /** Frames: their size. */
  width: number | null;
  height: number | null;
}

/**
 * The React Flow node type of a card of each kind (so each kind has its own wrapper class).
 * Prefixed: React Flow has built-in types, and styles, named 'output' and 'default'.
 */
export type CardType = `card-${NodeKind}`;
export const cardType = (kind: NodeKind): CardType => `card-${kind}`;

export type CardNode = Node<CardData, CardType>;

export interface LinkData extends Record<string, unknown> {
  /** The rationale. */
  label: string;
  relation: LinkRelation | null;
  status: LinkStatus;
  confidence: LowMediumHigh | null;
  attached: AttachedSummary | null;
  comments: number;
  /** Dimmed by the pathway or a filter (its label, drawn outside the edge's group, needs to know). */
  dimmed: boolean;
  /** A link runs the other way between the same two cards: both bow apart so neither hides. */
  reverse: boolean;
  /** Versions only: what a comparison or replay marks on it, space-separated (see projectMap). */
  mark?: string;
}

export type LinkEdge = Edge<LinkData, 'link'>;

/**
 * What this tab adds on top of the document: peers' live drag positions and selections, the
 * positions of a running layout animation, which cards and links are dimmed (pathway and
 * filter), and how many open comment threads each card or link has.
 */
export interface NodeOverlay {
  readonly positions: ReadonlyMap<string, XY>;
  readonly peerMarks: ReadonlyMap<string, readonly PeerMark[]>;
  /** Ids of cards and links to dim, or null when nothing is dimmed. */
  readonly dimmed: ReadonlySet<string> | null;
  readonly comments: ReadonlyMap<string, number>;
}

export const NO_PEERS: readonly PeerMark[] = Object.freeze([]);

/** The usual size of a card (canvas.css), for cards React Flow has not measured yet. */
export const CARD_WIDTH = 220;
export const CARD_HEIGHT = 84;
const HANDLE_SIZE = 12;

/**
 * A new card's size and handles, as React Flow would measure them for a card with a short label
 * (see canvas.css). Given these, React Flow draws a new card and its links in the very first
 * frame, instead of hiding the card until a measuring pass and only then drawing its links; and
 * when its measurement agrees, it reports no change at all. At a thousand cards, that second
 * pass was most of the time to first paint. A card whose real size differs is measured and
 * corrected as usual; FlowStore then drops these estimates.
 */
export const ESTIMATED_SIZE = Object.freeze({ width: CARD_WIDTH, height: CARD_HEIGHT });

export const ESTIMATED_HANDLES: NodeHandle[] = [
  {
    id: null,
    type: 'target',
    position: Position.Left,
    x: -HANDLE_SIZE / 2,
    y: CARD_HEIGHT / 2 - HANDLE_SIZE / 2,
    width: HANDLE_SIZE,
    height: HANDLE_SIZE,
  },
  {
    id: null,
    type: 'source',
    position: Position.Right,
    x: CARD_WIDTH - HANDLE_SIZE / 2,
    y: CARD_HEIGHT / 2 - HANDLE_SIZE / 2,
    width: HANDLE_SIZE,
    height: HANDLE_SIZE,
  },
];
export const EMPTY_OVERLAY: NodeOverlay = {
  positions: new Map(),
  peerMarks: new Map(),
  dimmed: null,
  comments: new Map(),
};

const sameList = <T>(a: readonly T[] | null, b: readonly T[] | null): boolean =>
  a === b || (a !== null && b !== null && a.length === b.length && a.every((item, i) => item === b[i]));

const sameSummary = (a: AttachedSummary | null, b: AttachedSummary | null): boolean =>
  a === b ||
  (a !== null &&
    b !== null &&
    a.assumptions === b.assumptions &&
    a.indicators === b.indicators &&
    a.evidence === b.evidence &&
    a.worst === b.worst);

function sameCardData(a: CardData, b: CardData): boolean {
  return (
    a.kind === b.kind &&
    a.label === b.label &&
    a.peers === b.peers &&
    a.status === b.status &&
    a.facts === b.facts &&
    sameList(a.capabilities, b.capabilities) &&
    sameList(a.tags, b.tags) &&
    sameSummary(a.attached, b.attached) &&
    sameList(a.health, b.health) &&
    a.assumptionState === b.assumptionState &&
    a.comments === b.comments &&
    a.width === b.width &&
    a.height === b.height
  );
}

const STATE_RANK: Record<AssumptionState | 'unreviewed', number> = {
  holds: 0,
  unreviewed: 1,
  'at-risk': 2,
  broken: 3,
};

/** The badges' summary of what is attached to a host (null when nothing is). */
export function summarise(attachments: readonly NodeView[]): AttachedSummary | null {
  if (attachments.length === 0) return null;
  let assumptions = 0;
  let indicators = 0;
  let evidence = 0;
  let worst: AssumptionState | 'unreviewed' | null = null;
  for (const node of attachments) {
    if (node.kind === 'assumption') {
      assumptions++;
      const state = currentAssumptionState(node.reviews)?.status ?? 'unreviewed';
      if (worst === null || STATE_RANK[state] > STATE_RANK[worst]) worst = state;
    } else if (node.kind === 'indicator') indicators++;
    else if (node.kind === 'evidence') evidence++;
  }
  return { assumptions, indicators, evidence, worst };
}

function healthDots(view: NodeView): readonly (RagStatus | null)[] | null {
  if (view.kind !== 'actor') return null;
  const latest = latestHealth(view.health);
  return HEALTH_DIMENSIONS.map((dimension) => latest[dimension]?.rating ?? null);
}

export function cardData(
  view: NodeView,
  peers: readonly PeerMark[],
  attached: AttachedSummary | null,
  comments: number,
): CardData {
  return {
    kind: view.kind,
    label: view.label,
    peers,
    status: view.fields.status,
    facts: cardFacts(view, currentT),
    capabilities: view.capabilities,
    tags: view.tags,
    attached,
    health: healthDots(view),
    assumptionState: view.kind === 'assumption' ? (currentAssumptionState(view.reviews)?.status ?? null) : null,
    comments,
    width: view.width,
    height: view.height,
  };
}

/**
 * A node view as a React Flow node. Keeps `prev` when nothing visible changed, and always keeps
 * what React Flow and the local user own: measured size, selection, and the position while the
 * local user is dragging (a remote move must not yank a card from under the pointer).
 */
export function toCardNode(
  view: NodeView,
  prev?: CardNode,
  overlay: NodeOverlay = EMPTY_OVERLAY,
  attached: AttachedSummary | null = null,
): CardNode {
  const position = prev?.dragging ? prev.position : (overlay.positions.get(view.id) ?? { x: view.x, y: view.y });
  const peers = overlay.peerMarks.get(view.id) ?? NO_PEERS;
  const fresh = cardData(view, peers, attached, overlay.comments.get(view.id) ?? 0);
  const data = prev && sameCardData(prev.data, fresh) ? prev.data : fresh;
  const className = cardClass(view.kind, overlay.dimmed?.has(view.id) ?? false);
  const samePosition = prev && prev.position.x === position.x && prev.position.y === position.y;
  if (prev && data === prev.data && samePosition && prev.className === className) return prev;
  const next: CardNode = {
    id: view.id,
    type: cardType(view.kind),
    position: samePosition ? prev.position : position,
    data,
    className,
    ariaLabel: cardAccessibleName(view, currentT),
  };
  // Frames sit under the cards they hold, and are as large as the document says. React Flow
  // lifts a selected node by 1000 (so a dragged card is the first thing hit-testing finds, which
  // at a thousand cards is most of a drag frame's input handling): a frame stays under the
  // cards even when selected.
  if (view.kind === 'group') {
    next.zIndex = -1001;
    next.width = view.width ?? undefined;
    next.height = view.height ?? undefined;
  }
  if (prev?.selected) next.selected = true;
  if (prev?.dragging) next.dragging = true;
  if (prev?.measured && prev.type === next.type) {
    next.measured = prev.measured;
  } else if (view.kind !== 'group') {
    next.measured = ESTIMATED_SIZE;
    next.handles = ESTIMATED_HANDLES;
  }
  return next;
}

const cardClass = (kind: NodeKind, dimmed: boolean): string =>
  dimmed ? `card-node card-node--${kind} is-dimmed` : `card-node card-node--${kind}`;

const sameLinkData = (a: LinkData, b: LinkData): boolean =>
  a.label === b.label &&
  a.relation === b.relation &&
  a.status === b.status &&
  a.confidence === b.confidence &&
  sameSummary(a.attached, b.attached) &&
  a.comments === b.comments &&
  a.dimmed === b.dimmed &&
  a.reverse === b.reverse;

export function toLinkEdge(
  view: EdgeView,
  prev?: LinkEdge,
  overlay: NodeOverlay = EMPTY_OVERLAY,
  attached: AttachedSummary | null = null,
  reverse = false,
): LinkEdge {
  const dimmed = overlay.dimmed?.has(view.id) ?? false;
  const fresh: LinkData = {
    label: view.label,
    relation: view.relation,
    status: view.status,
    confidence: view.confidence,
    attached,
    comments: overlay.comments.get(view.id) ?? 0,
    dimmed,
    reverse,
  };
  const className = `link link--${view.relation ?? 'plain'} link--${view.status}${dimmed ? ' is-dimmed' : ''}`;
  if (
    prev &&
    prev.source === view.source &&
    prev.target === view.target &&
    prev.data &&
    sameLinkData(prev.data, fresh) &&
    prev.className === className
  ) {
    return prev;
  }
  const next: LinkEdge = {
    id: view.id,
    type: 'link',
    source: view.source,
    target: view.target,
    data: prev?.data && sameLinkData(prev.data, fresh) ? prev.data : fresh,
    className,
    ariaLabel: linkAccessibleName(view, currentT),
  };
  if (prev?.selected) next.selected = true;
  return next;
}

/**
 * Sets `reverse` on links that have a twin running the other way between the same cards (a
 * feedback loop drawn as two links): without it both would take the same curve and one label
 * would sit on the other. Returns `edges` itself when no flag changed.
 */
export function markReverse(edges: LinkEdge[]): LinkEdge[] {
  const pairs = new Set<string>();
  for (const edge of edges) pairs.add(`${edge.source}\u0000${edge.target}`);
  let out: LinkEdge[] | null = null;
  edges.forEach((edge, i) => {
    const reverse = pairs.has(`${edge.target}\u0000${edge.source}`);
    if (!edge.data || edge.data.reverse === reverse) return;
    out ??= edges.slice();
    out[i] = { ...edge, data: { ...edge.data, reverse } };
  });
  return out ?? edges;
}
