import * as Y from 'yjs';
import type { NodeId } from '../model/ids.ts';
import { MAP_JSON_FORMAT, SCHEMA_VERSION, mapJsonSchema, type MapJSON } from '../model/mapJson.ts';
import { getEdges, readLiveEdges, readMeta, readNodes, type EdgeRecord } from './layout.ts';
import { addNode, initMap } from './operations.ts';
import { IMPORT_ORIGIN, type Origin } from './origin.ts';

const byId = (a: { id: string }, b: { id: string }): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * The versioned JSON form of a map: what exports write and imports read. Deterministic (records
 * sorted by id), dangling links left out, and validated, so two replicas that converged give the
 * same JSON byte for byte.
 */
export function toMapJSON(doc: Y.Doc): MapJSON {
  const meta = readMeta(doc);
  const json = {
    format: MAP_JSON_FORMAT,
    schemaVersion: SCHEMA_VERSION,
    meta: { title: meta.title, kind: meta.kind },
    nodes: readNodes(doc)
      .sort(byId)
      .map(({ id, kind, label, x, y }) => ({ id, kind, label, x, y })),
    edges: readLiveEdges(doc)
      .sort(byId)
      .map(({ id, source, target, label }) => ({ id, source, target, label })),
  };
  return mapJsonSchema.parse(json);
}

export type ParseMapResult = { ok: true; map: MapJSON } | { ok: false; message: string };

/** Validates untrusted JSON as a MapJSON, with a readable message on failure. */
export function parseMapJSON(input: unknown): ParseMapResult {
  const result = mapJsonSchema.safeParse(input);
  if (result.success) return { ok: true, map: result.data };
  const issue = result.error.issues[0];
  const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
  return { ok: false, message: `${where}${issue?.message ?? 'invalid map'}` };
}

/** Writes a validated MapJSON into a document (empty or not) as one transaction. */
export function writeMapJSON(doc: Y.Doc, map: MapJSON, origin: Origin = IMPORT_ORIGIN): void {
  doc.transact(() => {
    initMap(doc, map.meta, origin);
    for (const node of map.nodes) addNode(doc, { ...node, id: node.id as NodeId }, origin);
    // Links are written as they are, not through connect(): a valid map may hold links that
    // connect() refuses to create (two links drawn concurrently between the same pair, or a
    // self-link from another client), and an import must not silently drop them.
    const edges = getEdges(doc);
    for (const edge of map.edges) {
      const record: EdgeRecord = new Y.Map<unknown>();
      record.set('source', edge.source);
      record.set('target', edge.target);
      record.set('label', new Y.Text(edge.label));
      edges.set(edge.id, record);
    }
  }, origin);
}

/** Builds a fresh document from a MapJSON. */
export function fromMapJSON(map: MapJSON): Y.Doc {
  const doc = new Y.Doc();
  writeMapJSON(doc, map);
  return doc;
}
