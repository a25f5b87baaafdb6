import * as Y from 'yjs';
import type { EdgeId, NodeId } from '../model/ids.ts';
import { NODE_FIELD_KEYS } from '../model/fields.ts';
import { type MapEdgeJSON, type MapJSON, type MapMetaJSON, type MapNodeJSON } from '../model/mapJson.ts';
import type { EdgeView, MetaView, NodeView } from './layout.ts';
import { getEdges, type EdgeRecord } from './layout.ts';
import { addNode, initMap, type AddNodeInput } from './operations.ts';
import { makeText } from './primitives.ts';
import { IMPORT_ORIGIN, type Origin } from './origin.ts';

/** A node as JSON: only what is set, in a fixed key order, so equal maps give equal bytes. */
export function nodeToJSON(node: NodeView): MapNodeJSON {
  const out: MapNodeJSON = { id: node.id, kind: node.kind, label: node.label, x: node.x, y: node.y };
  if (node.narrative) out.narrative = node.narrative;
  if (node.tags.length > 0) out.tags = [...node.tags];
  if (node.capabilities.length > 0) out.capabilities = [...node.capabilities];
  if (node.attachedTo) out.attachedTo = node.attachedTo;
  if (node.width !== null) out.width = node.width;
  if (node.height !== null) out.height = node.height;
  if (node.reviews.length > 0) out.reviews = node.reviews.map((entry) => ({ ...entry }));
  if (node.readings.length > 0) out.readings = node.readings.map((entry) => ({ ...entry }));
  if (node.health.length > 0) out.health = node.health.map((entry) => ({ ...entry }));
  for (const key of NODE_FIELD_KEYS) {
    const value = node.fields[key];
    if (value !== null && value !== '') out[key] = value;
  }
  return out;
}

/** The meta record as JSON: lanes and ceiling only when drawn. */
export function metaToJSON(meta: MetaView): MapMetaJSON {
  return {
    title: meta.title,
    kind: meta.kind,
    ...(meta.lanes ? { lanes: { bounds: [...meta.lanes.bounds] } } : {}),
    ...(meta.ceilingY !== null ? { ceilingY: meta.ceilingY } : {}),
  };
}

export function edgeToJSON(edge: EdgeView): MapEdgeJSON {
  const out: MapEdgeJSON = { id: edge.id, source: edge.source, target: edge.target, rationale: edge.label };
  if (edge.relation) out.relation = edge.relation;
  if (edge.confidence) out.confidence = edge.confidence;
  if (edge.status !== 'hypothesised') out.status = edge.status;
  return out;
}

/** Writes a validated MapJSON into a document (empty or not) as one transaction. */
export function writeMapJSON(doc: Y.Doc, map: MapJSON, origin: Origin = IMPORT_ORIGIN): void {
  doc.transact(() => {
    initMap(doc, { ...map.meta, lanes: map.meta.lanes ?? null, ceilingY: map.meta.ceilingY ?? null }, origin);
    for (const node of map.nodes) addNode(doc, addNodeInputOf(node), origin);
    const edges = getEdges(doc);
    for (const edge of map.edges) edges.set(edge.id as EdgeId, edgeRecordOf(edge));
  }, origin);
}

/** What addNode needs to write a card of the JSON form. */
export function addNodeInputOf(node: MapNodeJSON): AddNodeInput {
  const { id, kind, label, x, y, narrative, tags, capabilities, attachedTo, width, height } = node;
  const fields = Object.fromEntries(
    NODE_FIELD_KEYS.filter((key) => node[key] !== undefined).map((key) => [key, node[key]]),
  );
  return {
    id: id as NodeId,
    kind,
    label,
    x,
    y,
    narrative,
    tags,
    capabilities,
    attachedTo,
    width,
    height,
    fields,
    reviews: node.reviews,
    readings: node.readings,
    health: node.health,
  };
}

/**
 * A new link record holding a link of the JSON form. Links are written as they are, not through
 * connect(): a valid map may hold links that connect() refuses to create (two links drawn
 * concurrently between the same pair, or a self-link from another client), and an import or a
 * restore must not silently drop them.
 */
export function edgeRecordOf(edge: MapEdgeJSON): EdgeRecord {
  const record: EdgeRecord = new Y.Map<unknown>();
  record.set('source', edge.source);
  record.set('target', edge.target);
  record.set('label', makeText(edge.rationale));
  if (edge.relation) record.set('relation', edge.relation);
  if (edge.confidence) record.set('confidence', edge.confidence);
  if (edge.status) record.set('status', edge.status);
  return record;
}

/** Builds a fresh document from a MapJSON. */
export function fromMapJSON(map: MapJSON): Y.Doc {
  const doc = new Y.Doc();
  writeMapJSON(doc, map);
  return doc;
}
