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

/**
 * The local user's writes: the shared named operations, bound to one document and to the local
 * user's origin (the one the UndoManager tracks). UI code calls these and nothing else.
 */
export class MapEditor {
  constructor(
    readonly doc: Y.Doc,
    readonly origin: Origin,
  ) {}

  addCard(kind: NodeKind, x: number, y: number, label = ''): NodeId {
    return addNode(this.doc, { kind, x, y, label }, this.origin);
  }

  setCardLabel(id: string, label: string): void {
    setNodeLabel(this.doc, id as NodeId, label, this.origin);
  }

  setCardKind(id: string, kind: NodeKind): void {
    setNodeKind(this.doc, id as NodeId, kind, this.origin);
  }

  moveCards(positions: readonly NodePosition[]): void {
    moveNodes(this.doc, positions, this.origin);
  }

  link(source: string, target: string): ConnectResult {
    return connect(this.doc, { source: source as NodeId, target: target as NodeId }, this.origin);
  }

  setLinkLabel(id: string, label: string): void {
    setEdgeLabel(this.doc, id as EdgeId, label, this.origin);
  }

  /** Deletes cards (with their links) and links as one change, so one undo brings all back. */
  remove(nodeIds: readonly string[], edgeIds: readonly string[]): void {
    if (nodeIds.length === 0 && edgeIds.length === 0) return;
    this.doc.transact(() => {
      if (edgeIds.length > 0) disconnect(this.doc, edgeIds as EdgeId[], this.origin);
      if (nodeIds.length > 0) removeNodes(this.doc, nodeIds as NodeId[], this.origin);
    }, this.origin);
  }
}

/** Why a link was refused, in words for a toast. */
export function describeRefusedLink(reason: Exclude<ConnectResult, { ok: true }>['reason']): string {
  switch (reason) {
    case 'self-link':
      return 'A card cannot link to itself.';
    case 'duplicate':
      return 'These cards are already linked in this direction.';
    case 'missing-node':
      return 'One of these cards was just deleted.';
  }
}
