import type { NodeId } from '../model/ids.ts';
import type { MapJSON } from '../model/mapJson.ts';
import { NODE_KINDS } from '../model/kinds.ts';
import { fromMapJSON } from '../doc/convert.ts';
import { toMapJSON } from '../doc/validMapJson.ts';
import { moveNodes, type NodePosition } from '../doc/operations.ts';
import { setCeiling, setLanes, setNodeBounds } from '../doc/fieldOperations.ts';
import { IMPORT_ORIGIN } from '../doc/origin.ts';
import { readMapGraph, standsOnCanvas, type MapGraph } from '../analysis/graph.ts';
import { autoLayout, DEFAULT_CARD_SIZE } from '../layout/autoLayout.ts';

/**
 * Most cards an import lays out with the layered layout of the Tidy-up button: ELK takes
 * seconds beyond this (7 s for 1,000 cards and links on the benchmark machine, 40 s for 2,500),
 * so larger imports are set out in rows by kind, and the user tidies up the parts they need.
 */
export const LAYERED_IMPORT_MAX_CARDS = 500;

export type ImportLayoutUsed = 'kept' | 'layered' | 'rows';

const GRID_COLUMNS = 20;
const GAP = 40;

/** Cards in rows by kind, the impact on top and activities below, as a theory of change reads. */
function rowsByKind(graph: MapGraph): NodePosition[] {
  const cards = graph.nodes.filter((node) => standsOnCanvas(node) && node.kind !== 'group');
  const positions: NodePosition[] = [];
  let y = 0;
  for (const kind of NODE_KINDS) {
    const ofKind = cards.filter((node) => node.kind === kind);
    ofKind.forEach((node, index) => {
      const column = index % GRID_COLUMNS;
      if (index > 0 && column === 0) y += DEFAULT_CARD_SIZE.height + GAP;
      positions.push({ id: node.id, x: column * (DEFAULT_CARD_SIZE.width + GAP), y });
    });
    if (ofKind.length > 0) y += DEFAULT_CARD_SIZE.height + GAP * 3;
  }
  return positions;
}

/**
 * An imported map as it will be stored: written into a document and read back (so the preview
 * is exactly the JSON the new map exports), laid out as the Tidy-up button lays out a map
 * when the file gave no positions.
 */
export async function layOutImport(
  map: MapJSON,
  positioned: boolean,
): Promise<{ map: MapJSON; layout: ImportLayoutUsed }> {
  const doc = fromMapJSON(map);
  try {
    if (positioned) return { map: toMapJSON(doc), layout: 'kept' };
    const graph = readMapGraph(doc);
    const onCanvas = graph.nodes.filter((node) => standsOnCanvas(node) && node.kind !== 'group').length;
    if (onCanvas > LAYERED_IMPORT_MAX_CARDS) {
      moveNodes(doc, rowsByKind(graph), IMPORT_ORIGIN);
      return { map: toMapJSON(doc), layout: 'rows' };
    }
    const result = await autoLayout(graph);
    doc.transact(() => {
      moveNodes(doc, result.positions, IMPORT_ORIGIN);
      for (const frame of result.frames) setNodeBounds(doc, frame.id as NodeId, frame, IMPORT_ORIGIN);
      if (result.lanes) setLanes(doc, result.lanes, IMPORT_ORIGIN);
      if (result.ceilingY !== null) setCeiling(doc, result.ceilingY, IMPORT_ORIGIN);
    }, IMPORT_ORIGIN);
    return { map: toMapJSON(doc), layout: 'layered' };
  } finally {
    doc.destroy();
  }
}
