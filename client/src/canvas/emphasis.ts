import {
  findPathway,
  isFilterActive,
  matchingCards,
  matchingLinks,
  type MapFilter,
  type MapGraph,
} from '@loopmap/shared';

export interface EmphasisInput {
  /** Pathway highlighting is on. */
  pathway: boolean;
  /** The sole selected card or link, if any. */
  focus: string | null;
  filter: MapFilter;
}

/**
 * What the canvas lights (everything else is dimmed), or null to light everything: the focus's
 * pathway when pathway highlighting is on, the cards and links that match an active filter,
 * and both at once as their intersection.
 */
export function litElements(graph: MapGraph, { pathway, focus, filter }: EmphasisInput): ReadonlySet<string> | null {
  let lit: Set<string> | null = null;
  if (pathway && focus) {
    const found = findPathway(graph, focus);
    if (found) lit = new Set([found.focus, ...found.upstream, ...found.downstream, ...found.links]);
  }
  if (isFilterActive(filter)) {
    const cards = matchingCards(graph, filter);
    const matched = new Set<string>([...cards, ...matchingLinks(graph, filter)]);
    // A link between two matching cards is part of what matched.
    for (const edge of graph.edges) if (cards.has(edge.source) && cards.has(edge.target)) matched.add(edge.id);
    lit = lit ? new Set([...lit].filter((id) => matched.has(id))) : matched;
  }
  return lit;
}
