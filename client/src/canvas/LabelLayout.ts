import type { Edge, Node, XYPosition } from '@xyflow/react';
import { linkStatusLabel, relationLabel } from '../i18n/domainText.ts';
import { linkGeometry, type Box } from './floatingEdgeGeometry.ts';
import {
  hasLabel,
  labelSizes,
  placeLabels,
  placementBox,
  type LabelContent,
  type LabelPlacement,
  type LabelRequest,
} from './labelPlacement.ts';
import { CardGrid, routeAround, routedPoints } from './linkRouting.ts';
import { CARD_HEIGHT, CARD_WIDTH, type LinkData } from './toFlow.ts';

/** What the labels' layout reads: FlowStore and VersionFlowStore both are. */
export interface LabelSource {
  subscribe(listener: () => void): () => void;
  getNodes(): readonly Node[];
  getEdges(): readonly Edge<LinkData>[];
}

/** What a link's label shows, for its size (see labelSizes). */
export function linkLabelContent(data: LinkData | undefined): LabelContent {
  const attached = data?.attached;
  const badges =
    (attached?.assumptions ? 1 : 0) +
    (attached?.indicators ? 1 : 0) +
    (attached?.evidence ? 1 : 0) +
    ((data?.comments ?? 0) > 0 ? 1 : 0);
  return {
    relation: data?.relation ? relationLabel(data.relation) : '',
    status: data && data.status !== 'hypothesised' ? linkStatusLabel(data.status) : '',
    text: data?.label ?? '',
    badges,
  };
}

function boxOfNode(node: Node): Box {
  return {
    x: node.position.x,
    y: node.position.y,
    width: node.measured?.width ?? node.width ?? CARD_WIDTH,
    height: node.measured?.height ?? node.height ?? CARD_HEIGHT,
  };
}

/** Frames are drawn under the cards: a label may sit inside one. */
const isObstacle = (node: Node): boolean => (node.data as { kind?: string } | undefined)?.kind !== 'group';

/** A link's detour around cards (see linkRouting), for the boxes of its two cards it was made for. */
export interface LinkRoute {
  /** The whole polyline, from the source card's border to the target card's. */
  points: XYPosition[];
  source: Box;
  target: Box;
}

export interface LinkLayout {
  placements: Map<string, LabelPlacement>;
  routes: Map<string, LinkRoute>;
}

/**
 * Where every link runs (a detour around the cards its curve would cross, see routeAround) and
 * where every label goes (see placeLabels), for these cards and links. Cards without a measured
 * size count at the usual card size (with onlyRenderVisibleElements, cards outside the view are
 * never measured).
 */
export function layoutLinks(nodes: readonly Node[], edges: readonly Edge<LinkData>[]): LinkLayout {
  const boxes = new Map<string, Box>();
  const obstacles: Box[] = [];
  for (const node of nodes) {
    const box = boxOfNode(node);
    boxes.set(node.id, box);
    if (isObstacle(node)) obstacles.push(box);
  }
  const grid = new CardGrid(obstacles);
  const requests: LabelRequest[] = [];
  const routes = new Map<string, LinkRoute>();
  for (const edge of edges) {
    const source = boxes.get(edge.source);
    const target = boxes.get(edge.target);
    if (!source || !target) continue;
    const reverse = edge.data?.reverse ?? false;
    const waypoints = routeAround(source, target, grid, reverse);
    const points = waypoints ? routedPoints(source, target, waypoints) : undefined;
    if (points) routes.set(edge.id, { points, source, target });
    const content = linkLabelContent(edge.data);
    if (!hasLabel(content)) continue;
    const { curve } = linkGeometry(source, target, reverse);
    requests.push({ id: edge.id, curve, points, sizes: labelSizes(content) });
  }
  return { placements: placeLabels(obstacles, requests), routes };
}

/** Where every label goes (see layoutLinks). */
export function layoutLabels(nodes: readonly Node[], edges: readonly Edge<LinkData>[]): Map<string, LabelPlacement> {
  return layoutLinks(nodes, edges).placements;
}

const sameBox = (a: Box, b: Box): boolean => a.x === b.x && a.y === b.y && a.width === b.width && a.height === b.height;

const sameRoute = (a: LinkRoute | undefined, b: LinkRoute | undefined): boolean =>
  a === b ||
  (a !== undefined &&
    b !== undefined &&
    sameBox(a.source, b.source) &&
    sameBox(a.target, b.target) &&
    a.points.length === b.points.length &&
    a.points.every((point, i) => point.x === b.points[i]!.x && point.y === b.points[i]!.y));

/** Whether a route was made for these two boxes (it goes stale while a card is dragged). */
export function routeFits(route: LinkRoute | undefined, source: Box | null, target: Box | null): route is LinkRoute {
  return (
    route !== undefined &&
    source !== null &&
    target !== null &&
    sameBox(route.source, source) &&
    sameBox(route.target, target)
  );
}

const samePlacement = (a: LabelPlacement | undefined, b: LabelPlacement | undefined): boolean =>
  a === b ||
  (a !== undefined &&
    b !== undefined &&
    a.t === b.t &&
    a.mode === b.mode &&
    a.width === b.width &&
    a.height === b.height &&
    a.lines === b.lines);

const now = (): number => (typeof performance === 'undefined' ? Date.now() : performance.now());

/**
 * Whether cards are where they were, at the size they were: React Flow replaces a node object
 * to select it but keeps its position and measured size objects.
 */
function sameNodeGeometry(a: readonly Node[], b: readonly Node[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x === y) continue;
    if (x.id !== y.id || x.position !== y.position || x.measured !== y.measured || x.data !== y.data) return false;
  }
  return true;
}

/** Whether the links join the same cards and say the same (selection aside). */
function sameEdgeContent(a: readonly Edge<LinkData>[], b: readonly Edge<LinkData>[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x === y) continue;
    if (x.id !== y.id || x.source !== y.source || x.target !== y.target || x.data !== y.data) return false;
  }
  return true;
}

const nextFrame = (run: () => void, delay: number): void => {
  const frame = (): void => {
    if (typeof requestAnimationFrame === 'function') requestAnimationFrame(run);
    else queueMicrotask(run);
  };
  if (delay > 0) setTimeout(frame, delay);
  else frame();
};

/**
 * The placement of every link label of a canvas, recomputed once for all links when cards or
 * links change (at most once a frame), and never during a drag: a label keeps its spot along
 * its link (its parameter t), so it follows the link while cards move, and is placed again when
 * the drag ends. Each edge subscribes to its own label only, and hears about it only when its
 * placement changed, so a recomputation re-renders just the labels that moved.
 *
 * It also knows which link has keyboard focus (React Flow's edge group, outside the label's
 * portal), so that link's label can show in full.
 */
export class LabelLayout {
  private placements = new Map<string, LabelPlacement>();
  private routes = new Map<string, LinkRoute>();
  private readonly listeners = new Map<string, Set<() => void>>();
  private nodes: readonly Node[] | null = null;
  private edges: readonly Edge<LinkData>[] | null = null;
  private scheduled = false;
  private focused: string | null = null;
  private lastDuration = 0;
  private lastEnd = 0;
  private readonly stop: () => void;

  constructor(
    private readonly source: LabelSource,
    /** Runs a placement on a later frame, at least `delay` ms from now. */
    private readonly schedule: (run: () => void, delay: number) => void = nextFrame,
  ) {
    this.stop = source.subscribe(this.onChange);
    this.recompute();
  }

  dispose(): void {
    this.stop();
  }

  /** A link's label placement (undefined before the first placement, or for a link without one). */
  get = (id: string): LabelPlacement | undefined => this.placements.get(id);

  isFocused = (id: string): boolean => this.focused === id;

  /** A link's detour around cards (undefined: it keeps its curve). */
  route = (id: string): LinkRoute | undefined => this.routes.get(id);

  subscribeTo(id: string, listener: () => void): () => void {
    let set = this.listeners.get(id);
    if (!set) this.listeners.set(id, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(id);
    };
  }

  /** The link whose edge has keyboard focus (null: none). */
  setFocused(id: string | null): void {
    if (id === this.focused) return;
    const before = this.focused;
    this.focused = id;
    if (before) this.notify(before);
    if (id) this.notify(id);
  }

  /**
   * The boxes of the labels on the canvas in flow coordinates, as last placed: for placing
   * something new (a card) where no label is.
   */
  labelBoxes(): Box[] {
    return [...this.placements.values()].map(placementBox);
  }

  private onChange = (): void => {
    if (this.source.getNodes() === this.nodes && this.source.getEdges() === this.edges) return;
    if (this.scheduled) return;
    this.scheduled = true;
    // On a large map a placement takes a few tens of milliseconds: while cards keep moving (a
    // layout animation, a peer's drag), place at most about a fifth of the time.
    const wait = this.lastDuration * 4 - (now() - this.lastEnd);
    const run = (): void => {
      this.scheduled = false;
      this.recompute();
    };
    this.schedule(run, Math.max(0, wait));
  };

  private recompute(): void {
    const nodes = this.source.getNodes();
    const edges = this.source.getEdges();
    if (nodes === this.nodes && edges === this.edges) return;
    // During a drag labels keep their spot along their link; the drag's end places them again.
    if (nodes.some((node) => node.dragging)) return;
    const prevNodes = this.nodes;
    const prevEdges = this.edges;
    this.nodes = nodes;
    this.edges = edges;
    // A selection or a class changed, not where anything is nor what a label says.
    if (prevNodes && prevEdges && sameNodeGeometry(prevNodes, nodes) && sameEdgeContent(prevEdges, edges)) return;
    const started = now();
    const before = this.placements;
    const routesBefore = this.routes;
    const { placements, routes } = layoutLinks(nodes, edges);
    // An unchanged route keeps its object, so its edge's snapshot does not change.
    for (const [id, route] of routes) {
      const old = routesBefore.get(id);
      if (old && sameRoute(old, route)) routes.set(id, old);
    }
    this.placements = placements;
    this.routes = routes;
    this.lastEnd = now();
    this.lastDuration = this.lastEnd - started;
    for (const id of this.listeners.keys()) {
      if (!samePlacement(before.get(id), placements.get(id)) || routesBefore.get(id) !== routes.get(id)) {
        this.notify(id);
      }
    }
  }

  private notify(id: string): void {
    for (const listener of this.listeners.get(id) ?? []) listener();
  }
}

const layouts = new WeakMap<LabelSource, LabelLayout>();

/** The label layout of a canvas's store (one per store, made on first use). */
export function labelLayoutOf(source: LabelSource): LabelLayout {
  let layout = layouts.get(source);
  if (!layout) layouts.set(source, (layout = new LabelLayout(source)));
  return layout;
}

/** The boxes of a canvas's link labels in flow coordinates (see LabelLayout.labelBoxes). */
export function labelBoxesOf(source: LabelSource): Box[] {
  return labelLayoutOf(source).labelBoxes();
}

/**
 * Focus handlers for the canvas container: a link whose edge gets keyboard focus shows its
 * whole label (the label is in another layer, so CSS cannot see the edge's focus). Not mouse
 * focus: a click on a link focuses it, and a label growing under the pointer between the press
 * and the release would take the click.
 */
export function linkFocusHandlers(layout: LabelLayout): {
  onFocus: (event: { target: EventTarget }) => void;
  onBlur: (event: { target: EventTarget }) => void;
} {
  const edgeId = (target: EventTarget): string | null =>
    target instanceof Element && target.matches('.react-flow__edge') ? target.getAttribute('data-id') : null;
  return {
    onFocus: (event) => {
      const id = edgeId(event.target);
      layout.setFocused(id !== null && (event.target as Element).matches(':focus-visible') ? id : null);
    },
    onBlur: (event) => {
      if (edgeId(event.target) !== null) layout.setFocused(null);
    },
  };
}
