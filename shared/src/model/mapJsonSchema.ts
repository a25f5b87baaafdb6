import { z } from 'zod';
import { MAP_KINDS, NODE_KINDS, isAttachableKind } from './kinds.ts';
import { MAX_COORDINATE } from './coordinates.ts';
import { MIN_LANE_HEIGHT } from './lanes.ts';
import {
  FIVE_CAPABILITIES,
  HEALTH_DIMENSIONS,
  LINK_RELATIONS,
  LINK_STATUSES,
  LOW_MEDIUM_HIGH,
  ASSUMPTION_STATES,
  MAX_ENTRIES,
  MAX_GROUP_SIZE,
  MAX_NARRATIVE_LENGTH,
  MAX_NOTE_LENGTH,
  MAX_TAGS,
  MAX_TAG_LENGTH,
  MIN_GROUP_SIZE,
  NODE_FIELDS,
  NODE_FIELD_KEYS,
  NODE_FIELD_LABELS,
  RAG_STATUSES,
  parseDate,
  type NodeFieldKey,
} from './fields.ts';
import { MAP_JSON_FORMAT, MAX_LABEL_LENGTH, MAX_TITLE_LENGTH, SCHEMA_VERSION } from './mapJson.ts';

// The map's JSON form as zod schemas, for the server and imports: its own module, so the
// browser's first load (which needs only the constants and types in mapJson.ts) holds no zod
// (docs/benchmarks.md, "What the map page loads").

const ID_RULE = /^[A-Za-z0-9_-]{1,64}$/;
const idSchema = z.string().regex(ID_RULE, 'ids are 1-64 URL-safe characters');
const coordinate = z.number().finite().min(-MAX_COORDINATE).max(MAX_COORDINATE);
const date = z.string().refine((value) => parseDate(value) !== null, 'dates are real days written YYYY-MM-DD');
const note = z.string().max(MAX_NOTE_LENGTH);
const by = z.string().max(120);

export const mapKindSchema = z.enum(MAP_KINDS);
export const nodeKindSchema = z.enum(NODE_KINDS);

/** A scalar field is valid in JSON when its parser keeps it exactly as it is. */
const fieldSchemas = Object.fromEntries(
  NODE_FIELD_KEYS.map((key) => [
    key,
    z
      .string()
      .refine(
        (value) => NODE_FIELDS[key].parse(value) === value && value !== '',
        `not a valid ${NODE_FIELD_LABELS[key].toLowerCase()}`,
      )
      .optional(),
  ]),
) as Record<NodeFieldKey, z.ZodOptional<z.ZodString>>;

const reviewSchema = z.object({
  id: idSchema,
  date,
  status: z.enum(ASSUMPTION_STATES),
  note,
  by,
});
const readingSchema = z.object({ id: idSchema, date, value: z.string().min(1).max(60), note, by });
const healthSchema = z.object({
  id: idSchema,
  date,
  dimension: z.enum(HEALTH_DIMENSIONS),
  rating: z.enum(RAG_STATUSES),
  note,
  by,
});

export const mapNodeSchema = z.object({
  id: idSchema,
  kind: nodeKindSchema,
  label: z.string().max(MAX_LABEL_LENGTH),
  x: coordinate,
  y: coordinate,
  narrative: z.string().max(MAX_NARRATIVE_LENGTH).optional(),
  tags: z.array(z.string().min(1).max(MAX_TAG_LENGTH)).max(MAX_TAGS).optional(),
  capabilities: z.array(z.enum(FIVE_CAPABILITIES)).optional(),
  attachedTo: idSchema.optional(),
  width: z.number().finite().min(MIN_GROUP_SIZE).max(MAX_GROUP_SIZE).optional(),
  height: z.number().finite().min(MIN_GROUP_SIZE).max(MAX_GROUP_SIZE).optional(),
  reviews: z.array(reviewSchema).max(MAX_ENTRIES).optional(),
  readings: z.array(readingSchema).max(MAX_ENTRIES).optional(),
  health: z.array(healthSchema).max(MAX_ENTRIES).optional(),
  ...fieldSchemas,
});

export const mapEdgeSchema = z.object({
  id: idSchema,
  source: idSchema,
  target: idSchema,
  /** Why the source leads to the target. */
  rationale: z.string().max(MAX_LABEL_LENGTH),
  relation: z.enum(LINK_RELATIONS).optional(),
  confidence: z.enum(LOW_MEDIUM_HIGH).optional(),
  status: z.enum(LINK_STATUSES).optional(),
});

// As parseLanes reads them: lanes a reader would not draw are refused rather than lost on import.
const lanesSchema = z.object({
  bounds: z
    .tuple([coordinate, coordinate, coordinate, coordinate])
    .refine((b) => b[0] < b[1] && b[1] < b[2] && b[2] < b[3], 'lane bounds increase from top to bottom')
    .refine(
      (b) => b[1] - b[0] >= MIN_LANE_HEIGHT && b[2] - b[1] >= MIN_LANE_HEIGHT && b[3] - b[2] >= MIN_LANE_HEIGHT,
      `each lane is at least ${MIN_LANE_HEIGHT} high`,
    ),
});

export const mapMetaSchema = z.object({
  title: z.string().max(MAX_TITLE_LENGTH),
  kind: mapKindSchema,
  lanes: lanesSchema.optional(),
  ceilingY: coordinate.optional(),
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
      if (edgeIds.has(edge.id) || nodeIds.has(edge.id)) {
        ctx.addIssue({ code: 'custom', path: ['edges', i, 'id'], message: `duplicate id ${edge.id}` });
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
    // Attachments as resolveAttachment reads them: one a reader would drop is refused instead.
    const nodeById = new Map(map.nodes.map((node) => [node.id, node]));
    for (const [i, node] of map.nodes.entries()) {
      const host = node.attachedTo;
      if (host === undefined) continue;
      const hostNode = nodeById.get(host);
      const problem = !isAttachableKind(node.kind)
        ? `only assumptions, indicators and evidence can be attached (${node.id} is of kind ${node.kind})`
        : host === node.id
          ? `${node.id} is attached to itself`
          : !hostNode && !edgeIds.has(host)
            ? `${node.id} is attached to missing card or link ${host}`
            : hostNode?.kind === 'group'
              ? `${node.id} is attached to ${host}, a pathway frame`
              : hostNode?.attachedTo !== undefined && isAttachableKind(hostNode.kind)
                ? `${node.id} is attached to ${host}, which is itself attached`
                : null;
      if (problem) ctx.addIssue({ code: 'custom', path: ['nodes', i, 'attachedTo'], message: problem });
    }
  });

/**
 * Version 1 of the JSON form, still accepted by imports: no details, and a link's rationale was
 * called `label`. upgradeMapJSON turns it into the current version.
 */
export const mapJsonV1Schema = z.object({
  format: z.literal(MAP_JSON_FORMAT),
  schemaVersion: z.literal(1),
  meta: z.object({ title: z.string().max(MAX_TITLE_LENGTH), kind: mapKindSchema }),
  nodes: z.array(
    z.object({
      id: idSchema,
      kind: z.enum(NODE_KINDS),
      label: z.string().max(MAX_LABEL_LENGTH),
      x: coordinate,
      y: coordinate,
    }),
  ),
  edges: z.array(
    z.object({ id: idSchema, source: idSchema, target: idSchema, label: z.string().max(MAX_LABEL_LENGTH) }),
  ),
});
export type MapNodeJSON = z.infer<typeof mapNodeSchema>;
export type MapEdgeJSON = z.infer<typeof mapEdgeSchema>;
export type MapMetaJSON = z.infer<typeof mapMetaSchema>;
export type MapJSON = z.infer<typeof mapJsonSchema>;
export type MapJSONV1 = z.infer<typeof mapJsonV1Schema>;
