import type { NodeId } from '../model/ids.ts';
import type { MapJSON } from '../model/mapJson.ts';
import { fromMapJSON, toMapJSON } from '../doc/convert.ts';
import { moveNodes } from '../doc/operations.ts';
import { setCeiling, setLanes, setNodeBounds } from '../doc/fieldOperations.ts';
import { IMPORT_ORIGIN } from '../doc/origin.ts';
import { readMapGraph } from '../analysis/graph.ts';
import { autoLayout } from '../layout/autoLayout.ts';

/**
 * An imported map as it will be stored: written into a document and read back (so the preview
 * is exactly the JSON the new map exports), laid out as the Tidy-up button lays out a map
 * when the file gave no positions.
 */
export async function layOutImport(map: MapJSON, positioned: boolean): Promise<MapJSON> {
  const doc = fromMapJSON(map);
  try {
    if (!positioned) {
      const result = await autoLayout(readMapGraph(doc));
      doc.transact(() => {
        moveNodes(doc, result.positions, IMPORT_ORIGIN);
        for (const frame of result.frames) setNodeBounds(doc, frame.id as NodeId, frame, IMPORT_ORIGIN);
        if (result.lanes) setLanes(doc, result.lanes, IMPORT_ORIGIN);
        if (result.ceilingY !== null) setCeiling(doc, result.ceilingY, IMPORT_ORIGIN);
      }, IMPORT_ORIGIN);
    }
    return toMapJSON(doc);
  } finally {
    doc.destroy();
  }
}
