import { mapGraphOf } from '@loopmap/shared';
import { applyEdgeChanges, applyNodeChanges, type EdgeChange, type NodeChange } from '@xyflow/react';
import type { MapGraph, MapJSON } from '@loopmap/shared';
import type { XY } from '../collab/presence.ts';
import { projectGraph, type ElementMark, type MapProjection, type VersionNode } from './projectMap.ts';
import type { LinkEdge } from './toFlow.ts';

const NONE: ReadonlySet<string> = new Set();

/**
 * The controlled state of a read-only canvas of a version: the projection of a MapJSON plus what
 * this tab adds (measured sizes, which card or link is selected). Framework-free, like FlowStore.
 *
 * Each new frame (a replay step, the later map of a comparison) is projected with the previous
 * state as `prev`, so unchanged cards keep their object, their measured size and their selection,
 * and React Flow redraws only what changed. React Flow's changes are applied for selection and
 * measurement only: nothing can be moved, connected or deleted.
 */
export class VersionFlowStore {
  private nodes: VersionNode[] = [];
  private edges: LinkEdge[] = [];
  private attached: ReadonlySet<string> = NONE;
  private inputs: MapProjection['inputs'];
  private selected: string | null = null;
  private readonly listeners = new Set<() => void>();

  getNodes = (): VersionNode[] => this.nodes;
  getEdges = (): LinkEdge[] => this.edges;
  /** The one selected card or link, or null. */
  getSelected = (): string | null => this.selected;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private graph: MapGraph | null = null;
  private marks: ReadonlyMap<string, ElementMark> | undefined;

  /** Shows a map, with marks (what a comparison or replay points out). */
  show(map: MapJSON | MapGraph, marks?: ReadonlyMap<string, ElementMark>): void {
    this.graph = 'format' in map ? mapGraphOf(map) : map;
    this.marks = marks;
    this.project(undefined);
  }

  /** The map shown as it is, with some cards drawn elsewhere (a tween's frame); empty ends it. */
  setAnimatedPositions = (positions: ReadonlyMap<string, XY>): void => {
    this.project(positions.size > 0 ? positions : undefined);
  };

  /** The graph shown (null before the first show). */
  getGraph = (): MapGraph | null => this.graph;

  private project(positions: ReadonlyMap<string, XY> | undefined): void {
    if (!this.graph) return;
    const prev: MapProjection = { nodes: this.nodes, edges: this.edges, attached: this.attached, inputs: this.inputs };
    const next = projectGraph(this.graph, { marks: this.marks, positions, prev });
    this.attached = next.attached;
    this.inputs = next.inputs;
    this.set(next.nodes, next.edges);
  }

  /** Whether a card is on the map but not drawn (attached to a card or link). */
  isAttached(id: string): boolean {
    return this.attached.has(id);
  }

  /** Selects one card or link (or nothing). */
  select(id: string | null): void {
    const nodeChanges: NodeChange<VersionNode>[] = [];
    for (const node of this.nodes) {
      const want = node.id === id;
      if (Boolean(node.selected) !== want) nodeChanges.push({ type: 'select', id: node.id, selected: want });
    }
    const edgeChanges: EdgeChange<LinkEdge>[] = [];
    for (const edge of this.edges) {
      const want = edge.id === id;
      if (Boolean(edge.selected) !== want) edgeChanges.push({ type: 'select', id: edge.id, selected: want });
    }
    this.set(
      nodeChanges.length > 0 ? applyNodeChanges(nodeChanges, this.nodes) : this.nodes,
      edgeChanges.length > 0 ? applyEdgeChanges(edgeChanges, this.edges) : this.edges,
    );
  }

  onNodesChange = (changes: NodeChange<VersionNode>[]): void => {
    const kept = changes.filter((change) => change.type === 'select' || change.type === 'dimensions');
    if (kept.length > 0) this.set(applyNodeChanges(kept, this.nodes), this.edges);
  };

  onEdgesChange = (changes: EdgeChange<LinkEdge>[]): void => {
    const kept = changes.filter((change) => change.type === 'select');
    if (kept.length > 0) this.set(this.nodes, applyEdgeChanges(kept, this.edges));
  };

  private set(nodes: VersionNode[], edges: LinkEdge[]): void {
    if (nodes === this.nodes && edges === this.edges) return;
    this.nodes = nodes;
    this.edges = edges;
    let selected: string | null = null;
    for (const node of nodes) if (node.selected) selected = selected === null ? node.id : selected;
    for (const edge of edges) if (edge.selected && selected === null) selected = edge.id;
    this.selected = selected;
    for (const listener of this.listeners) listener();
  }
}
