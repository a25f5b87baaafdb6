import * as Y from 'yjs';
import { newEdgeId, newNodeId, type EdgeId, type NodeId } from '../model/ids.ts';
import type { MapKind, NodeKind } from '../model/kinds.ts';
import { MAX_COORDINATE, MAX_LABEL_LENGTH, MAX_TITLE_LENGTH, SCHEMA_VERSION } from '../model/mapJson.ts';
import {
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
import { CLEANUP_ORIGIN, type Origin } from './origin.ts';

/**
 * Every write to a map is one of these named operations: one transaction each, with a typed
 * origin. UI and server never touch the Y.Maps directly.
 */

function clampCoordinate(value: number): number {
  if (!Number.isFinite(value)) return 0;
  return Math.max(-MAX_COORDINATE, Math.min(MAX_COORDINATE, Math.round(value * 100) / 100));
}

const isHighSurrogate = (code: number): boolean => code >= 0xd800 && code <= 0xdbff;
const isLowSurrogate = (code: number): boolean => code >= 0xdc00 && code <= 0xdfff;

/**
 * Replace the content of a Y.Text with `next` by editing only the changed middle, so that a
 * concurrent edit elsewhere in the same text survives the merge. The edited range never splits a
 * surrogate pair: Yjs replaces both halves of a split pair with U+FFFD (so 😀 -> 😁 would turn
 * into two replacement characters, and the local and remote texts would differ).
 */
export function applyTextDiff(text: Y.Text, next: string): void {
  const prev = text.toString();
  if (prev === next) return;
  let start = 0;
  const minLength = Math.min(prev.length, next.length);
  while (start < minLength && prev.charCodeAt(start) === next.charCodeAt(start)) start++;
  if (start > 0 && isHighSurrogate(prev.charCodeAt(start - 1))) start--;
  let endPrev = prev.length;
  let endNext = next.length;
  while (endPrev > start && endNext > start && prev.charCodeAt(endPrev - 1) === next.charCodeAt(endNext - 1)) {
    endPrev--;
    endNext--;
  }
  if (endPrev < prev.length && isLowSurrogate(prev.charCodeAt(endPrev))) {
    endPrev++;
    endNext++;
  }
  if (endPrev > start) text.delete(start, endPrev - start);
  if (endNext > start) text.insert(start, next.slice(start, endNext));
}

function makeText(value: string): Y.Text {
  return new Y.Text(truncateText(value, MAX_LABEL_LENGTH));
}

export interface CreateMapInput {
  title: string;
  kind: MapKind;
}

/** Writes the meta record of a new map. */
export function initMap(doc: Y.Doc, input: CreateMapInput, origin: Origin): void {
  doc.transact(() => {
    const meta = getMeta(doc);
    meta.set('schemaVersion', SCHEMA_VERSION);
    meta.set('title', truncateText(input.title, MAX_TITLE_LENGTH));
    meta.set('kind', input.kind);
  }, origin);
}

export function setMapTitle(doc: Y.Doc, title: string, origin: Origin): void {
  doc.transact(() => getMeta(doc).set('title', truncateText(title, MAX_TITLE_LENGTH)), origin);
}

export function setMapKind(doc: Y.Doc, kind: MapKind, origin: Origin): void {
  doc.transact(() => getMeta(doc).set('kind', kind), origin);
}

export interface AddNodeInput {
  id?: NodeId;
  kind: NodeKind;
  label?: string;
  x: number;
  y: number;
}

export function addNode(doc: Y.Doc, input: AddNodeInput, origin: Origin): NodeId {
  const id = input.id ?? newNodeId();
  doc.transact(() => {
    const record: NodeRecord = new Y.Map<unknown>();
    record.set('kind', input.kind);
    record.set('label', makeText(input.label ?? ''));
    record.set('x', clampCoordinate(input.x));
    record.set('y', clampCoordinate(input.y));
    getNodes(doc).set(id, record);
  }, origin);
  return id;
}

/** Changes a node's kind. Returns false when the node does not exist. */
export function setNodeKind(doc: Y.Doc, id: NodeId, kind: NodeKind, origin: Origin): boolean {
  const record = getNodes(doc).get(id);
  if (!(record instanceof Y.Map)) return false;
  if (record.get('kind') === kind) return true;
  doc.transact(() => record.set('kind', kind), origin);
  return true;
}

/**
 * Sets a record's collaborative text field with a minimal edit (so a concurrent edit elsewhere in
 * the text survives). Returns false when the record does not exist.
 */
function setRecordText(doc: Y.Doc, record: unknown, key: string, value: string, origin: Origin): boolean {
  if (!(record instanceof Y.Map)) return false;
  const next = truncateText(value, MAX_LABEL_LENGTH);
  doc.transact(() => {
    const text = record.get(key);
    if (text instanceof Y.Text) applyTextDiff(text, next);
    else record.set(key, makeText(next));
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

/** Removes nodes and every link that touches them, in one transaction. */
export function removeNodes(doc: Y.Doc, ids: readonly NodeId[], origin: Origin): number {
  const nodes = getNodes(doc);
  const edges = getEdges(doc);
  const doomed = new Set<string>(ids.filter((id) => nodes.has(id)));
  if (doomed.size === 0) return 0;
  doc.transact(() => {
    for (const id of doomed) nodes.delete(id);
    edges.forEach((record, edgeId) => {
      const edge = readEdge(edgeId, record);
      if (!edge || doomed.has(edge.source) || doomed.has(edge.target)) edges.delete(edgeId);
    });
  }, origin);
  return doomed.size;
}

export interface ConnectInput {
  id?: EdgeId;
  source: NodeId;
  target: NodeId;
  label?: string;
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
    edges.set(id, record);
  }, origin);
  return { ok: true, id };
}

export function disconnect(doc: Y.Doc, ids: readonly EdgeId[], origin: Origin): number {
  const edges = getEdges(doc);
  const doomed = ids.filter((id) => edges.has(id));
  if (doomed.length === 0) return 0;
  doc.transact(() => {
    for (const id of doomed) edges.delete(id);
  }, origin);
  return doomed.length;
}

/** Sets a link's label with a minimal text edit. Returns false when the link does not exist. */
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
  if (dangling.length > 0) disconnect(doc, dangling, origin);
  return dangling.length;
}
