import * as Y from 'yjs';
import { isValidId, type EdgeId, type NodeId } from '../model/ids.ts';
import { isMapKind, isNodeKind, type MapKind, type NodeKind } from '../model/kinds.ts';
import { MAX_COORDINATE, MAX_LABEL_LENGTH, MAX_TITLE_LENGTH } from '../model/mapJson.ts';

/**
 * The Y.Doc layout of a map, schema version 1 (docs/document-format.md is the public description).
 *
 *   meta:  Y.Map  { schemaVersion: number, title: string, kind: MapKind }
 *   nodes: Y.Map  id -> Y.Map { kind: NodeKind, label: Y.Text, x: number, y: number }
 *   edges: Y.Map  id -> Y.Map { source: NodeId, target: NodeId, label: Y.Text }
 *
 * Readers are defensive: a document may have been written by a third-party client, so a record
 * with a wrong shape is skipped (or, for a field with a safe default, normalised) rather than
 * trusted.
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
  label: string;
  x: number;
  y: number;
}

export interface EdgeView {
  id: EdgeId;
  source: NodeId;
  target: NodeId;
  label: string;
}

export interface MetaView {
  schemaVersion: number;
  title: string;
  kind: MapKind;
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

function readCoordinate(value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) return 0;
  return Math.max(-MAX_COORDINATE, Math.min(MAX_COORDINATE, value));
}

export function readMeta(doc: Y.Doc): MetaView {
  const meta = getMeta(doc);
  const schemaVersion = meta.get('schemaVersion');
  const title = meta.get('title');
  const kind = meta.get('kind');
  return {
    schemaVersion: typeof schemaVersion === 'number' ? schemaVersion : 1,
    title: typeof title === 'string' ? truncateText(title, MAX_TITLE_LENGTH) : 'Untitled map',
    kind: isMapKind(kind) ? kind : 'theory-of-change',
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

/** A node's plain view, or null when the record is not a node this schema can read. */
export function readNode(id: string, record: unknown): NodeView | null {
  if (!isNodeRecord(id, record)) return null;
  const kind = record.get('kind');
  return {
    id: id as NodeId,
    kind: isNodeKind(kind) ? kind : 'note',
    label: readText(record.get('label')),
    x: readCoordinate(record.get('x')),
    y: readCoordinate(record.get('y')),
  };
}

/** An edge's plain view, or null when the record is malformed. Does not check the ends exist. */
export function readEdge(id: string, record: unknown): EdgeView | null {
  if (!isValidId(id) || !(record instanceof Y.Map)) return null;
  const source = record.get('source');
  const target = record.get('target');
  if (typeof source !== 'string' || typeof target !== 'string') return null;
  return { id: id as EdgeId, source: source as NodeId, target: target as NodeId, label: readText(record.get('label')) };
}

/** True when both ends of the edge are nodes of the document: only such links are shown or exported. */
export function isEdgeLive(doc: Y.Doc, edge: EdgeView): boolean {
  return hasNode(doc, edge.source) && hasNode(doc, edge.target);
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
