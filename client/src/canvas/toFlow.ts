import type * as Y from 'yjs';
import { Position, type Edge, type Node, type NodeHandle } from '@xyflow/react';
import {
  getEdges,
  NODE_KIND_LABELS,
  getNodes,
  readEdge,
  readNode,
  type EdgeView,
  type NodeKind,
  type NodeView,
} from '@loopmap/shared';
import type { XY } from '../collab/presence.ts';

/**
 * The canvas is a projection of the document: these pure functions map node and edge records to
 * React Flow's nodes and edges. They are incremental: given the previous projection and the ids
 * that changed, they return a new array in which every unchanged element is the very same object,
 * so React Flow and the memoized node components skip it.
 */

/** A peer that has this node selected, drawn as an outline in their colour. */
export interface PeerMark {
  readonly name: string;
  readonly color: string;
}

export interface CardData extends Record<string, unknown> {
  kind: NodeKind;
  label: string;
  /** Remote peers that have this card selected. */
  peers: readonly PeerMark[];
}

/**
 * The React Flow node type of a card of each kind (so each kind has its own wrapper class).
 * Prefixed: React Flow has built-in types, and styles, named 'output' and 'default'.
 */
export type CardType = `card-${NodeKind}`;
export const cardType = (kind: NodeKind): CardType => `card-${kind}`;

export type CardNode = Node<CardData, CardType>;

export interface LinkData extends Record<string, unknown> {
  label: string;
}

export type LinkEdge = Edge<LinkData, 'link'>;

/** What presence adds on top of the document: peers' live drag positions and selections. */
export interface NodeOverlay {
  readonly positions: ReadonlyMap<string, XY>;
  readonly peerMarks: ReadonlyMap<string, readonly PeerMark[]>;
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
export const EMPTY_OVERLAY: NodeOverlay = { positions: new Map(), peerMarks: new Map() };

/**
 * A node view as a React Flow node. Keeps `prev` when nothing visible changed, and always keeps
 * what React Flow and the local user own: measured size, selection, and the position while the
 * local user is dragging (a remote move must not yank a card from under the pointer).
 */
export function toCardNode(view: NodeView, prev?: CardNode, overlay: NodeOverlay = EMPTY_OVERLAY): CardNode {
  const position = prev?.dragging ? prev.position : (overlay.positions.get(view.id) ?? { x: view.x, y: view.y });
  const peers = overlay.peerMarks.get(view.id) ?? NO_PEERS;
  if (
    prev &&
    prev.data.kind === view.kind &&
    prev.data.label === view.label &&
    prev.data.peers === peers &&
    prev.position.x === position.x &&
    prev.position.y === position.y
  ) {
    return prev;
  }
  const data: CardData =
    prev && prev.data.kind === view.kind && prev.data.label === view.label && prev.data.peers === peers
      ? prev.data
      : { kind: view.kind, label: view.label, peers };
  const next: CardNode = {
    id: view.id,
    type: cardType(view.kind),
    position: prev && prev.position.x === position.x && prev.position.y === position.y ? prev.position : position,
    data,
    ariaLabel: `${NODE_KIND_LABELS[view.kind]}: ${view.label || 'no label yet'}`,
  };
  if (prev?.selected) next.selected = true;
  if (prev?.dragging) next.dragging = true;
  if (prev?.measured) {
    next.measured = prev.measured;
  } else {
    next.measured = ESTIMATED_SIZE;
    next.handles = ESTIMATED_HANDLES;
  }
  return next;
}

export function toLinkEdge(view: EdgeView, prev?: LinkEdge): LinkEdge {
  if (prev && prev.source === view.source && prev.target === view.target && prev.data?.label === view.label) {
    return prev;
  }
  const next: LinkEdge = {
    id: view.id,
    type: 'link',
    source: view.source,
    target: view.target,
    data: { label: view.label },
    ariaLabel: view.label ? `Link: ${view.label}` : 'Link',
  };
  if (prev?.selected) next.selected = true;
  return next;
}

/** The whole document as React Flow nodes (used once, when a map opens). */
export function projectNodes(doc: Y.Doc, overlay: NodeOverlay = EMPTY_OVERLAY): CardNode[] {
  const out: CardNode[] = [];
  getNodes(doc).forEach((record, id) => {
    const view = readNode(id, record);
    if (view) out.push(toCardNode(view, undefined, overlay));
  });
  return out;
}

/** The document's live links as React Flow edges: dangling links are never shown. */
export function projectEdges(doc: Y.Doc): LinkEdge[] {
  const nodes = getNodes(doc);
  const out: LinkEdge[] = [];
  getEdges(doc).forEach((record, id) => {
    const view = readEdge(id, record);
    if (view && nodes.has(view.source) && nodes.has(view.target)) out.push(toLinkEdge(view));
  });
  return out;
}

/** What a batch of observeDeep events on the nodes or edges map touched. */
export interface RecordChanges {
  /** Every record id whose content, or presence, changed. */
  readonly changed: ReadonlySet<string>;
  /** Ids added to or deleted from the map itself (a node's existence decides its links' fate). */
  readonly addedOrDeleted: ReadonlySet<string>;
}

/** Reads the record ids out of observeDeep events on a root map of records. */
export function collectChanges(events: readonly Y.YEvent<Y.AbstractType<unknown>>[], root: object): RecordChanges {
  const changed = new Set<string>();
  const addedOrDeleted = new Set<string>();
  for (const event of events) {
    if (event.target === root) {
      event.changes.keys.forEach((change, key) => {
        changed.add(key);
        if (change.action !== 'update') addedOrDeleted.add(key);
      });
    } else {
      // A change inside a record (a field, or its label's Y.Text): the path starts at its id.
      const id = event.path[0];
      if (typeof id === 'string') changed.add(id);
    }
  }
  return { changed, addedOrDeleted };
}

/**
 * Re-projects the nodes with the given ids. Unchanged nodes keep their identity and order; new
 * nodes are appended; deleted ones are dropped. Returns `prev` itself when nothing changed.
 */
export function patchNodes(
  prev: CardNode[],
  doc: Y.Doc,
  ids: Iterable<string>,
  overlay: NodeOverlay = EMPTY_OVERLAY,
): CardNode[] {
  const records = getNodes(doc);
  const wanted = new Map<string, NodeView | null>();
  for (const id of ids) wanted.set(id, readNode(id, records.get(id)));
  if (wanted.size === 0) return prev;
  let changed = false;
  const out: CardNode[] = [];
  for (const node of prev) {
    if (!wanted.has(node.id)) {
      out.push(node);
      continue;
    }
    const view = wanted.get(node.id);
    wanted.delete(node.id);
    if (!view) {
      changed = true;
      continue;
    }
    const next = toCardNode(view, node, overlay);
    if (next !== node) changed = true;
    out.push(next);
  }
  for (const view of wanted.values()) {
    if (!view) continue;
    out.push(toCardNode(view, undefined, overlay));
    changed = true;
  }
  return changed ? out : prev;
}

/**
 * Re-projects the links with the given ids, plus every link that touches a node that was added
 * or deleted (such a link may have just become live, or dangling). Returns `prev` itself when
 * nothing changed.
 */
export function patchEdges(
  prev: LinkEdge[],
  doc: Y.Doc,
  ids: Iterable<string>,
  nodesAddedOrDeleted: ReadonlySet<string> = new Set(),
): LinkEdge[] {
  const nodes = getNodes(doc);
  const records = getEdges(doc);
  const wanted = new Map<string, EdgeView | null>();
  const read = (id: string, record: unknown): void => {
    const view = readEdge(id, record);
    wanted.set(id, view && nodes.has(view.source) && nodes.has(view.target) ? view : null);
  };
  for (const id of ids) read(id, records.get(id));
  if (nodesAddedOrDeleted.size > 0) {
    // Links whose end appeared or vanished: in the document (new and still-dangling ones) ...
    records.forEach((record, id) => {
      const view = readEdge(id, record);
      if (view && (nodesAddedOrDeleted.has(view.source) || nodesAddedOrDeleted.has(view.target))) read(id, record);
    });
    // ... and on screen (links whose record already went with the node).
    for (const edge of prev) {
      if (nodesAddedOrDeleted.has(edge.source) || nodesAddedOrDeleted.has(edge.target)) {
        if (!wanted.has(edge.id)) read(edge.id, records.get(edge.id));
      }
    }
  }
  if (wanted.size === 0) return prev;
  let changed = false;
  const out: LinkEdge[] = [];
  for (const edge of prev) {
    if (!wanted.has(edge.id)) {
      out.push(edge);
      continue;
    }
    const view = wanted.get(edge.id);
    wanted.delete(edge.id);
    if (!view) {
      changed = true;
      continue;
    }
    const next = toLinkEdge(view, edge);
    if (next !== edge) changed = true;
    out.push(next);
  }
  for (const view of wanted.values()) {
    if (!view) continue;
    out.push(toLinkEdge(view));
    changed = true;
  }
  return changed ? out : prev;
}
