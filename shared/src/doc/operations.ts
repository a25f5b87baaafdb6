import * as Y from 'yjs';
import { newEdgeId, newNodeId, type EdgeId, type NodeId } from '../model/ids.ts';
import { isAttachableKind, isNodeKind, type MapKind, type NodeKind } from '../model/kinds.ts';
import { MAX_TITLE_LENGTH, SCHEMA_VERSION } from '../model/mapJson.ts';
import {
  FIELDS_BY_KIND,
  type CapabilityTag,
  type Level,
  type LinkRelation,
  type LinkStatus,
  type LowMediumHigh,
  type NodeFields,
} from '../model/fields.ts';
import type { EntryTypes } from '../model/entries.ts';
import { laneAt, parseLanes, type Lanes } from '../model/lanes.ts';
import {
  DEFAULT_GROUP_SIZE,
  getEdges,
  getMeta,
  getNodes,
  hasNode,
  isEdgeLive,
  readEdge,
  truncateText,
  type EdgeRecord,
  type NodeRecord,
} from './layout.ts';
import { addContainersFor, writeNodeDetails } from './fieldOperations.ts';
import { clampCoordinate, clampSize, makeText, setRecordText } from './primitives.ts';
import { CLEANUP_ORIGIN, type Origin } from './origin.ts';

export { applyTextDiff } from './primitives.ts';

/**
 * Every write to a map is one of these named operations: one transaction each, with a typed
 * origin. UI and server never touch the Y.Maps directly.
 */

export interface CreateMapInput {
  title: string;
  kind: MapKind;
  /** Theory-of-change maps: the level swimlanes and the accountability ceiling to draw. */
  lanes?: Lanes | null;
  ceilingY?: number | null;
}

/** Writes the meta record of a new map. */
export function initMap(doc: Y.Doc, input: CreateMapInput, origin: Origin): void {
  doc.transact(() => {
    const meta = getMeta(doc);
    meta.set('schemaVersion', SCHEMA_VERSION);
    meta.set('title', truncateText(input.title, MAX_TITLE_LENGTH));
    meta.set('kind', input.kind);
    if (input.lanes) meta.set('lanes', { bounds: [...input.lanes.bounds] });
    if (typeof input.ceilingY === 'number') meta.set('ceilingY', clampCoordinate(input.ceilingY));
  }, origin);
}

export function setMapTitle(doc: Y.Doc, title: string, origin: Origin): void {
  doc.transact(() => getMeta(doc).set('title', truncateText(title, MAX_TITLE_LENGTH)), origin);
}

export function setMapKind(doc: Y.Doc, kind: MapKind, origin: Origin): void {
  doc.transact(() => getMeta(doc).set('kind', kind), origin);
}

/** Everything a node can be created with; what is left out stays unset. */
export interface AddNodeInput {
  id?: NodeId;
  kind: NodeKind;
  label?: string;
  x: number;
  y: number;
  narrative?: string;
  tags?: readonly string[];
  fields?: Partial<NodeFields>;
  capabilities?: readonly CapabilityTag[];
  attachedTo?: string | null;
  /** Pathway frames only. */
  width?: number | null;
  height?: number | null;
  reviews?: readonly EntryTypes['reviews'][];
  readings?: readonly EntryTypes['readings'][];
  health?: readonly EntryTypes['health'][];
}

export function addNode(doc: Y.Doc, input: AddNodeInput, origin: Origin): NodeId {
  const id = input.id ?? newNodeId();
  doc.transact(() => {
    const record: NodeRecord = new Y.Map<unknown>();
    record.set('kind', input.kind);
    record.set('label', makeText(input.label ?? ''));
    record.set('x', clampCoordinate(input.x));
    record.set('y', clampCoordinate(input.y));
    if (input.kind === 'group') {
      record.set('width', clampSize(input.width ?? DEFAULT_GROUP_SIZE.width));
      record.set('height', clampSize(input.height ?? DEFAULT_GROUP_SIZE.height));
    }
    writeNodeDetails(record, id, input.kind, input);
    getNodes(doc).set(id, record);
  }, origin);
  return id;
}

/**
 * Changes a node's kind, giving it the containers the new kind uses. Returns false when the
 * node does not exist.
 */
export function setNodeKind(doc: Y.Doc, id: NodeId, kind: NodeKind, origin: Origin): boolean {
  const record = getNodes(doc).get(id);
  if (!(record instanceof Y.Map)) return false;
  if (record.get('kind') === kind) return true;
  doc.transact(() => {
    record.set('kind', kind);
    // Only assumptions, indicators and evidence can be attached: another kind stands on its own.
    if (!isAttachableKind(kind) && record.has('attachedTo')) record.delete('attachedTo');
    if (kind === 'group') {
      if (typeof record.get('width') !== 'number') record.set('width', DEFAULT_GROUP_SIZE.width);
      if (typeof record.get('height') !== 'number') record.set('height', DEFAULT_GROUP_SIZE.height);
    }
    addContainersFor(record, kind);
  }, origin);
  return true;
}

/** Sets a node's label with a minimal text edit. Returns false when the node does not exist. */
export function setNodeLabel(doc: Y.Doc, id: NodeId, label: string, origin: Origin): boolean {
  return setRecordText(doc, getNodes(doc).get(id), 'label', label, origin);
}

export interface NodePosition {
  id: NodeId;
  x: number;
  y: number;
}

/**
 * Moves nodes in one transaction. Positions that did not change are not written: every
 * overwrite stays in the document's history, so drags are committed once, on release.
 */
export function moveNodes(doc: Y.Doc, positions: readonly NodePosition[], origin: Origin): number {
  const nodes = getNodes(doc);
  let moved = 0;
  doc.transact(() => {
    for (const { id, x, y } of positions) {
      const record = nodes.get(id);
      if (!(record instanceof Y.Map)) continue;
      const nx = clampCoordinate(x);
      const ny = clampCoordinate(y);
      if (record.get('x') !== nx) record.set('x', nx);
      if (record.get('y') !== ny) record.set('y', ny);
      moved++;
    }
  }, origin);
  return moved;
}

/** A finished move, with the card's height so its centre can be placed in a lane. */
export interface LaneMove {
  id: NodeId;
  x: number;
  y: number;
  height: number;
}

/**
 * Moves cards and, on a theory of change that draws its lanes, gives every moved card that has
 * a level (outcomes, preconditions) the level of the lane its centre was dropped in, in the same
 * change: the lanes are where a change happens, not decoration. A card dropped above or below
 * the lanes keeps its level. Returns the cards whose level changed.
 */
export function moveNodesAcrossLanes(
  doc: Y.Doc,
  moves: readonly LaneMove[],
  origin: Origin,
): { id: NodeId; level: Level }[] {
  const meta = getMeta(doc);
  const lanes = meta.get('kind') === 'partnership' ? null : parseLanes(meta.get('lanes'));
  const relevelled: { id: NodeId; level: Level }[] = [];
  doc.transact(() => {
    moveNodes(doc, moves, origin);
    if (!lanes) return;
    for (const { id, y, height } of moves) {
      const record = getNodes(doc).get(id);
      const kind = record?.get('kind');
      if (!(record instanceof Y.Map) || !isNodeKind(kind) || !FIELDS_BY_KIND[kind].includes('level')) continue;
      const level = laneAt(lanes, y + height / 2);
      if (level && record.get('level') !== level) {
        record.set('level', level);
        relevelled.push({ id, level });
      }
    }
  }, origin);
  return relevelled;
}

/** Ids of the nodes attached to any of `hosts` (cards or links). */
export function findAttached(doc: Y.Doc, hosts: ReadonlySet<string>): NodeId[] {
  const out: NodeId[] = [];
  if (hosts.size === 0) return out;
  getNodes(doc).forEach((record, id) => {
    if (!(record instanceof Y.Map)) return;
    const host = record.get('attachedTo');
    if (typeof host === 'string' && hosts.has(host)) out.push(id as NodeId);
  });
  return out;
}

/**
 * Removes nodes, every link that touches them, and what is attached to any of them (an
 * indicator goes with its outcome, an assumption with its link), in one transaction, so one
 * undo brings everything back.
 */
export function removeNodes(doc: Y.Doc, ids: readonly NodeId[], origin: Origin): number {
  const nodes = getNodes(doc);
  const edges = getEdges(doc);
  const doomed = new Set<string>(ids.filter((id) => nodes.has(id)));
  if (doomed.size === 0) return 0;
  const doomedEdges = new Set<string>();
  edges.forEach((record, edgeId) => {
    const edge = readEdge(edgeId, record);
    if (!edge || doomed.has(edge.source) || doomed.has(edge.target)) doomedEdges.add(edgeId);
  });
  // Attachments cannot themselves carry attachments, so one pass finds them all.
  for (const id of findAttached(doc, new Set([...doomed, ...doomedEdges]))) doomed.add(id);
  doc.transact(() => {
    for (const id of doomed) nodes.delete(id);
    for (const id of doomedEdges) edges.delete(id);
  }, origin);
  return doomed.size;
}

export interface ConnectInput {
  id?: EdgeId;
  source: NodeId;
  target: NodeId;
  /** The rationale (stored as the link's label). */
  label?: string;
  relation?: LinkRelation | null;
  confidence?: LowMediumHigh | null;
  status?: LinkStatus | null;
}

export type ConnectResult =
  { ok: true; id: EdgeId } | { ok: false; reason: 'missing-node' | 'self-link' | 'duplicate' };

/**
 * Links two nodes. A link needs two existing, distinct nodes; a second link with the same
 * direction between the same pair is refused (it would be drawn on top of the first).
 */
export function connect(doc: Y.Doc, input: ConnectInput, origin: Origin): ConnectResult {
  const edges = getEdges(doc);
  if (input.source === input.target) return { ok: false, reason: 'self-link' };
  if (!hasNode(doc, input.source) || !hasNode(doc, input.target)) return { ok: false, reason: 'missing-node' };
  let duplicate = false;
  edges.forEach((record, edgeId) => {
    const edge = readEdge(edgeId, record);
    if (edge && edge.source === input.source && edge.target === input.target) duplicate = true;
  });
  if (duplicate) return { ok: false, reason: 'duplicate' };
  const id = input.id ?? newEdgeId();
  doc.transact(() => {
    const record: EdgeRecord = new Y.Map<unknown>();
    record.set('source', input.source);
    record.set('target', input.target);
    record.set('label', makeText(input.label ?? ''));
    if (input.relation) record.set('relation', input.relation);
    if (input.confidence) record.set('confidence', input.confidence);
    if (input.status) record.set('status', input.status);
    edges.set(id, record);
  }, origin);
  return { ok: true, id };
}

/**
 * Removes links, and (unless `withAttachments` is false) the assumptions and evidence attached
 * to them. The server's cleanup of dangling links passes false: an assumption someone attached
 * while another peer deleted the link is not the server's to delete; it comes back as a card.
 */
export function disconnect(
  doc: Y.Doc,
  ids: readonly EdgeId[],
  origin: Origin,
  { withAttachments = true }: { withAttachments?: boolean } = {},
): number {
  const edges = getEdges(doc);
  const doomed = ids.filter((id) => edges.has(id));
  if (doomed.length === 0) return 0;
  const attached = withAttachments ? findAttached(doc, new Set(doomed)) : [];
  doc.transact(() => {
    for (const id of doomed) edges.delete(id);
    const nodes = getNodes(doc);
    for (const id of attached) nodes.delete(id);
  }, origin);
  return doomed.length;
}

/** Sets a link's rationale with a minimal text edit. Returns false when the link does not exist. */
export function setEdgeLabel(doc: Y.Doc, id: EdgeId, label: string, origin: Origin): boolean {
  return setRecordText(doc, getEdges(doc).get(id), 'label', label, origin);
}

/** Ids of links that are malformed or whose source or target no longer exists. */
export function findDanglingEdges(doc: Y.Doc): EdgeId[] {
  const out: EdgeId[] = [];
  getEdges(doc).forEach((record, id) => {
    const edge = readEdge(id, record);
    if (!edge || !isEdgeLive(doc, edge)) out.push(id as EdgeId);
  });
  return out;
}

/**
 * Deletes links left dangling by concurrent edits (one peer removes a node while another links
 * to it). Readers already hide such links; this makes the document itself clean again.
 */
export function removeDanglingEdges(doc: Y.Doc, origin: Origin = CLEANUP_ORIGIN): number {
  const dangling = findDanglingEdges(doc);
  if (dangling.length > 0) disconnect(doc, dangling, origin, { withAttachments: false });
  return dangling.length;
}
