import type * as Y from 'yjs';
import { i18next } from '../i18n/i18n.ts';
import {
  addEntry,
  addNode,
  addNodeTag,
  attachNode,
  connect,
  disconnect,
  moveNodes,
  moveNodesAcrossLanes,
  removeEntry,
  removeNodeTag,
  removeNodes,
  setCeiling,
  setEdgeField,
  setEdgeLabel,
  setLanes,
  setNodeBounds,
  setNodeCapability,
  setNodeField,
  setNodeKind,
  setNodeLabel,
  setNodeNarrative,
  writeLayout,
  type AddNodeInput,
  type AttachResult,
  type CapabilityTag,
  type ConnectResult,
  type EdgeFieldKey,
  type EdgeFieldValue,
  type EdgeId,
  type EntryListKey,
  type LaneMove,
  type Lanes,
  type LayoutResult,
  type Level,
  type LinkRelation,
  type NewEntry,
  type NodeFieldKey,
  type NodeFieldValue,
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
  /**
   * The card just added here whose title is being typed, and the undo step that added it: the
   * title joins that step, so one Undo takes away the card and its title together, however long
   * the person paused before typing (the UndoManager merges only changes 0.5 s apart).
   */
  private naming: { id: string; step: unknown } | null = null;

  constructor(
    readonly doc: Y.Doc,
    readonly origin: Origin,
    private readonly undo: Y.UndoManager | null = null,
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

  /** Adds a card with details (a frame with its size, an indicator attached to an outcome). */
  addCardWith(input: AddNodeInput): NodeId {
    if (this.readOnly) throw new Error('this map is view-only for you');
    return addNode(this.doc, input, this.origin);
  }

  /** Adds a card whose title the person types next: adding it and naming it are one undo step. */
  addCardToName(input: AddNodeInput): NodeId {
    const id = this.addCardWith(input);
    const stack = this.undo?.undoStack;
    this.naming = stack && stack.length > 0 ? { id, step: stack[stack.length - 1] } : null;
    return id;
  }

  /** The title of a card added by addCardToName is written: later edits are their own steps. */
  endNaming(id: string): void {
    if (this.naming?.id === id) this.naming = null;
  }

  setCardLabel(id: string, label: string): void {
    if (this.readOnly) return;
    const undo = this.undo;
    if (undo && this.naming?.id === id && undo.undoStack[undo.undoStack.length - 1] === this.naming.step) {
      // Nothing else was done since: this keystroke extends the step that added the card.
      undo.lastChange = Date.now();
    }
    setNodeLabel(this.doc, id as NodeId, label, this.origin);
  }

  setCardKind(id: string, kind: NodeKind): void {
    if (this.readOnly) return;
    setNodeKind(this.doc, id as NodeId, kind, this.origin);
  }

  setCardNarrative(id: string, narrative: string): void {
    if (this.readOnly) return;
    setNodeNarrative(this.doc, id as NodeId, narrative, this.origin);
  }

  /** Sets or clears (null, '') one field; false when the value is not acceptable. */
  setCardField<K extends NodeFieldKey>(id: string, key: K, value: NodeFieldValue<K> | null): boolean {
    if (this.readOnly) return false;
    return setNodeField(this.doc, id as NodeId, key, value, this.origin);
  }

  addTag(id: string, tag: string): boolean {
    if (this.readOnly) return false;
    return addNodeTag(this.doc, id as NodeId, tag, this.origin);
  }

  removeTag(id: string, tag: string): void {
    if (this.readOnly) return;
    removeNodeTag(this.doc, id as NodeId, tag, this.origin);
  }

  setCapability(id: string, tag: CapabilityTag, on: boolean): void {
    if (this.readOnly) return;
    setNodeCapability(this.doc, id as NodeId, tag, on, this.origin);
  }

  /** Appends a dated entry (review, reading, health rating); its id, or null when refused. */
  addEntry<K extends EntryListKey>(id: string, list: K, entry: NewEntry<K>): string | null {
    if (this.readOnly) return null;
    return addEntry(this.doc, id as NodeId, list, entry, this.origin);
  }

  removeEntry(id: string, list: EntryListKey, entryId: string): void {
    if (this.readOnly) return;
    removeEntry(this.doc, id as NodeId, list, entryId, this.origin);
  }

  /** Attaches a card to a card or link, or detaches it (null) and places it. */
  attach(id: string, host: string | null, position?: { x: number; y: number }): AttachResult {
    if (this.readOnly) return { ok: false, reason: 'missing-node' };
    return attachNode(this.doc, id as NodeId, host, this.origin, position);
  }

  setFrameBounds(id: string, bounds: { x: number; y: number; width: number; height: number }): void {
    if (this.readOnly) return;
    setNodeBounds(this.doc, id as NodeId, bounds, this.origin);
  }

  moveCards(positions: readonly NodePosition[]): void {
    if (this.readOnly) return;
    moveNodes(this.doc, positions, this.origin);
  }

  /** Finished moves (a drop); levelled cards dropped into another lane take its level. */
  moveCardsAcrossLanes(moves: readonly LaneMove[]): { id: NodeId; level: Level }[] {
    if (this.readOnly) return [];
    return moveNodesAcrossLanes(this.doc, moves, this.origin);
  }

  /**
   * Writes an automatic layout as one change, one undo step of its own (never merged with an edit
   * made just before it); cards it places in a lane take the lane's level.
   */
  applyLayout(result: LayoutResult): { id: NodeId; level: Level }[] {
    if (this.readOnly) return [];
    this.undo?.stopCapturing();
    const levelled = writeLayout(this.doc, result, this.origin);
    this.undo?.stopCapturing();
    return levelled;
  }

  link(source: string, target: string, relation: LinkRelation | null = null): LinkResult {
    if (this.readOnly) return { ok: false, reason: 'read-only' };
    return connect(this.doc, { source: source as NodeId, target: target as NodeId, relation }, this.origin);
  }

  /** Sets a link's rationale (stored as its label). */
  setLinkLabel(id: string, label: string): void {
    if (this.readOnly) return;
    setEdgeLabel(this.doc, id as EdgeId, label, this.origin);
  }

  setLinkField<K extends EdgeFieldKey>(id: string, key: K, value: EdgeFieldValue<K> | null): void {
    if (this.readOnly) return;
    setEdgeField(this.doc, id as EdgeId, key, value, this.origin);
  }

  setLanes(lanes: Lanes | null): void {
    if (this.readOnly) return;
    setLanes(this.doc, lanes, this.origin);
  }

  setCeiling(y: number | null): void {
    if (this.readOnly) return;
    setCeiling(this.doc, y, this.origin);
  }

  /** Deletes cards (with their links and attachments) and links as one change, so one undo brings all back. */
  remove(nodeIds: readonly string[], edgeIds: readonly string[]): void {
    if (this.readOnly || (nodeIds.length === 0 && edgeIds.length === 0)) return;
    this.doc.transact(() => {
      if (edgeIds.length > 0) disconnect(this.doc, edgeIds as EdgeId[], this.origin);
      if (nodeIds.length > 0) removeNodes(this.doc, nodeIds as NodeId[], this.origin);
    }, this.origin);
  }
}

/** Why a link was refused, in words for a toast (errors:refusedLink.*), in the interface's language. */
export function describeRefusedLink(reason: Exclude<LinkResult, { ok: true }>['reason']): string {
  return i18next.t(`errors:refusedLink.${reason}`);
}

/** Why an attachment was refused, in words for a toast (errors:refusedAttach.*). */
export function describeRefusedAttach(reason: Exclude<AttachResult, { ok: true }>['reason']): string {
  return i18next.t(`errors:refusedAttach.${reason}`);
}
