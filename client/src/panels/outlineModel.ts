import {
  NODE_KINDS,
  type EdgeView,
  type MapGraph,
  type NodeKind,
  type NodeView,
  type Translate,
} from '@loopmap/shared';
import { CARD_COLLATOR, cardTitle } from './cardText.ts';

const KIND_RANK = new Map<string, number>(NODE_KINDS.map((kind, i) => [kind, i]));

/**
 * What the outline lists and in which order, as plain functions of the map graph: a section per
 * kind in pathway order with the cards that stand on the canvas, their attachments nested under
 * their hosts, and every link. Orders depend on kinds and titles, never on positions, so dragging
 * a card does not move its row; and the order is frozen while the user works in the outline, so
 * a row never moves under the keyboard focus.
 */

export interface OutlineOrder {
  /** Cards that stand on the canvas. */
  cards: readonly string[];
  /** Cards attached to a card or a link. */
  attached: readonly string[];
  links: readonly string[];
}

/**
 * The order the outline would show if nothing were frozen: cards in pathway order then by title,
 * links by their source's rank then their target's. Each card's sort key is computed once and
 * links compare numbers: this runs on every change of the map while the outline is open, and at
 * a thousand cards a title comparison per pair of links cost more than the rest of the panel.
 */
export function sortedOutline(graph: MapGraph): OutlineOrder {
  const keyed = graph.nodes.map((node) => ({ node, kind: KIND_RANK.get(node.kind) ?? 99, title: cardTitle(node) }));
  keyed.sort((a, b) => a.kind - b.kind || CARD_COLLATOR.compare(a.title, b.title) || (a.node.id < b.node.id ? -1 : 1));
  const rank = new Map<string, number>();
  keyed.forEach(({ node }, index) => rank.set(node.id, index));
  const cards: string[] = [];
  const attached: string[] = [];
  for (const { node } of keyed) (node.attachedTo === null ? cards : attached).push(node.id);
  const rankOf = (id: string): number => rank.get(id) ?? Number.MAX_SAFE_INTEGER;
  const links = [...graph.edges]
    .sort(
      (a, b) => rankOf(a.source) - rankOf(b.source) || rankOf(a.target) - rankOf(b.target) || (a.id < b.id ? -1 : 1),
    )
    .map((edge) => edge.id);
  return { cards, attached, links };
}

/**
 * The next order of a list. Not frozen: `sorted` itself. Frozen: the rows already shown keep
 * their order (gone ones drop out), and new ones are placed after their predecessor in `sorted`
 * (inserting a row never moves the focused one). Returns `previous` itself when nothing changed.
 */
export function stableOrder(
  previous: readonly string[] | null,
  sorted: readonly string[],
  frozen: boolean,
): readonly string[] {
  if (!frozen || previous === null) return sameList(previous, sorted) ? (previous ?? sorted) : sorted;
  const present = new Set(sorted);
  const kept = previous.filter((id) => present.has(id));
  const shown = new Set(kept);
  const out = [...kept];
  for (let i = 0; i < sorted.length; i++) {
    const id = sorted[i]!;
    if (shown.has(id)) continue;
    // After the nearest row before it (in sorted order) that is shown, or first.
    let at = 0;
    for (let j = i - 1; j >= 0; j--) {
      const index = out.indexOf(sorted[j]!);
      if (index >= 0) {
        at = index + 1;
        break;
      }
    }
    out.splice(at, 0, id);
    shown.add(id);
  }
  return sameList(previous, out) ? previous : out;
}

function sameList(a: readonly string[] | null, b: readonly string[]): boolean {
  return a !== null && a.length === b.length && a.every((id, i) => id === b[i]);
}

export interface OutlineSection {
  kind: NodeKind;
  heading: string;
  cards: NodeView[];
  /** Cards of this kind attached elsewhere (listed under their hosts, counted here). */
  attachedElsewhere: number;
}

/**
 * The cards that stand on the canvas, a section per kind in pathway order; empty sections left out.
 * `t` is the outline's translator (headings are `outline:section.<kind>`, plural names of kinds).
 */
export function outlineSections(graph: MapGraph, cardOrder: readonly string[], t: Translate): OutlineSection[] {
  const byKind = new Map<NodeKind, NodeView[]>();
  for (const id of cardOrder) {
    const node = graph.nodeById.get(id);
    if (!node || node.attachedTo !== null) continue;
    const list = byKind.get(node.kind);
    if (list) list.push(node);
    else byKind.set(node.kind, [node]);
  }
  const attachedByKind = new Map<NodeKind, number>();
  for (const node of graph.nodes) {
    if (node.attachedTo !== null) attachedByKind.set(node.kind, (attachedByKind.get(node.kind) ?? 0) + 1);
  }
  return NODE_KINDS.filter((kind) => byKind.has(kind)).map((kind) => ({
    kind,
    heading: t(`section.${kind}`),
    cards: byKind.get(kind)!,
    attachedElsewhere: attachedByKind.get(kind) ?? 0,
  }));
}

/** Each host's attachments, in the attachments' order. */
export function attachmentsByHost(graph: MapGraph, attachedOrder: readonly string[]): Map<string, NodeView[]> {
  const out = new Map<string, NodeView[]>();
  for (const id of attachedOrder) {
    const node = graph.nodeById.get(id);
    if (!node || node.attachedTo === null) continue;
    const list = out.get(node.attachedTo);
    if (list) list.push(node);
    else out.set(node.attachedTo, [node]);
  }
  return out;
}

/** Each card's outgoing links, in the links' order. */
export function linksBySource(graph: MapGraph, linkOrder: readonly string[]): Map<string, EdgeView[]> {
  const out = new Map<string, EdgeView[]>();
  for (const id of linkOrder) {
    const edge = graph.edgeById.get(id);
    if (!edge) continue;
    const list = out.get(edge.source);
    if (list) list.push(edge);
    else out.set(edge.source, [edge]);
  }
  return out;
}

/**
 * True when two views hold the same data. Views are rebuilt on every change of the map; keeping
 * the old object when a card did not change lets its memoized row skip rendering.
 */
export function sameData(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    return a.every((item, i) => sameData(item, b[i]));
  }
  if (Array.isArray(b)) return false;
  const keysA = Object.keys(a);
  if (keysA.length !== Object.keys(b).length) return false;
  return keysA.every((key) => sameData((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]));
}

/** `next` with every view that equals its previous version replaced by that previous object. */
export function reuseUnchanged<T extends { id: string }>(
  previous: ReadonlyMap<string, T>,
  next: readonly T[],
): Map<string, T> {
  const out = new Map<string, T>();
  for (const view of next) {
    const old = previous.get(view.id);
    out.set(view.id, old && sameData(old, view) ? old : view);
  }
  return out;
}

/**
 * Keeps the views of cards and links that did not change from one graph to the next, so the
 * outline's memoized rows re-render only for what changed (the graph is rebuilt on every change).
 */
export class StableViews {
  private nodes = new Map<string, NodeView>();
  private edges = new Map<string, EdgeView>();
  private last: { input: MapGraph; output: MapGraph } | null = null;

  stabilise(graph: MapGraph): MapGraph {
    if (this.last?.input === graph) return this.last.output;
    this.nodes = reuseUnchanged(this.nodes, graph.nodes);
    this.edges = reuseUnchanged(this.edges, graph.edges);
    const output: MapGraph = {
      meta: graph.meta,
      nodes: graph.nodes.map((node) => this.nodes.get(node.id)!),
      edges: graph.edges.map((edge) => this.edges.get(edge.id)!),
      nodeById: this.nodes,
      edgeById: this.edges,
    };
    this.last = { input: graph, output };
    return output;
  }
}
