import type { MapDiff, MapJSON, MapNodeJSON, Translate } from '@loopmap/shared';
import type { ElementMark, MarkState } from './projectMap.ts';

/**
 * A comparison drawn on one canvas: the later map, with what was removed put back as ghosts
 * (from the diff's `before`), and a mark on every card and link that differs. Pure.
 *
 * Removed cards that were attached come back standing on their own: a ghost hidden inside its
 * host's badge count would be invisible, and would make the count lie about the later map.
 * Removed links come back when both their ends are drawn (in the later map, or as ghosts).
 */
export interface CompareOverlay {
  map: MapJSON;
  marks: Map<string, ElementMark>;
}

export function compareOverlay(later: MapJSON, diff: MapDiff): CompareOverlay {
  const marks = new Map<string, ElementMark>();
  const ghosts: MapNodeJSON[] = [];
  const present = new Set(later.nodes.map((node) => node.id));

  for (const card of diff.cards) {
    if (card.state === 'removed') {
      if (!card.before || present.has(card.id)) continue;
      const { attachedTo: _attachedTo, ...ghost } = card.before;
      ghosts.push(ghost);
      present.add(card.id);
      marks.set(card.id, { states: ['removed'] });
      continue;
    }
    if (card.state === 'added') {
      marks.set(card.id, { states: ['added'] });
      continue;
    }
    const states: MarkState[] = [];
    if (card.fields.length > 0) states.push('changed');
    if (card.moved) states.push('moved');
    if (states.length === 0) continue;
    const before = card.before;
    marks.set(
      card.id,
      card.moved && before
        ? {
            states,
            was: {
              x: before.x,
              y: before.y,
              ...(before.width !== undefined ? { width: before.width } : {}),
              ...(before.height !== undefined ? { height: before.height } : {}),
            },
          }
        : { states },
    );
  }

  const ghostLinks = [];
  const linkIds = new Set(later.edges.map((edge) => edge.id));
  for (const link of diff.links) {
    if (link.state === 'removed') {
      const before = link.before;
      if (!before || linkIds.has(link.id) || !present.has(before.source) || !present.has(before.target)) continue;
      ghostLinks.push(before);
      marks.set(link.id, { states: ['removed'] });
    } else if (link.state === 'added') {
      marks.set(link.id, { states: ['added'] });
    } else if (link.fields.length > 0) {
      marks.set(link.id, { states: ['changed'] });
    }
  }

  const map: MapJSON =
    ghosts.length === 0 && ghostLinks.length === 0
      ? later
      : { ...later, nodes: [...later.nodes, ...ghosts], edges: [...later.edges, ...ghostLinks] };
  return { map, marks };
}

/** "5 added, 2 removed, 7 changed, 3 moved" (the parts that are not zero), or "No changes". */
export function describeCounts(t: Translate, counts: MapDiff['counts']): string {
  const parts = (['added', 'removed', 'changed', 'moved'] as const)
    .filter((key) => counts[key] > 0)
    .map((key) => t(`history:compare.counts.${key}`, { count: counts[key] }));
  return parts.length > 0 ? parts.join(t('history:change.listSeparator')) : t('history:compare.noChanges');
}
