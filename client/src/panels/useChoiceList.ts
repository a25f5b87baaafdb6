import { useRef } from 'react';
import type { MapGraph } from '@loopmap/shared';

/**
 * What a list of cards or links in a panel depends on: which cards and links there are, their
 * kinds, titles and hosts, never where they stand. A drop on the canvas rebuilds the graph but
 * leaves this key as it was, so lists keyed on it keep their elements (on a 1,000-card map,
 * re-sorting and re-rendering the inspector's thousand-option lists took 100-190 ms per drop).
 */
export function choiceKey(graph: MapGraph): string {
  let key = '';
  for (const node of graph.nodes)
    key += `${node.id}\u0000${node.kind}\u0000${node.label}\u0000${node.attachedTo ?? ''}\u0001`;
  for (const edge of graph.edges) key += `${edge.id}\u0000${edge.source}\u0000${edge.target}\u0001`;
  return key;
}

/** `make()`'s value, made again only when `key` changes (the rendered options included). */
export function useChoiceList<T>(key: string, make: () => T): T {
  const memo = useRef<{ key: string; value: T } | null>(null);
  if (memo.current?.key !== key) memo.current = { key, value: make() };
  return memo.current.value;
}
