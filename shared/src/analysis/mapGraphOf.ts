import { NODE_FIELDS, NODE_FIELD_KEYS, type NodeFields } from '../model/fields.ts';
import { SCHEMA_VERSION, type MapEdgeJSON, type MapJSON, type MapNodeJSON } from '../model/mapJson.ts';
import { byDate } from '../model/entries.ts';
import { DEFAULT_GROUP_SIZE, type EdgeView, type NodeView } from '../doc/layout.ts';
import type { EdgeId, NodeId } from '../model/ids.ts';
import { buildMapGraph, type MapGraph } from './graph.ts';

/**
 * A map's JSON form read as the document reader reads a live map: the same views, the same
 * attachments resolved, so renderers and reports see exactly what the canvas shows.
 */

/** A card as the document reader would give it, from its JSON form. */
export function nodeViewOf(json: MapNodeJSON): NodeView {
  const fields = {} as Record<string, unknown>;
  for (const key of NODE_FIELD_KEYS) fields[key] = NODE_FIELDS[key].parse(json[key]);
  const isGroup = json.kind === 'group';
  return {
    id: json.id as NodeId,
    kind: json.kind,
    label: json.label,
    x: json.x,
    y: json.y,
    narrative: json.narrative ?? '',
    tags: json.tags ?? [],
    fields: fields as NodeFields,
    capabilities: json.capabilities ?? [],
    attachedTo: json.attachedTo ?? null,
    width: isGroup ? (json.width ?? DEFAULT_GROUP_SIZE.width) : null,
    height: isGroup ? (json.height ?? DEFAULT_GROUP_SIZE.height) : null,
    reviews: byDate(json.reviews ?? []),
    readings: byDate(json.readings ?? []),
    health: byDate(json.health ?? []),
  };
}

export function edgeViewOf(json: MapEdgeJSON): EdgeView {
  return {
    id: json.id as EdgeId,
    source: json.source as NodeId,
    target: json.target as NodeId,
    label: json.rationale,
    relation: json.relation ?? null,
    confidence: json.confidence ?? null,
    status: json.status ?? 'hypothesised',
  };
}

/** A MapJSON as the graph the document reader would give (attachments resolved). */
export function mapGraphOf(map: MapJSON): MapGraph {
  return buildMapGraph(
    {
      schemaVersion: SCHEMA_VERSION,
      title: map.meta.title,
      kind: map.meta.kind,
      lanes: map.meta.lanes ? { bounds: map.meta.lanes.bounds } : null,
      ceilingY: map.meta.ceilingY ?? null,
    },
    map.nodes.map(nodeViewOf),
    map.edges.map(edgeViewOf),
  );
}
