import { z } from 'zod';
import { MAP_KINDS, NODE_KINDS } from './kinds.ts';

/** The document schema version this code writes. See docs/document-format.md. */
export const SCHEMA_VERSION = 1;
export const MAP_JSON_FORMAT = 'loopmap.map';

export const MAX_TITLE_LENGTH = 200;
export const MAX_LABEL_LENGTH = 2000;
/** Coordinates beyond this are treated as corrupt input. */
export const MAX_COORDINATE = 1e7;

const idSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'ids are 1-64 URL-safe characters');
const coordinate = z.number().finite().min(-MAX_COORDINATE).max(MAX_COORDINATE);

export const mapKindSchema = z.enum(MAP_KINDS);
export const nodeKindSchema = z.enum(NODE_KINDS);

export const mapNodeSchema = z.object({
  id: idSchema,
  kind: nodeKindSchema,
  label: z.string().max(MAX_LABEL_LENGTH),
  x: coordinate,
  y: coordinate,
});

export const mapEdgeSchema = z.object({
  id: idSchema,
  source: idSchema,
  target: idSchema,
  label: z.string().max(MAX_LABEL_LENGTH),
});

export const mapMetaSchema = z.object({
  title: z.string().max(MAX_TITLE_LENGTH),
  kind: mapKindSchema,
});

export const mapJsonSchema = z
  .object({
    format: z.literal(MAP_JSON_FORMAT),
    schemaVersion: z.literal(SCHEMA_VERSION),
    meta: mapMetaSchema,
    nodes: z.array(mapNodeSchema),
    edges: z.array(mapEdgeSchema),
  })
  .superRefine((map, ctx) => {
    const nodeIds = new Set<string>();
    for (const [i, node] of map.nodes.entries()) {
      if (nodeIds.has(node.id)) {
        ctx.addIssue({ code: 'custom', path: ['nodes', i, 'id'], message: `duplicate node id ${node.id}` });
      }
      nodeIds.add(node.id);
    }
    const edgeIds = new Set<string>();
    for (const [i, edge] of map.edges.entries()) {
      if (edgeIds.has(edge.id)) {
        ctx.addIssue({ code: 'custom', path: ['edges', i, 'id'], message: `duplicate edge id ${edge.id}` });
      }
      edgeIds.add(edge.id);
      for (const end of ['source', 'target'] as const) {
        if (!nodeIds.has(edge[end])) {
          ctx.addIssue({
            code: 'custom',
            path: ['edges', i, end],
            message: `link ${edge.id} points at missing node ${edge[end]}`,
          });
        }
      }
    }
  });

export type MapNodeJSON = z.infer<typeof mapNodeSchema>;
export type MapEdgeJSON = z.infer<typeof mapEdgeSchema>;
export type MapMetaJSON = z.infer<typeof mapMetaSchema>;
export type MapJSON = z.infer<typeof mapJsonSchema>;
