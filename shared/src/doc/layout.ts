import * as Y from 'yjs';
import { isValidId, type EdgeId, type NodeId } from '../model/ids.ts';
import { isMapKind, isNodeKind, type MapKind, type NodeKind } from '../model/kinds.ts';
import {
  FIVE_CAPABILITIES,
  LINK_RELATIONS,
  LINK_STATUSES,
  LOW_MEDIUM_HIGH,
  MAX_ENTRIES,
  MAX_GROUP_SIZE,
  MAX_NARRATIVE_LENGTH,
  MAX_TAGS,
  MIN_GROUP_SIZE,
  NODE_FIELDS,
  NODE_FIELD_KEYS,
  normaliseTag,
  oneOf,
  type CapabilityTag,
  type LinkRelation,
  type LinkStatus,
  type LowMediumHigh,
  type NodeFields,
} from '../model/fields.ts';
import {
  ENTRY_PARSERS,
  byDate,
  type AssumptionReview,
  type EntryListKey,
  type EntryTypes,
  type HealthRating,
  type IndicatorReading,
} from '../model/entries.ts';
import { MAX_COORDINATE, MAX_LABEL_LENGTH, MAX_TITLE_LENGTH } from '../model/mapJson.ts';
import { parseLanes, type Lanes } from '../model/lanes.ts';

/**
 * The Y.Doc layout of a map, schema version 2 (docs/document-format.md is the public description).
 *
 *   meta:  Y.Map  { schemaVersion, title, kind, lanes?, ceilingY? }
 *   nodes: Y.Map  id -> Y.Map { kind, label: Y.Text, x, y, narrative?: Y.Text, tags?: Y.Map,
 *                               capabilities?: Y.Map, attachedTo?, width?, height?,
 *                               reviews? | readings? | health?: Y.Array, ...scalar fields }
 *   edges: Y.Map  id -> Y.Map { source, target, label: Y.Text (the rationale), relation?,
 *                               confidence?, status? }
 *
 * Every key added by version 2 is optional, so a version 1 document is a valid version 2
 * document. Readers are defensive: a document may have been written by a third-party client, so
 * a record with a wrong shape is skipped (or, for a field with a safe default, normalised)
 * rather than trusted.
 */
export type NodeRecord = Y.Map<unknown>;
export type EdgeRecord = Y.Map<unknown>;

export const ROOT_META = 'meta';
export const ROOT_NODES = 'nodes';
export const ROOT_EDGES = 'edges';

export const getMeta = (doc: Y.Doc): Y.Map<unknown> => doc.getMap(ROOT_META);
export const getNodes = (doc: Y.Doc): Y.Map<NodeRecord> => doc.getMap(ROOT_NODES);
export const getEdges = (doc: Y.Doc): Y.Map<EdgeRecord> => doc.getMap(ROOT_EDGES);

export interface NodeView {
  id: NodeId;
  kind: NodeKind;
  /** The card's title. */
  label: string;
  x: number;
  y: number;
  /** The story behind the card, in Markdown. */
  narrative: string;
  /** Tags as written, sorted case-insensitively. */
  tags: readonly string[];
  /** Every scalar field, null when unset (see FIELDS_BY_KIND for which a kind shows). */
  fields: NodeFields;
  /** The five-capability tags (outcomes), in their canonical order. */
  capabilities: readonly CapabilityTag[];
  /** The card or link this assumption, indicator or evidence is attached to, if any. */
  attachedTo: string | null;
  /** A pathway frame's size; null for other kinds. */
  width: number | null;
  height: number | null;
  /** Dated histories, oldest first. */
  reviews: readonly AssumptionReview[];
  readings: readonly IndicatorReading[];
  health: readonly HealthRating[];
}

export interface EdgeView {
  id: EdgeId;
  source: NodeId;
  target: NodeId;
  /** The rationale: why the source leads to the target (stored under `label`, as in v1). */
  label: string;
  /** What the link claims; null when unspecified (drawn as a plain link). */
  relation: LinkRelation | null;
  confidence: LowMediumHigh | null;
  /** Links start as hypotheses. */
  status: LinkStatus;
}

export interface MetaView {
  schemaVersion: number;
  title: string;
  kind: MapKind;
  /** The level swimlanes of a theory of change, or null when they are not drawn. */
  lanes: Lanes | null;
  /** Where the accountability ceiling is drawn (canvas y), or null when it is not. */
  ceilingY: number | null;
}

/**
 * Cuts a string to at most `max` UTF-16 units without leaving half of a surrogate pair at the end.
 * Needed on read too: two peers typing into the same label concurrently can merge past the limit.
 */
export function truncateText(value: string, max: number): string {
  if (value.length <= max) return value;
  const cut = value.slice(0, max);
  const last = cut.charCodeAt(cut.length - 1);
  return last >= 0xd800 && last <= 0xdbff ? cut.slice(0, -1) : cut;
}

function readText(value: unknown, max: number = MAX_LABEL_LENGTH): string {
  if (value instanceof Y.Text) return truncateText(value.toString(), max);
  if (typeof value === 'string') return truncateText(value, max);
  return '';
}

export function readCoordinate(value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) return 0;
  return Math.max(-MAX_COORDINATE, Math.min(MAX_COORDINATE, value));
}

function readSize(value: unknown): number | null {
  if (typeof value !== 'number' || !Number.isFinite(value)) return null;
  return Math.max(MIN_GROUP_SIZE, Math.min(MAX_GROUP_SIZE, value));
}

export function readMeta(doc: Y.Doc): MetaView {
  const meta = getMeta(doc);
  const schemaVersion = meta.get('schemaVersion');
  const title = meta.get('title');
  const kind = meta.get('kind');
  const ceilingY = meta.get('ceilingY');
  return {
    schemaVersion: typeof schemaVersion === 'number' ? schemaVersion : 1,
    title: typeof title === 'string' ? truncateText(title, MAX_TITLE_LENGTH) : 'Untitled map',
    kind: isMapKind(kind) ? kind : 'theory-of-change',
    lanes: parseLanes(meta.get('lanes')),
    ceilingY: typeof ceilingY === 'number' && Number.isFinite(ceilingY) ? readCoordinate(ceilingY) : null,
  };
}

/** True when `record`, stored under `id`, is a node this schema can read (see readNode). */
function isNodeRecord(id: string, record: unknown): record is NodeRecord {
  return isValidId(id) && record instanceof Y.Map;
}

/** True when the document holds a readable node under `id`: a link may only end at such a node. */
export function hasNode(doc: Y.Doc, id: string): boolean {
  return isNodeRecord(id, getNodes(doc).get(id));
}

const collator = new Intl.Collator('en', { sensitivity: 'base' });
/**
 * Case- and accent-insensitive order, then by code unit: "cafe" and "Café" are two tags the
 * collator calls equal, and a Y.Map iterates its keys in the order this replica received them,
 * so without the tie-break two replicas could list them in different orders.
 */
export const tagOrder = (a: string, b: string): number => collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);

/** A set stored as a Y.Map of key -> display value (tags) or key -> true (capabilities). */
function readTags(value: unknown): string[] {
  if (!(value instanceof Y.Map)) return [];
  const out: string[] = [];
  value.forEach((display: unknown) => {
    const tag = typeof display === 'string' ? normaliseTag(display) : null;
    if (tag) out.push(tag);
  });
  return out.sort(tagOrder).slice(0, MAX_TAGS);
}

function readCapabilities(value: unknown): CapabilityTag[] {
  if (!(value instanceof Y.Map)) return [];
  return FIVE_CAPABILITIES.filter((tag) => value.get(tag) === true);
}

function readEntries<K extends EntryListKey>(record: NodeRecord, key: K): EntryTypes[K][] {
  const list = record.get(key);
  if (!(list instanceof Y.Array)) return [];
  const parse = ENTRY_PARSERS[key];
  const out: EntryTypes[K][] = [];
  for (const item of list.toArray()) {
    const entry = parse(item);
    if (entry) out.push(entry);
    if (out.length >= MAX_ENTRIES) break;
  }
  return byDate(out);
}

function readFields(record: NodeRecord): NodeFields {
  const fields = {} as Record<string, unknown>;
  for (const key of NODE_FIELD_KEYS) fields[key] = NODE_FIELDS[key].parse(record.get(key));
  return fields as NodeFields;
}

/** A node's plain view, or null when the record is not a node this schema can read. */
export function readNode(id: string, record: unknown): NodeView | null {
  if (!isNodeRecord(id, record)) return null;
  const rawKind = record.get('kind');
  const kind: NodeKind = isNodeKind(rawKind) ? rawKind : 'note';
  const attachedTo = record.get('attachedTo');
  const isGroup = kind === 'group';
  return {
    id: id as NodeId,
    kind,
    label: readText(record.get('label')),
    x: readCoordinate(record.get('x')),
    y: readCoordinate(record.get('y')),
    narrative: readText(record.get('narrative'), MAX_NARRATIVE_LENGTH),
    tags: readTags(record.get('tags')),
    fields: readFields(record),
    capabilities: readCapabilities(record.get('capabilities')),
    attachedTo: isValidId(attachedTo) && attachedTo !== id ? attachedTo : null,
    width: isGroup ? (readSize(record.get('width')) ?? DEFAULT_GROUP_SIZE.width) : null,
    height: isGroup ? (readSize(record.get('height')) ?? DEFAULT_GROUP_SIZE.height) : null,
    reviews: readEntries(record, 'reviews'),
    readings: readEntries(record, 'readings'),
    health: readEntries(record, 'health'),
  };
}

export const DEFAULT_GROUP_SIZE = Object.freeze({ width: 560, height: 360 });

const relation = oneOf(LINK_RELATIONS);
const linkStatus = oneOf(LINK_STATUSES);
const confidence = oneOf(LOW_MEDIUM_HIGH);

/** An edge's plain view, or null when the record is malformed. Does not check the ends exist. */
export function readEdge(id: string, record: unknown): EdgeView | null {
  if (!isValidId(id) || !(record instanceof Y.Map)) return null;
  const source = record.get('source');
  const target = record.get('target');
  if (typeof source !== 'string' || typeof target !== 'string') return null;
  return {
    id: id as EdgeId,
    source: source as NodeId,
    target: target as NodeId,
    label: readText(record.get('label')),
    relation: relation.parse(record.get('relation')),
    confidence: confidence.parse(record.get('confidence')),
    status: linkStatus.parse(record.get('status')) ?? 'hypothesised',
  };
}

/**
 * True when both ends of the edge are nodes of the document: only such links are shown or
 * exported. A link whose id is also a card's is malformed (an attachment naming that id could
 * mean either, and the JSON form refuses it), so it is treated as dangling too.
 */
export function isEdgeLive(doc: Y.Doc, edge: EdgeView): boolean {
  return hasNode(doc, edge.source) && hasNode(doc, edge.target) && !hasNode(doc, edge.id);
}

export function readNodes(doc: Y.Doc): NodeView[] {
  const out: NodeView[] = [];
  getNodes(doc).forEach((record, id) => {
    const node = readNode(id, record);
    if (node) out.push(node);
  });
  return out;
}

/** Links whose both ends exist; dangling links (left by concurrent deletes) are never shown. */
export function readLiveEdges(doc: Y.Doc): EdgeView[] {
  const out: EdgeView[] = [];
  getEdges(doc).forEach((record, id) => {
    const edge = readEdge(id, record);
    if (edge && isEdgeLive(doc, edge)) out.push(edge);
  });
  return out;
}
