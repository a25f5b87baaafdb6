import type * as Y from 'yjs';
import { isAttachableKind } from '../model/kinds.ts';
import {
  getEdges,
  getNodes,
  readEdge,
  readMeta,
  readNode,
  type EdgeView,
  type MetaView,
  type NodeView,
} from '../doc/layout.ts';

/**
 * A map as plain data, for everything that reasons about the whole of it: checks, pathways,
 * filters, layout, exports. Built from the document's views, with what concurrent edits can
 * leave half-done already resolved: links whose ends are gone (or whose id is also a card's)
 * are left out, and an attachment whose host is gone (or is not a valid host) is dropped, so
 * that card stands on the canvas.
 */
export interface MapGraph {
  readonly meta: MetaView;
  /** Sorted by id. */
  readonly nodes: readonly NodeView[];
  /** Live links only, sorted by id. */
  readonly edges: readonly EdgeView[];
  readonly nodeById: ReadonlyMap<string, NodeView>;
  readonly edgeById: ReadonlyMap<string, EdgeView>;
}

const byId = (a: { id: string }, b: { id: string }): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * Where a node is attached, given every node and live link by id: null unless it is an
 * attachable kind whose host is a live link, or a card that stands alone and is not a frame.
 */
export function resolveAttachment(
  node: Pick<NodeView, 'kind' | 'attachedTo'>,
  nodes: ReadonlyMap<string, Pick<NodeView, 'kind' | 'attachedTo'>>,
  edges: ReadonlyMap<string, EdgeView> | ReadonlySet<string>,
): string | null {
  const host = node.attachedTo;
  if (host === null || !isAttachableKind(node.kind)) return null;
  if (edges.has(host)) return host;
  const hostNode = nodes.get(host);
  if (!hostNode || hostNode.kind === 'group') return null;
  // A host that is itself attached would hide its attachments twice over.
  if (hostNode.attachedTo !== null && isAttachableKind(hostNode.kind)) return null;
  return host;
}

/** Builds the graph from views (in any order, dangling links and attachments included). */
export function buildMapGraph(meta: MetaView, nodes: readonly NodeView[], edges: readonly EdgeView[]): MapGraph {
  const rawById = new Map(nodes.map((node) => [node.id as string, node]));
  // As isEdgeLive: both ends exist, and the link's id is not also a card's.
  const liveEdges = edges
    .filter((edge) => rawById.has(edge.source) && rawById.has(edge.target) && !rawById.has(edge.id))
    .sort(byId);
  const edgeById = new Map(liveEdges.map((edge) => [edge.id as string, edge]));
  const resolved = nodes
    .map((node) => {
      const attachedTo = resolveAttachment(node, rawById, edgeById);
      return attachedTo === node.attachedTo ? node : { ...node, attachedTo };
    })
    .sort(byId);
  return {
    meta,
    nodes: resolved,
    edges: liveEdges,
    nodeById: new Map(resolved.map((node) => [node.id as string, node])),
    edgeById,
  };
}

/** The whole document as a graph. */
export function readMapGraph(doc: Y.Doc): MapGraph {
  const nodes: NodeView[] = [];
  getNodes(doc).forEach((record, id) => {
    const node = readNode(id, record);
    if (node) nodes.push(node);
  });
  const edges: EdgeView[] = [];
  getEdges(doc).forEach((record, id) => {
    const edge = readEdge(id, record);
    if (edge) edges.push(edge);
  });
  return buildMapGraph(readMeta(doc), nodes, edges);
}

/** The cards attached to a card or link, by kind then title. */
export function attachmentsOf(graph: MapGraph, hostId: string): NodeView[] {
  return graph.nodes
    .filter((node) => node.attachedTo === hostId)
    .sort((a, b) => (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : a.label.localeCompare(b.label)));
}

/** Cards drawn on the canvas: everything but attached cards. */
export const standsOnCanvas = (node: NodeView): boolean => node.attachedTo === null;
