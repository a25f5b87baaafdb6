import { MAX_COORDINATE } from './coordinates.ts';
import type { MapJSONV1 } from './mapJsonSchema.ts';

/** The document schema version this code writes. See docs/document-format.md. */
export const SCHEMA_VERSION = 2;
export const MAP_JSON_FORMAT = 'loopmap.map';

export const MAX_TITLE_LENGTH = 200;
export const MAX_LABEL_LENGTH = 2000;
export { MAX_COORDINATE };

export type { MapNodeJSON, MapEdgeJSON, MapMetaJSON, MapJSON, MapJSONV1 } from './mapJsonSchema.ts';

/** A version 1 map as version 2: links' labels become their rationale. */
export function upgradeMapJSON(map: MapJSONV1): unknown {
  return {
    format: MAP_JSON_FORMAT,
    schemaVersion: SCHEMA_VERSION,
    meta: map.meta,
    nodes: map.nodes,
    edges: map.edges.map(({ label, ...edge }) => ({ ...edge, rationale: label })),
  };
}
