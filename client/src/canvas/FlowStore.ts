import type * as Y from 'yjs';
import { applyEdgeChanges, applyNodeChanges, type EdgeChange, type NodeChange } from '@xyflow/react';
import { getEdges, getNodes, type NodeId, type NodePosition } from '@loopmap/shared';
import type { Peer, XY } from '../collab/presence.ts';
import { overlayFromPeers } from './presenceOverlay.ts';
import { LiveProjection, collectChanges } from './LiveProjection.ts';
import { EMPTY_OVERLAY, type CardNode, type LinkEdge, type NodeOverlay } from './toFlow.ts';

export interface FlowStoreOptions {
  doc: Y.Doc;
  /** Positions to write when a drag ends or a keyboard move happens (never during a drag). */
  commitMoves: (positions: NodePosition[]) => void;
  /** The local selection changed (sent to peers through presence). */
  onSelectionChange?: (nodeIds: readonly string[]) => void;
}

export type SelectMode = 'replace' | 'add' | 'toggle';

const NO_SELECTION: readonly string[] = Object.freeze([]);

/**
 * The state of the controlled React Flow: nodes and edges projected from the document, plus what
 * only this tab knows (selection, measured sizes, the position of a card being dragged, a layout
 * animation, what is dimmed) and what presence adds (peers' drags and selections).
 * Framework-free; MapCanvas subscribes to it.
 *
 * Document changes arrive through observeDeep and re-project only the ids they touched. React
 * Flow's changes are applied locally, except deletions, which go through the document (the
 * canvas then follows the document), and finished moves, which are committed with commitMoves.
 */
export class FlowStore {
  private nodes: CardNode[] = [];
  private edges: LinkEdge[] = [];
  private selection: readonly string[] = NO_SELECTION;
  private selectedEdges: readonly string[] = NO_SELECTION;
  private overlay: NodeOverlay = EMPTY_OVERLAY;
  private peerPositions: ReadonlyMap<string, XY> = new Map();
  private animated: ReadonlyMap<string, XY> = new Map();
  private readonly projection: LiveProjection;
  /** Frames being resized: their position steps are the resizer's, committed when it ends. */
  private readonly resizing = new Set<string>();
  private readonly listeners = new Set<() => void>();

  constructor(private readonly options: FlowStoreOptions) {
    this.projection = new LiveProjection(options.doc);
    const { nodes, edges } = this.projection.projectAll(this.overlay);
    this.nodes = nodes;
    this.edges = edges;
  }

  getNodes = (): CardNode[] => this.nodes;
  getEdges = (): LinkEdge[] => this.edges;
  getSelection = (): readonly string[] => this.selection;
  /** Ids of the selected links (the same array while it does not change). */
  getSelectedEdges = (): readonly string[] => this.selectedEdges;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Starts following the document; returns the function that stops. */
  connect(): () => void {
    const { doc } = this.options;
    const nodeRecords = getNodes(doc);
    const edgeRecords = getEdges(doc);
    const none: ReadonlySet<string> = new Set();
    const onNodes = (events: Y.YEvent<Y.AbstractType<unknown>>[]): void => {
      const { changed } = collectChanges(events, nodeRecords);
      this.apply(this.projection.patch(this.nodes, this.edges, changed, none, this.overlay));
    };
    const onEdges = (events: Y.YEvent<Y.AbstractType<unknown>>[]): void => {
      const { changed } = collectChanges(events, edgeRecords);
      this.apply(this.projection.patch(this.nodes, this.edges, none, changed, this.overlay));
    };
    nodeRecords.observeDeep(onNodes);
    edgeRecords.observeDeep(onEdges);
    // The document may have changed since the constructor projected it.
    this.apply(
      this.projection.patch(
        this.nodes,
        this.edges,
        allIds(nodeRecords, this.nodes),
        new Set(edgeRecords.keys()),
        this.overlay,
      ),
    );
    return () => {
      nodeRecords.unobserveDeep(onNodes);
      edgeRecords.unobserveDeep(onEdges);
    };
  }

  setResizing(id: string, resizing: boolean): void {
    if (resizing) this.resizing.add(id);
    else this.resizing.delete(id);
  }

  /** Whether a card is attached to another card or a link (and so not drawn). */
  isAttached(id: string): boolean {
    return this.projection.isHidden(id);
  }

  onNodesChange = (changes: NodeChange<CardNode>[]): void => {
    const local: NodeChange<CardNode>[] = [];
    const moves: NodePosition[] = [];
    let measured: Set<string> | null = null;
    for (const change of changes) {
      if (change.type === 'dimensions') (measured ??= new Set()).add(change.id);
      // Deletions go through the document (see MapCanvas onDelete); the canvas follows it.
      if (change.type === 'remove') continue;
      if (change.type === 'position' && !change.dragging && change.position && !this.resizing.has(change.id)) {
        moves.push({ id: change.id as NodeId, x: change.position.x, y: change.position.y });
      }
      local.push(change);
    }
    if (local.length > 0) {
      let nodes = applyNodeChanges(local, this.nodes);
      if (measured) nodes = forgetEstimates(nodes, measured);
      this.set(nodes, this.edges);
    }
    if (moves.length > 0) this.options.commitMoves(moves);
  };

  onEdgesChange = (changes: EdgeChange<LinkEdge>[]): void => {
    const local = changes.filter((change) => change.type !== 'remove');
    if (local.length > 0) this.set(this.nodes, applyEdgeChanges(local, this.edges));
  };

  /** Selects nodes from outside the canvas (the outline); edges are deselected in 'replace'. */
  selectNodes(ids: readonly string[], mode: SelectMode = 'replace'): void {
    const wanted = new Set(ids);
    const changes: NodeChange<CardNode>[] = [];
    for (const node of this.nodes) {
      const inIds = wanted.has(node.id);
      let selected = Boolean(node.selected);
      if (mode === 'replace') selected = inIds;
      else if (mode === 'add') selected = selected || inIds;
      else if (inIds) selected = !selected;
      if (selected !== Boolean(node.selected)) changes.push({ type: 'select', id: node.id, selected });
    }
    const edgeChanges: EdgeChange<LinkEdge>[] =
      mode === 'replace'
        ? this.edges.filter((edge) => edge.selected).map((edge) => ({ type: 'select', id: edge.id, selected: false }))
        : [];
    if (changes.length === 0 && edgeChanges.length === 0) return;
    this.set(
      changes.length > 0 ? applyNodeChanges(changes, this.nodes) : this.nodes,
      edgeChanges.length > 0 ? applyEdgeChanges(edgeChanges, this.edges) : this.edges,
    );
  }

  /** Selects exactly these cards and links (a finding's targets, say). */
  selectElements(nodeIds: readonly string[], edgeIds: readonly string[]): void {
    const nodes = new Set(nodeIds);
    const edges = new Set(edgeIds);
    const nodeChanges: NodeChange<CardNode>[] = this.nodes
      .filter((node) => Boolean(node.selected) !== nodes.has(node.id))
      .map((node) => ({ type: 'select', id: node.id, selected: nodes.has(node.id) }));
    const edgeChanges: EdgeChange<LinkEdge>[] = this.edges
      .filter((edge) => Boolean(edge.selected) !== edges.has(edge.id))
      .map((edge) => ({ type: 'select', id: edge.id, selected: edges.has(edge.id) }));
    if (nodeChanges.length === 0 && edgeChanges.length === 0) return;
    this.set(
      nodeChanges.length > 0 ? applyNodeChanges(nodeChanges, this.nodes) : this.nodes,
      edgeChanges.length > 0 ? applyEdgeChanges(edgeChanges, this.edges) : this.edges,
    );
  }

  /** Selects one link alone (from the outline). */
  selectEdge(id: string): void {
    const nodeChanges: NodeChange<CardNode>[] = this.nodes
      .filter((node) => node.selected)
      .map((node) => ({ type: 'select', id: node.id, selected: false }));
    const edgeChanges: EdgeChange<LinkEdge>[] = this.edges
      .filter((edge) => Boolean(edge.selected) !== (edge.id === id))
      .map((edge) => ({ type: 'select', id: edge.id, selected: edge.id === id }));
    this.set(applyNodeChanges(nodeChanges, this.nodes), applyEdgeChanges(edgeChanges, this.edges));
  }

  /** Folds the remote peers' drags and selections into the nodes they touch. */
  setPeers(peers: readonly Peer[]): void {
    const { overlay, touched } = overlayFromPeers(peers, { ...this.overlay, positions: this.peerPositions });
    if (touched.size === 0) return;
    this.peerPositions = overlay.positions;
    this.setOverlay({ ...this.overlay, peerMarks: overlay.peerMarks }, touched);
  }

  /**
   * Dims every card and link not in `lit` (pathway highlighting, search and filter); null lights
   * everything again.
   */
  setLit(lit: ReadonlySet<string> | null): void {
    const prev = this.overlay.dimmed;
    let dimmed: Set<string> | null = null;
    if (lit) {
      dimmed = new Set();
      for (const node of this.nodes) if (!lit.has(node.id)) dimmed.add(node.id);
      for (const edge of this.edges) if (!lit.has(edge.id)) dimmed.add(edge.id);
    }
    const touched = new Set<string>();
    for (const id of prev ?? []) if (!dimmed?.has(id)) touched.add(id);
    for (const id of dimmed ?? []) if (!prev?.has(id)) touched.add(id);
    this.setOverlay({ ...this.overlay, dimmed }, touched);
  }

  /** Open comment threads per card or link id. */
  setCommentCounts(counts: ReadonlyMap<string, number>): void {
    const prev = this.overlay.comments;
    const touched = new Set<string>();
    for (const [id, count] of counts) if (prev.get(id) !== count) touched.add(id);
    for (const id of prev.keys()) if (!counts.has(id)) touched.add(id);
    this.setOverlay({ ...this.overlay, comments: counts }, touched);
  }

  /**
   * Draws cards at these positions instead of the document's (a layout animation's frames);
   * an empty map ends the animation.
   */
  setAnimatedPositions(positions: ReadonlyMap<string, XY>): void {
    const touched = new Set<string>([...this.animated.keys(), ...positions.keys()]);
    this.animated = positions;
    this.setOverlay(this.overlay, touched);
  }

  private setOverlay(base: NodeOverlay, touched: ReadonlySet<string>): void {
    // Positions drawn: a running animation wins over a peer's drag (it is this user's own action).
    const positions =
      this.animated.size === 0 ? this.peerPositions : new Map([...this.peerPositions, ...this.animated]);
    this.overlay = { ...base, positions };
    if (touched.size === 0) return;
    this.apply(this.projection.repaint(this.nodes, this.edges, touched, this.overlay));
  }

  private apply({ nodes, edges }: { nodes: CardNode[]; edges: LinkEdge[] }): void {
    this.set(nodes, edges);
  }

  private set(nodes: CardNode[], edges: LinkEdge[]): void {
    if (nodes === this.nodes && edges === this.edges) return;
    const nodesChanged = nodes !== this.nodes;
    const edgesChanged = edges !== this.edges;
    this.nodes = nodes;
    this.edges = edges;
    if (edgesChanged) this.updateEdgeSelection();
    if (nodesChanged) this.updateSelection();
    for (const listener of this.listeners) listener();
  }

  private updateEdgeSelection(): void {
    const ids: string[] = [];
    for (const edge of this.edges) if (edge.selected) ids.push(edge.id);
    const prev = this.selectedEdges;
    if (ids.length === prev.length && ids.every((id, i) => id === prev[i])) return;
    this.selectedEdges = ids.length === 0 ? NO_SELECTION : ids;
  }

  private updateSelection(): void {
    const ids: string[] = [];
    for (const node of this.nodes) if (node.selected) ids.push(node.id);
    const prev = this.selection;
    if (ids.length === prev.length && ids.every((id, i) => id === prev[i])) return;
    this.selection = ids.length === 0 ? NO_SELECTION : ids;
    this.options.onSelectionChange?.(this.selection);
  }
}

/**
 * Drops the estimated handles of cards React Flow has just measured to another size: from now
 * on its own measurements count (a `handles` given by the app would override them).
 */
function forgetEstimates(nodes: CardNode[], ids: ReadonlySet<string>): CardNode[] {
  return nodes.map((node) => {
    if (!ids.has(node.id) || node.handles === undefined) return node;
    const { handles: _handles, ...rest } = node;
    return rest;
  });
}

function allIds(records: { keys(): Iterable<string> }, nodes: readonly CardNode[]): Set<string> {
  const ids = new Set<string>(records.keys());
  for (const node of nodes) ids.add(node.id);
  return ids;
}
