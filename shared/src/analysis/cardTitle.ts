import { NODE_KIND_LABELS } from '../model/kinds.ts';
import type { EdgeView, NodeView } from '../doc/layout.ts';
import type { MapGraph } from './graph.ts';

/** Longest title a one-line mention of a card shows (findings, lists, announcements). */
export const MAX_MENTION_LENGTH = 80;

/**
 * A card's title on one line, as lists and findings name it: spaces collapsed, cut with an
 * ellipsis, and "Untitled outcome" (say) when it has none, so a blank card can still be named.
 */
export function cardTitle(node: Pick<NodeView, 'kind' | 'label'>, max: number = MAX_MENTION_LENGTH): string {
  const text = node.label.replace(/\s+/g, ' ').trim();
  if (text === '') return `Untitled ${NODE_KIND_LABELS[node.kind].toLowerCase()}`;
  return text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text;
}

/** A link named by its ends: “Source” → “Target”. */
export function linkTitle(graph: MapGraph, link: Pick<EdgeView, 'source' | 'target'>): string {
  const end = (id: string): string => {
    const node = graph.nodeById.get(id);
    return node ? `“${cardTitle(node)}”` : 'a deleted card';
  };
  return `${end(link.source)} → ${end(link.target)}`;
}
