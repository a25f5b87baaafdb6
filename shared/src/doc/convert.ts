import * as Y from 'yjs';
import type { EdgeId, NodeId } from '../model/ids.ts';
import { NODE_FIELD_KEYS } from '../model/fields.ts';
import {
  MAP_JSON_FORMAT,
  SCHEMA_VERSION,
  mapJsonSchema,
  mapJsonV1Schema,
  upgradeMapJSON,
  type MapEdgeJSON,
  type MapJSON,
  type MapNodeJSON,
} from '../model/mapJson.ts';
import { readMapGraph } from '../analysis/graph.ts';
import type { EdgeView, NodeView } from './layout.ts';
import { getEdges, type EdgeRecord } from './layout.ts';
import { addNode, initMap, type AddNodeInput } from './operations.ts';
import { makeText } from './primitives.ts';
import { IMPORT_ORIGIN, type Origin } from './origin.ts';

/** A node as JSON: only what is set, in a fixed key order, so equal maps give equal bytes. */
function nodeJSON(node: NodeView): MapNodeJSON {
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

function edgeJSON(edge: EdgeView): MapEdgeJSON {
  const out: MapEdgeJSON = { id: edge.id, source: edge.source, target: edge.target, rationale: edge.label };
  if (edge.relation) out.relation = edge.relation;
  if (edge.confidence) out.confidence = edge.confidence;
  if (edge.status !== 'hypothesised') out.status = edge.status;
  return out;
}

/**
 * The versioned JSON form of a map: what exports write and imports read. Deterministic (records
 * sorted by id, only set keys), dangling links and attachments left out, and validated, so two
 * replicas that converged give the same JSON byte for byte.
 */
export function toMapJSON(doc: Y.Doc): MapJSON {
  const graph = readMapGraph(doc);
  const { meta } = graph;
  const json = {
    format: MAP_JSON_FORMAT,
    schemaVersion: SCHEMA_VERSION,
    meta: {
      title: meta.title,
      kind: meta.kind,
      ...(meta.lanes ? { lanes: { bounds: [...meta.lanes.bounds] } } : {}),
      ...(meta.ceilingY !== null ? { ceilingY: meta.ceilingY } : {}),
    },
    nodes: graph.nodes.map(nodeJSON),
    edges: graph.edges.map(edgeJSON),
  };
  return mapJsonSchema.parse(json);
}

export type ParseMapResult = { ok: true; map: MapJSON } | { ok: false; message: string };

function firstIssue(error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] }): string {
  const issue = error.issues[0];
  const where = issue && issue.path.length > 0 ? `${issue.path.map(String).join('.')}: ` : '';
  return `${where}${issue?.message ?? 'invalid map'}`;
}

/**
 * Validates untrusted JSON as a MapJSON, with a readable message on failure. Version 1 maps
 * (from before cards had details) are accepted and upgraded.
 */
export function parseMapJSON(input: unknown): ParseMapResult {
  let candidate = input;
  if (typeof input === 'object' && input !== null && (input as { schemaVersion?: unknown }).schemaVersion === 1) {
    const v1 = mapJsonV1Schema.safeParse(input);
    if (!v1.success) return { ok: false, message: firstIssue(v1.error) };
    candidate = upgradeMapJSON(v1.data);
  }
  const result = mapJsonSchema.safeParse(candidate);
  if (result.success) return { ok: true, map: result.data };
  return { ok: false, message: firstIssue(result.error) };
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
