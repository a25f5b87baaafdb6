import type { Node } from '@xyflow/react';
import { mapGraphOf, type EdgeView, type MapGraph, type MapJSON, type NodeView } from '@loopmap/shared';
import type { XY } from '../collab/presence.ts';
import {
  EMPTY_OVERLAY,
  markReverse,
  summarise,
  toCardNode,
  toLinkEdge,
  type AttachedSummary,
  type CardNode,
  type LinkEdge,
  type NodeOverlay,
} from './toFlow.ts';

/**
 * A map that is not the live document (a snapshot, a replay frame, a comparison) through the same
 * card and link mappers as the live canvas: the same kinds, badges, attachments summarised on
 * their hosts, the same accessible names. Read-only by construction: it holds no document.
 *
 * Marks say what a comparison or a replay adds on top: a class on the element (styled in
 * versionCanvas.css with a shape and a glyph as well as a colour) and a word in its accessible
 * name. Moved cards also get a dashed outline where they were.
 */

/** What happened to a card or link between two versions, or in the change a replay is at. */
export type MarkState = 'added' | 'removed' | 'changed' | 'moved' | 'current';

export interface ElementMark {
  /** Several at once: a card can be changed and moved. */
  readonly states: readonly MarkState[];
  /** Moved cards: where the earlier version had them (with their size, for frames). */
  readonly was?: { x: number; y: number; width?: number; height?: number };
}

export interface ProjectOptions {
  marks?: ReadonlyMap<string, ElementMark>;
  /** The previous projection of a map like this one: unchanged elements are kept as they are. */
  prev?: MapProjection;
  /** Positions drawn instead of the map's (a replay tweening between frames). */
  positions?: ReadonlyMap<string, XY>;
}

/** A dashed outline where a moved card used to be; not selectable, under the cards. */
export interface OutlineData extends Record<string, unknown> {
  label: string;
  kind: string;
}
export type OutlineNode = Node<OutlineData, 'was-outline'>;
export type VersionNode = CardNode | OutlineNode;

export interface MapProjection {
  nodes: VersionNode[];
  edges: LinkEdge[];
  /** Cards not drawn because they are attached (their host's badges count them). */
  attached: ReadonlySet<string>;
  /** What each element was drawn from, so the next projection can skip what did not change. */
  inputs?: ReadonlyMap<string, ElementInputs>;
}

/**
 * What an element is drawn from: its view, its mark, a position drawn instead of its own, and its
 * attachments (their summary is on its badges). When all are the very same objects as in the
 * previous projection, its element is kept without mapping it again: a replay frame then costs
 * what the frame changed, not the size of the map.
 */
export interface ElementInputs {
  view: NodeView | EdgeView;
  mark: ElementMark | undefined;
  xy: XY | undefined;
  kids: readonly NodeView[] | undefined;
}

function sameInputs(a: ElementInputs | undefined, b: ElementInputs): boolean {
  if (!a || a.view !== b.view || a.mark !== b.mark || a.xy !== b.xy) return false;
  if (a.kids === b.kids) return true;
  if (!a.kids || !b.kids || a.kids.length !== b.kids.length) return false;
  return a.kids.every((kid, i) => kid === b.kids![i]);
}

const sameArray = <T>(a: readonly T[], b: readonly T[] | undefined): boolean =>
  b !== undefined && a.length === b.length && a.every((item, i) => item === b[i]);

export const MARK_WORDS: Record<MarkState, string> = {
  added: 'Added',
  removed: 'Removed',
  changed: 'Changed',
  moved: 'Moved',
  current: 'Just changed',
};

const wasId = (id: string): string => `${id}~was`;

function markClass(base: string | undefined, mark: ElementMark | undefined): string | undefined {
  if (!mark || mark.states.length === 0) return base;
  return `${base ?? ''} mark ${mark.states.map((state) => `mark--${state}`).join(' ')}`.trim();
}

function markLabel(base: string | undefined, mark: ElementMark | undefined): string | undefined {
  if (!mark || mark.states.length === 0) return base;
  return `${mark.states.map((state) => MARK_WORDS[state]).join(', ')}: ${base ?? ''}`;
}

/** Keeps `prev` when the marked element came out the same (so memoized views skip it). */
function sameNode(a: CardNode, b: VersionNode | undefined): b is CardNode {
  return (
    b !== undefined &&
    b.type === a.type &&
    b.data === a.data &&
    b.className === a.className &&
    b.ariaLabel === a.ariaLabel &&
    b.position.x === a.position.x &&
    b.position.y === a.position.y
  );
}

/**
 * A MapJSON as React Flow nodes and edges. Pure: the same map and marks give equal output, and
 * with `prev`, every element that did not change is the very same object as before.
 */
export function projectMap(map: MapJSON, options: ProjectOptions = {}): MapProjection {
  return projectGraph(mapGraphOf(map), options);
}

/**
 * The same from a map's graph: a replay reads its document with readMapGraph and comes here
 * directly, skipping the MapJSON's validation on every frame (toMapJSON gives the same graph).
 */
export function projectGraph(graph: MapGraph, options: ProjectOptions = {}): MapProjection {
  const { marks, prev, positions } = options;
  // The graph has already resolved attachments (a host that is gone leaves its card standing).
  const attached = new Set<string>();
  const children = new Map<string, NodeView[]>();
  for (const node of graph.nodes) {
    if (node.attachedTo === null) continue;
    attached.add(node.id);
    let list = children.get(node.attachedTo);
    if (!list) children.set(node.attachedTo, (list = []));
    list.push(node);
  }
  const summaryOf = (id: string): AttachedSummary | null => {
    const list = children.get(id);
    return list ? summarise(list) : null;
  };

  const prevNodes = new Map<string, VersionNode>();
  const prevEdges = new Map<string, LinkEdge>();
  for (const node of prev?.nodes ?? []) prevNodes.set(node.id, node);
  for (const edge of prev?.edges ?? []) prevEdges.set(edge.id, edge);
  const overlay: NodeOverlay = positions ? { ...EMPTY_OVERLAY, positions } : EMPTY_OVERLAY;

  const nodes: VersionNode[] = [];
  const outlines: OutlineNode[] = [];
  const inputs = new Map<string, ElementInputs>();
  const prevInputs = prev?.inputs;
  for (const view of graph.nodes) {
    if (attached.has(view.id)) continue;
    const before = prevNodes.get(view.id);
    const mark = marks?.get(view.id);
    const input: ElementInputs = { view, mark, xy: positions?.get(view.id), kids: children.get(view.id) };
    inputs.set(view.id, input);
    if (before && before.type !== 'was-outline' && !mark?.was && sameInputs(prevInputs?.get(view.id), input)) {
      nodes.push(before);
      continue;
    }
    const base = toCardNode(view, before?.type === 'was-outline' ? undefined : before, overlay, summaryOf(view.id));
    const next: CardNode = mark
      ? { ...base, className: markClass(base.className, mark), ariaLabel: markLabel(base.ariaLabel, mark) }
      : base;
    nodes.push(sameNode(next, before) ? before : next);
    if (mark?.was) outlines.push(outlineNode(view, mark.was, prevNodes.get(wasId(view.id))));
  }
  const edges: LinkEdge[] = [];
  for (const view of graph.edges) {
    if (attached.has(view.source) || attached.has(view.target)) continue;
    const before = prevEdges.get(view.id);
    const mark = marks?.get(view.id);
    const input: ElementInputs = { view, mark, xy: undefined, kids: children.get(view.id) };
    inputs.set(view.id, input);
    if (before && sameInputs(prevInputs?.get(view.id), input)) {
      edges.push(before);
      continue;
    }
    const base = toLinkEdge(view, before, overlay, summaryOf(view.id), before?.data?.reverse ?? false);
    if (!mark) {
      edges.push(base);
      continue;
    }
    const className = markClass(base.className, mark);
    const ariaLabel = markLabel(base.ariaLabel, mark);
    const markData = mark.states.join(' ');
    // toLinkEdge keeps the previous data when only the mark is on it (it does not compare marks).
    const data = base.data && base.data.mark === markData ? base.data : base.data && { ...base.data, mark: markData };
    const same =
      before &&
      before.data === data &&
      before.className === className &&
      before.source === base.source &&
      before.target === base.target;
    edges.push(same ? before : { ...base, className, ariaLabel, data });
  }
  // Outlines go first: drawn under the cards. Unchanged arrays are returned as they were, so React
  // Flow does not even look at them.
  const allNodes = outlines.length > 0 ? [...outlines, ...nodes] : nodes;
  const allEdges = markReverse(edges);
  return {
    nodes: prev && sameArray(allNodes, prev.nodes) ? prev.nodes : allNodes,
    edges: prev && sameArray(allEdges, prev.edges) ? prev.edges : allEdges,
    attached,
    inputs,
  };
}
function outlineNode(view: NodeView, was: NonNullable<ElementMark['was']>, prev: VersionNode | undefined): OutlineNode {
  if (
    prev?.type === 'was-outline' &&
    prev.position.x === was.x &&
    prev.position.y === was.y &&
    prev.data.label === view.label
  ) {
    return prev;
  }
  const node: OutlineNode = {
    id: wasId(view.id),
    type: 'was-outline',
    position: { x: was.x, y: was.y },
    data: { label: view.label, kind: view.kind },
    selectable: false,
    draggable: false,
    focusable: false,
    zIndex: -1002,
    ariaLabel: `Where “${view.label || 'untitled'}” was before`,
  };
  if (view.kind === 'group') {
    node.width = was.width ?? view.width ?? undefined;
    node.height = was.height ?? view.height ?? undefined;
  }
  return node;
}
