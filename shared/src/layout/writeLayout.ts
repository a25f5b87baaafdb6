import type * as Y from 'yjs';
import type { NodeId } from '../model/ids.ts';
import type { Level } from '../model/fields.ts';
import { moveNodesAcrossLanes } from '../doc/operations.ts';
import { setCeiling, setLanes, setNodeBounds } from '../doc/fieldOperations.ts';
import type { Origin } from '../doc/origin.ts';
import type { LayoutResult } from './autoLayout.ts';

/**
 * Writes an automatic layout as ONE change (one undo step, one message to peers): the lanes
 * first, then the moves, then the refitted frames and the ceiling. A card with a level that the
 * layout places in a lane takes that lane's level, exactly as a card dropped there by hand does
 * (moveNodesAcrossLanes against the new lanes): a card drawn in the institutional lane must not
 * read "Not set" in the inspector. Returns the cards whose level changed.
 */
export function writeLayout(doc: Y.Doc, result: LayoutResult, origin: Origin): { id: NodeId; level: Level }[] {
  let relevelled: { id: NodeId; level: Level }[] = [];
  doc.transact(() => {
    if (result.lanes) setLanes(doc, result.lanes, origin);
    relevelled = moveNodesAcrossLanes(doc, result.positions, origin);
    for (const { id, ...bounds } of result.frames) setNodeBounds(doc, id, bounds, origin);
    if (result.ceilingY !== null) setCeiling(doc, result.ceilingY, origin);
  }, origin);
  return relevelled;
}
