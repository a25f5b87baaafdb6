/**
 * What the layout benchmark times, the same in Node and in the page (bench/lib/layoutPage.ts):
 * one random theory of change laid out three ways.
 *
 * - ours: `autoLayout` as the canvas will call it (ranks, partitions, lanes, ceiling).
 * - oursWithoutLanes: `autoLayout` of the same cards and links read as a partnership map: the
 *   same ELK options, but no ranks, partitions or lanes. The difference is what lanes cost.
 * - plainElk: ELK Layered with its default options on the same cards and links, no partitions:
 *   what anyone would get from elkjs out of the box.
 */
import ELK, { type ElkNode } from 'elkjs/lib/elk.bundled.js';
import {
  DEFAULT_CARD_SIZE,
  autoLayout,
  fromMapJSON,
  laneBand,
  readMapGraph,
  type LayoutResult,
  type MapGraph,
} from '@loopmap/shared';
import { randomTocMap } from './randomTocMap.ts';

export const VARIANTS = ['ours', 'oursWithoutLanes', 'plainElk'] as const;
export type Variant = (typeof VARIANTS)[number];

export interface LayoutCase {
  cards: number;
  links: number;
  feedback: number;
  graph: MapGraph;
  asPartnership: MapGraph;
  plain: ElkNode;
}

export function layoutCase(cards: number, seed = 1): LayoutCase {
  const made = randomTocMap(cards, seed);
  const graph = readMapGraph(fromMapJSON(made.map));
  const onCanvas = graph.nodes.filter((node) => node.attachedTo === null && node.kind !== 'group');
  const ids = new Set(onCanvas.map((node) => node.id as string));
  const links = graph.edges.filter(
    (edge) => ids.has(edge.source) && ids.has(edge.target) && edge.source !== edge.target,
  );
  return {
    cards: onCanvas.length,
    links: links.length,
    feedback: made.feedback,
    graph,
    asPartnership: { ...graph, meta: { ...graph.meta, kind: 'partnership', lanes: null, ceilingY: null } },
    plain: {
      id: 'root',
      layoutOptions: { 'elk.algorithm': 'layered' },
      children: onCanvas.map((node) => ({ id: node.id, ...DEFAULT_CARD_SIZE })),
      edges: links.map((edge) => ({ id: edge.id, sources: [edge.source], targets: [edge.target] })),
    },
  };
}

let plainElk: InstanceType<typeof ELK> | null = null;

/** Lays the case out one way; returns the wall time in ms (and our result, for checks). */
export async function timeVariant(
  layout: LayoutCase,
  variant: Variant,
): Promise<{ ms: number; result: LayoutResult | null }> {
  const started = performance.now();
  let result: LayoutResult | null = null;
  if (variant === 'ours') result = await autoLayout(layout.graph);
  else if (variant === 'oursWithoutLanes') await autoLayout(layout.asPartnership);
  else await (plainElk ??= new ELK()).layout(structuredClone(layout.plain));
  return { ms: performance.now() - started, result };
}

/** What a user would see as broken in our result: overlapping cards, levelled cards out of their lanes. */
export function problems(layout: LayoutCase, result: LayoutResult): string[] {
  const found: string[] = [];
  const moved = new Map(result.positions.map((position) => [position.id as string, position]));
  const cards = layout.graph.nodes
    .filter((node) => node.attachedTo === null && node.kind !== 'group')
    .map((node) => ({ node, ...(moved.get(node.id) ?? node), ...DEFAULT_CARD_SIZE }));
  const sorted = [...cards].sort((a, b) => a.x - b.x);
  for (let i = 0; i < sorted.length; i++) {
    const a = sorted[i]!;
    for (let j = i + 1; j < sorted.length && sorted[j]!.x < a.x + a.width; j++) {
      const b = sorted[j]!;
      if (a.y < b.y + b.height && b.y < a.y + a.height) found.push(`${a.node.id} overlaps ${b.node.id}`);
    }
  }
  if (result.lanes) {
    for (const card of cards) {
      const level = card.node.fields.level;
      if (level === null || (card.node.kind !== 'outcome' && card.node.kind !== 'precondition')) continue;
      const band = laneBand(result.lanes, level);
      if (card.y < band.top || card.y + card.height > band.bottom) found.push(`${card.node.id} is out of its lane`);
    }
  }
  return found;
}

/** The size of the laid-out map (its cards' bounding box). */
export function extent(layout: LayoutCase, result: LayoutResult): { width: number; height: number } {
  const moved = new Map(result.positions.map((position) => [position.id as string, position]));
  const boxes = layout.graph.nodes
    .filter((node) => node.attachedTo === null && node.kind !== 'group')
    .map((node) => moved.get(node.id) ?? node);
  const xs = boxes.map((box) => box.x);
  const ys = boxes.map((box) => box.y);
  return {
    width: Math.max(...xs) - Math.min(...xs) + DEFAULT_CARD_SIZE.width,
    height: Math.max(...ys) - Math.min(...ys) + DEFAULT_CARD_SIZE.height,
  };
}
