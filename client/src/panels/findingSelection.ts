import type { FindingTarget, MapGraph } from '@loopmap/shared';

/**
 * The cards and links to select on the canvas for a finding's targets. An attached card is not
 * drawn there, so its host (a card or a link) stands in for it.
 */
export function canvasSelection(
  graph: MapGraph,
  targets: readonly FindingTarget[],
): { nodeIds: string[]; edgeIds: string[] } {
  const nodeIds = new Set<string>();
  const edgeIds = new Set<string>();
  for (const target of targets) {
    if (target.kind === 'link') {
      if (graph.edgeById.has(target.id)) edgeIds.add(target.id);
      continue;
    }
    const node = graph.nodeById.get(target.id);
    if (!node) continue;
    if (node.attachedTo === null) nodeIds.add(node.id);
    else if (graph.edgeById.has(node.attachedTo)) edgeIds.add(node.attachedTo);
    else nodeIds.add(node.attachedTo);
  }
  return { nodeIds: [...nodeIds], edgeIds: [...edgeIds] };
}
