import {
  MAP_JSON_FORMAT,
  SCHEMA_VERSION,
  buildMapGraph,
  buildTemplate,
  fromMapJSON,
  mapJsonSchema,
  readMapGraph,
  type EdgeView,
  type LinkRelation,
  type MapEdgeJSON,
  type MapGraph,
  type MapKind,
  type MapNodeJSON,
  type NodeKind,
  type NodeView,
  type TemplateId,
} from '../src/index.ts';

/**
 * Small maps for the analysis tests, written as readable ids and taken through the real path a
 * map travels (validated MapJSON -> Y.Doc -> graph), so what the tests see is what panels see.
 */
export type CardSketch = Omit<MapNodeJSON, 'id' | 'x' | 'y' | 'label'> & { label?: string };

export interface LinkSketch {
  source: string;
  target: string;
  rationale?: string;
  relation?: LinkRelation;
}

/** `link('a', 'b')` reads as "a leads to b", with a rationale unless one is given. */
export const link = (
  source: string,
  target: string,
  extra: Omit<LinkSketch, 'source' | 'target'> = {},
): LinkSketch => ({
  source,
  target,
  rationale: `${source} leads to ${target}`,
  ...extra,
});

export function sketchMap(
  kind: MapKind,
  cards: Record<string, CardSketch>,
  links: Record<string, LinkSketch> = {},
): MapGraph {
  const nodes = Object.entries(cards).map(([id, card], i): MapNodeJSON => ({
    ...card,
    id,
    label: card.label ?? `Card ${id}`,
    x: i * 200,
    y: 0,
  }));
  const edges = Object.entries(links).map(([id, { source, target, rationale = '', relation }]): MapEdgeJSON => ({
    id,
    source,
    target,
    rationale,
    ...(relation ? { relation } : {}),
  }));
  const json = mapJsonSchema.parse({
    format: MAP_JSON_FORMAT,
    schemaVersion: SCHEMA_VERSION,
    meta: { title: 'Sketch', kind },
    nodes,
    edges,
  });
  return readMapGraph(fromMapJSON(json));
}

/** A template's map, with helpers to find its cards and links by title. */
export function templateGraph(id: TemplateId): MapGraph {
  return readMapGraph(fromMapJSON(buildTemplate(id, { title: 'Template', today: '2026-03-02' })));
}

/** The id of the only card whose title starts with `start`. */
export function cardId(graph: MapGraph, start: string): string {
  const found = graph.nodes.filter((node) => node.label.startsWith(start));
  if (found.length !== 1) throw new Error(`${found.length} cards start with “${start}”`);
  return found[0]!.id;
}

/** The id of the link between the cards whose titles start with `from` and `to`. */
export function linkId(graph: MapGraph, from: string, to: string): string {
  const source = cardId(graph, from);
  const target = cardId(graph, to);
  const found = graph.edges.find((edge) => edge.source === source && edge.target === target);
  if (!found) throw new Error(`no link from “${from}” to “${to}”`);
  return found.id;
}

/**
 * A large graph built straight from views, for tests of size (a document round trip of
 * thousands of cards is slow, and not what they measure). Links are named e0, e1, ...
 */
export function bareGraph(
  kind: MapKind,
  cards: readonly [string, NodeKind][],
  ends: readonly [string, string][],
): MapGraph {
  const blank = sketchMap(kind, { n: { kind: 'note', label: '' } }).nodes[0]!;
  return buildMapGraph(
    { schemaVersion: SCHEMA_VERSION, title: 'Big', kind, lanes: null, ceilingY: null },
    cards.map(([id, cardKind]): NodeView => ({ ...blank, id: id as NodeView['id'], kind: cardKind, label: id })),
    ends.map(([source, target], i): EdgeView => ({
      id: `e${i}` as EdgeView['id'],
      source: source as EdgeView['source'],
      target: target as EdgeView['target'],
      label: `${source} leads to ${target}`,
      relation: null,
      confidence: null,
      status: 'hypothesised',
    })),
  );
}
