import * as Y from 'yjs';
import type { EdgeId, NodeId } from '../model/ids.ts';
import { isMapKind, isNodeKind, type MapKind, type NodeKind } from '../model/kinds.ts';
import { MAX_COORDINATE } from '../model/mapJson.ts';

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

function readText(value: unknown): string {
  if (value instanceof Y.Text) return value.toString();
  if (typeof value === 'string') return value;
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
    title: typeof title === 'string' ? title : 'Untitled map',
    kind: isMapKind(kind) ? kind : 'theory-of-change',
  };
}

/** A node's plain view, or null when the record is not a node this schema can read. */
export function readNode(id: string, record: unknown): NodeView | null {
  if (!(record instanceof Y.Map)) return null;
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
  if (!(record instanceof Y.Map)) return null;
  const source = record.get('source');
  const target = record.get('target');
  if (typeof source !== 'string' || typeof target !== 'string') return null;
  return { id: id as EdgeId, source: source as NodeId, target: target as NodeId, label: readText(record.get('label')) };
}

/** True when both ends of the edge are nodes of the document: only such links are shown or exported. */
export function isEdgeLive(doc: Y.Doc, edge: EdgeView): boolean {
  const nodes = getNodes(doc);
  return nodes.has(edge.source) && nodes.has(edge.target);
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
  const nodes = getNodes(doc);
  const out: EdgeView[] = [];
  getEdges(doc).forEach((record, id) => {
    const edge = readEdge(id, record);
    if (edge && nodes.has(edge.source) && nodes.has(edge.target)) out.push(edge);
  });
  return out;
}
