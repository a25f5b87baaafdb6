import type * as Y from 'yjs';
import { MAP_JSON_FORMAT, SCHEMA_VERSION, upgradeMapJSON, type MapJSON } from '../model/mapJson.ts';
import { mapJsonSchema, mapJsonV1Schema } from '../model/mapJsonSchema.ts';
import { readMapGraph } from '../analysis/graph.ts';
import { edgeToJSON, metaToJSON, nodeToJSON } from './convert.ts';

// The validated JSON form of a map (zod): apart from convert.ts, so that code which only writes
// JSON into a document does not bring zod into the browser's first load (docs/benchmarks.md,
// "What the map page loads"). The browser reaches it through `@loopmap/shared/map-json`.

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
    meta: metaToJSON(meta),
    nodes: graph.nodes.map(nodeToJSON),
    edges: graph.edges.map(edgeToJSON),
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
