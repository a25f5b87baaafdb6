import type * as Y from 'yjs';
import {
  buildMapGraph,
  getEdges,
  getNodes,
  readEdge,
  readMeta,
  readNode,
  type EdgeView,
  type MapGraph,
  type NodeView,
} from '@loopmap/shared';
import { collectChanges } from './LiveProjection.ts';

/**
 * The graph of a replay's working document, read again only where it changed: between two
 * frames it follows the document's observeDeep events (as the live projection does) and re-reads
 * just those cards and links; every other view stays the very same object, which lets
 * projectGraph keep their elements untouched. A new document (the replay started afresh from a
 * checkpoint) is read whole, but a card or link that reads the same as before keeps its old view:
 * a scrub backwards (or a long jump) starts afresh from a checkpoint on every frame, and without
 * this every card of the map would be mapped and drawn again each time. Gives the same graph as
 * readMapGraph.
 */
export class ReplayGraph {
  private doc: Y.Doc | null = null;
  private readonly nodes = new Map<string, NodeView>();
  private readonly edges = new Map<string, EdgeView>();
  private readonly dirtyNodes = new Set<string>();
  private readonly dirtyEdges = new Set<string>();
  private stop: (() => void) | null = null;
  /** The cards and links the last read found changed; null when it read a new document whole. */
  changed: ReadonlySet<string> | null = null;

  read(doc: Y.Doc): MapGraph {
    const nodeRecords = getNodes(doc);
    const edgeRecords = getEdges(doc);
    if (doc !== this.doc) {
      this.follow(doc);
      const nodesWere = new Map(this.nodes);
      const edgesWere = new Map(this.edges);
      this.nodes.clear();
      this.edges.clear();
      nodeRecords.forEach((record, id) => this.setNode(id, readNode(id, record), nodesWere.get(id)));
      edgeRecords.forEach((record, id) => this.setEdge(id, readEdge(id, record), edgesWere.get(id)));
      this.changed = null;
    } else {
      for (const id of this.dirtyNodes) this.setNode(id, readNode(id, nodeRecords.get(id)), this.nodes.get(id));
      for (const id of this.dirtyEdges) this.setEdge(id, readEdge(id, edgeRecords.get(id)), this.edges.get(id));
      this.changed = new Set([...this.dirtyNodes, ...this.dirtyEdges]);
    }
    this.dirtyNodes.clear();
    this.dirtyEdges.clear();
    return buildMapGraph(readMeta(doc), [...this.nodes.values()], [...this.edges.values()]);
  }

  dispose(): void {
    this.stop?.();
    this.stop = null;
    this.doc = null;
  }

  private follow(doc: Y.Doc): void {
    this.stop?.();
    this.doc = doc;
    const nodeRecords = getNodes(doc);
    const edgeRecords = getEdges(doc);
    const onNodes = (events: Y.YEvent<Y.AbstractType<unknown>>[]): void => {
      for (const id of collectChanges(events, nodeRecords).changed) this.dirtyNodes.add(id);
    };
    const onEdges = (events: Y.YEvent<Y.AbstractType<unknown>>[]): void => {
      for (const id of collectChanges(events, edgeRecords).changed) this.dirtyEdges.add(id);
    };
    nodeRecords.observeDeep(onNodes);
    edgeRecords.observeDeep(onEdges);
    this.stop = () => {
      nodeRecords.unobserveDeep(onNodes);
      edgeRecords.unobserveDeep(onEdges);
    };
  }

  private setNode(id: string, view: NodeView | null, was?: NodeView): void {
    if (view) this.nodes.set(id, was && sameData(was, view) ? was : view);
    else this.nodes.delete(id);
  }

  private setEdge(id: string, view: EdgeView | null, was?: EdgeView): void {
    if (view) this.edges.set(id, was && sameData(was, view) ? was : view);
    else this.edges.delete(id);
  }
}

/** Deep equality of plain data (what readNode and readEdge return: primitives, arrays, records). */
function sameData(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    return a.every((item, i) => sameData(item, b[i]));
  }
  if (Array.isArray(b)) return false;
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  return ka.every((key) => sameData((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]));
}
