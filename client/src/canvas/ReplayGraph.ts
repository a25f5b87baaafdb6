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
 * checkpoint) is read whole. Gives the same graph as readMapGraph.
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
      this.nodes.clear();
      this.edges.clear();
      nodeRecords.forEach((record, id) => this.setNode(id, readNode(id, record)));
      edgeRecords.forEach((record, id) => this.setEdge(id, readEdge(id, record)));
      this.changed = null;
    } else {
      for (const id of this.dirtyNodes) this.setNode(id, readNode(id, nodeRecords.get(id)));
      for (const id of this.dirtyEdges) this.setEdge(id, readEdge(id, edgeRecords.get(id)));
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

  private setNode(id: string, view: NodeView | null): void {
    if (view) this.nodes.set(id, view);
    else this.nodes.delete(id);
  }

  private setEdge(id: string, view: EdgeView | null): void {
    if (view) this.edges.set(id, view);
    else this.edges.delete(id);
  }
}
