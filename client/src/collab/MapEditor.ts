import type * as Y from 'yjs';
import {
  addNode,
  connect,
  disconnect,
  moveNodes,
  removeNodes,
  setEdgeLabel,
  setNodeKind,
  setNodeLabel,
  type ConnectResult,
  type EdgeId,
  type NodeId,
  type NodeKind,
  type NodePosition,
  type Origin,
} from '@loopmap/shared';

export type LinkResult = ConnectResult | { ok: false; reason: 'read-only' };

/**
 * The local user's writes: the shared named operations, bound to one document and to the local
 * user's origin (the one the UndoManager tracks). UI code calls these and nothing else.
 *
 * Read-only (viewers, commenters), every write is refused here too, whatever control slipped
 * through: the server would drop the update anyway, and the document on this device would
 * otherwise show a change nobody else ever sees.
 */
export class MapEditor {
  private readOnly = false;

  constructor(
    readonly doc: Y.Doc,
    readonly origin: Origin,
  ) {}

  get isReadOnly(): boolean {
    return this.readOnly;
  }

  setReadOnly(readOnly: boolean): void {
    this.readOnly = readOnly;
  }

  addCard(kind: NodeKind, x: number, y: number, label = ''): NodeId {
    if (this.readOnly) throw new Error('this map is view-only for you');
    return addNode(this.doc, { kind, x, y, label }, this.origin);
  }

  setCardLabel(id: string, label: string): void {
    if (this.readOnly) return;
    setNodeLabel(this.doc, id as NodeId, label, this.origin);
  }

  setCardKind(id: string, kind: NodeKind): void {
    if (this.readOnly) return;
    setNodeKind(this.doc, id as NodeId, kind, this.origin);
  }

  moveCards(positions: readonly NodePosition[]): void {
    if (this.readOnly) return;
    moveNodes(this.doc, positions, this.origin);
  }

  link(source: string, target: string): LinkResult {
    if (this.readOnly) return { ok: false, reason: 'read-only' };
    return connect(this.doc, { source: source as NodeId, target: target as NodeId }, this.origin);
  }

  setLinkLabel(id: string, label: string): void {
    if (this.readOnly) return;
    setEdgeLabel(this.doc, id as EdgeId, label, this.origin);
  }

  /** Deletes cards (with their links) and links as one change, so one undo brings all back. */
  remove(nodeIds: readonly string[], edgeIds: readonly string[]): void {
    if (this.readOnly || (nodeIds.length === 0 && edgeIds.length === 0)) return;
    this.doc.transact(() => {
      if (edgeIds.length > 0) disconnect(this.doc, edgeIds as EdgeId[], this.origin);
      if (nodeIds.length > 0) removeNodes(this.doc, nodeIds as NodeId[], this.origin);
    }, this.origin);
  }
}

/** Why a link was refused, in words for a toast. */
export function describeRefusedLink(reason: Exclude<LinkResult, { ok: true }>['reason']): string {
  switch (reason) {
    case 'read-only':
      return 'This map is view-only for you.';
    case 'self-link':
      return 'A card cannot link to itself.';
    case 'duplicate':
      return 'These cards are already linked in this direction.';
    case 'missing-node':
      return 'One of these cards was just deleted.';
  }
}
