import type * as Y from 'yjs';
import {
  getEdges,
  getNodes,
  isAttachableKind,
  readEdge,
  readNode,
  resolveAttachment,
  type EdgeView,
  type NodeView,
} from '@loopmap/shared';
import {
  markReverse,
  summarise,
  toCardNode,
  toLinkEdge,
  type AttachedSummary,
  type CardNode,
  type LinkEdge,
  type NodeOverlay,
} from './toFlow.ts';

/** What a batch of observeDeep events on the nodes or edges map touched. */
export interface RecordChanges {
  /** Every record id whose content, or presence, changed. */
  readonly changed: ReadonlySet<string>;
  /** Ids added to or deleted from the map itself (a node's existence decides its links' fate). */
  readonly addedOrDeleted: ReadonlySet<string>;
}

/** Reads the record ids out of observeDeep events on a root map of records. */
export function collectChanges(events: readonly Y.YEvent<Y.AbstractType<unknown>>[], root: object): RecordChanges {
  const changed = new Set<string>();
  const addedOrDeleted = new Set<string>();
  for (const event of events) {
    if (event.target === root) {
      event.changes.keys.forEach((change, key) => {
        changed.add(key);
        if (change.action !== 'update') addedOrDeleted.add(key);
      });
    } else {
      // A change inside a record (a field, or its label's Y.Text): the path starts at its id.
      const id = event.path[0];
      if (typeof id === 'string') changed.add(id);
    }
  }
  return { changed, addedOrDeleted };
}

/** A node's attachment as written (before checking its host), for the index of hosts. */
function writtenHost(view: NodeView | null): string | null {
  return view && view.attachedTo !== null && isAttachableKind(view.kind) ? view.attachedTo : null;
}

/**
 * The live projection of one document, kept up to date change by change. It remembers which cards
 * are attached to which host (so a change to an indicator re-projects its outcome's badges, and
 * deleting a link brings its assumptions back onto the canvas) and which cards are hidden (so a
 * link to a card that just got attached disappears with it).
 */
export class LiveProjection {
  private readonly hostOf = new Map<string, string>();
  private readonly childrenOf = new Map<string, Set<string>>();
  /** Cards not drawn because they are attached. */
  private readonly hidden = new Set<string>();

  constructor(private readonly doc: Y.Doc) {
    getNodes(doc).forEach((record, id) => this.index(id, writtenHost(readNode(id, record))));
  }

  /** Everything, as when a map opens. */
  projectAll(overlay: NodeOverlay): { nodes: CardNode[]; edges: LinkEdge[] } {
    const nodes: CardNode[] = [];
    getNodes(this.doc).forEach((record, id) => {
      const view = readNode(id, record);
      if (!view) return;
      const host = this.effectiveHost(view);
      if (host !== null) {
        this.hidden.add(id);
        return;
      }
      this.hidden.delete(id);
      nodes.push(toCardNode(view, undefined, overlay, this.summaryOf(id)));
    });
    const edges: LinkEdge[] = [];
    getEdges(this.doc).forEach((record, id) => {
      const view = this.visibleEdge(id, record);
      if (view) edges.push(toLinkEdge(view, undefined, overlay, this.summaryOf(id)));
    });
    return { nodes, edges: markReverse(edges) };
  }

  /**
   * Re-projects after document changes: `nodeIds` and `edgeIds` are the records that changed
   * (see collectChanges). Returns `prev` arrays themselves where nothing visible changed.
   */
  patch(
    prevNodes: CardNode[],
    prevEdges: LinkEdge[],
    nodeIds: ReadonlySet<string>,
    edgeIds: ReadonlySet<string>,
    overlay: NodeOverlay,
  ): { nodes: CardNode[]; edges: LinkEdge[] } {
    const records = getNodes(this.doc);
    const cards = new Set<string>();
    const links = new Set<string>(edgeIds);
    // Cards whose existence or visibility flipped: their links must be looked at again.
    const flipped = new Set<string>();
    for (const id of nodeIds) {
      cards.add(id);
      const view = readNode(id, records.get(id));
      const before = this.hostOf.get(id) ?? null;
      const after = writtenHost(view);
      if (before !== after) {
        this.index(id, after);
        for (const host of [before, after]) if (host !== null) this.touchHost(host, cards, links);
      } else if (after !== null) {
        // A change inside an attachment (a new reading, a review) changes its host's badges.
        this.touchHost(after, cards, links);
      }
      // Its own attachments may have become free (a deleted host, a host turned into a frame).
      for (const child of this.childrenOf.get(id) ?? []) cards.add(child);
      if (!view) flipped.add(id);
    }
    // A link appeared or went: attachments on it change visibility.
    for (const id of edgeIds) for (const child of this.childrenOf.get(id) ?? []) cards.add(child);

    let nodes = prevNodes;
    if (cards.size > 0) {
      const drawnBefore = new Set(prevNodes.map((node) => node.id));
      nodes = this.patchNodes(prevNodes, cards, overlay);
      for (const id of cards) {
        const drawnNow = records.has(id) && !this.hidden.has(id);
        if (drawnNow !== drawnBefore.has(id)) flipped.add(id);
      }
    }
    const edges = this.patchEdges(prevEdges, links, flipped, overlay);
    return { nodes, edges };
  }

  /** Re-projects only what an overlay change touched (ids of cards or links). */
  repaint(
    prevNodes: CardNode[],
    prevEdges: LinkEdge[],
    ids: ReadonlySet<string>,
    overlay: NodeOverlay,
  ): { nodes: CardNode[]; edges: LinkEdge[] } {
    const cards = new Set<string>();
    const links = new Set<string>();
    const records = getNodes(this.doc);
    for (const id of ids) (records.has(id) ? cards : links).add(id);
    return {
      nodes: cards.size > 0 ? this.patchNodes(prevNodes, cards, overlay) : prevNodes,
      edges: links.size > 0 ? this.patchEdges(prevEdges, links, new Set(), overlay) : prevEdges,
    };
  }

  /** Whether a card is attached (so not on the canvas). */
  isHidden(id: string): boolean {
    return this.hidden.has(id);
  }

  private index(id: string, host: string | null): void {
    const before = this.hostOf.get(id);
    if (before !== undefined) {
      this.childrenOf.get(before)?.delete(id);
      if (this.childrenOf.get(before)?.size === 0) this.childrenOf.delete(before);
      this.hostOf.delete(id);
    }
    if (host !== null) {
      this.hostOf.set(id, host);
      let children = this.childrenOf.get(host);
      if (!children) this.childrenOf.set(host, (children = new Set()));
      children.add(id);
    }
  }

  private touchHost(host: string, cards: Set<string>, links: Set<string>): void {
    if (getNodes(this.doc).has(host)) cards.add(host);
    else links.add(host);
  }

  /** The host a card is really attached to, checked the way shared's MapGraph does. */
  private effectiveHost(view: NodeView): string | null {
    const host = writtenHost(view);
    if (host === null) return null;
    const hostView = readNode(host, getNodes(this.doc).get(host));
    const liveEdge = this.liveEdgeIds(host);
    return resolveAttachment(view, new Map(hostView ? [[host, hostView]] : []), liveEdge);
  }

  private liveEdgeIds(id: string): ReadonlySet<string> {
    const view = readEdge(id, getEdges(this.doc).get(id));
    const nodes = getNodes(this.doc);
    return view && nodes.has(view.source) && nodes.has(view.target) ? new Set([id]) : new Set();
  }

  /** The badges' summary of a host's attachments (only those really attached to it). */
  private summaryOf(host: string): AttachedSummary | null {
    const children = this.childrenOf.get(host);
    if (!children || children.size === 0) return null;
    const records = getNodes(this.doc);
    const views: NodeView[] = [];
    for (const id of children) {
      const view = readNode(id, records.get(id));
      if (view && this.effectiveHost(view) === host) views.push(view);
    }
    return summarise(views);
  }

  /** A link to draw: live, and neither end attached. */
  private visibleEdge(id: string, record: unknown): EdgeView | null {
    const view = readEdge(id, record);
    if (!view) return null;
    const nodes = getNodes(this.doc);
    if (!nodes.has(view.source) || !nodes.has(view.target)) return null;
    if (this.hidden.has(view.source) || this.hidden.has(view.target)) return null;
    return view;
  }

  private patchNodes(prev: CardNode[], ids: ReadonlySet<string>, overlay: NodeOverlay): CardNode[] {
    const records = getNodes(this.doc);
    const wanted = new Map<string, NodeView | null>();
    for (const id of ids) {
      const view = readNode(id, records.get(id));
      if (view && this.effectiveHost(view) !== null) {
        this.hidden.add(id);
        wanted.set(id, null);
      } else {
        this.hidden.delete(id);
        wanted.set(id, view);
      }
    }
    if (wanted.size === 0) return prev;
    let changed = false;
    const out: CardNode[] = [];
    for (const node of prev) {
      if (!wanted.has(node.id)) {
        out.push(node);
        continue;
      }
      const view = wanted.get(node.id);
      wanted.delete(node.id);
      if (!view) {
        changed = true;
        continue;
      }
      const next = toCardNode(view, node, overlay, this.summaryOf(view.id));
      if (next !== node) changed = true;
      out.push(next);
    }
    for (const view of wanted.values()) {
      if (!view) continue;
      out.push(toCardNode(view, undefined, overlay, this.summaryOf(view.id)));
      changed = true;
    }
    return changed ? out : prev;
  }

  /**
   * Re-projects the links with the given ids, plus every link that touches a card that appeared
   * or vanished (such a link may have just become drawable, or not).
   */
  private patchEdges(
    prev: LinkEdge[],
    ids: ReadonlySet<string>,
    flipped: ReadonlySet<string>,
    overlay: NodeOverlay,
  ): LinkEdge[] {
    const records = getEdges(this.doc);
    const wanted = new Map<string, EdgeView | null>();
    const read = (id: string, record: unknown): void => {
      wanted.set(id, this.visibleEdge(id, record));
    };
    for (const id of ids) read(id, records.get(id));
    if (flipped.size > 0) {
      // Links whose end appeared or vanished: in the document (new and still-dangling ones) ...
      records.forEach((record, id) => {
        const view = readEdge(id, record);
        if (view && (flipped.has(view.source) || flipped.has(view.target))) read(id, record);
      });
      // ... and on screen (links whose record already went with the node).
      for (const edge of prev) {
        if ((flipped.has(edge.source) || flipped.has(edge.target)) && !wanted.has(edge.id)) {
          read(edge.id, records.get(edge.id));
        }
      }
    }
    if (wanted.size === 0) return prev;
    let changed = false;
    const out: LinkEdge[] = [];
    for (const edge of prev) {
      if (!wanted.has(edge.id)) {
        out.push(edge);
        continue;
      }
      const view = wanted.get(edge.id);
      wanted.delete(edge.id);
      if (!view) {
        changed = true;
        continue;
      }
      const next = toLinkEdge(view, edge, overlay, this.summaryOf(view.id), edge.data?.reverse ?? false);
      if (next !== edge) changed = true;
      out.push(next);
    }
    for (const view of wanted.values()) {
      if (!view) continue;
      out.push(toLinkEdge(view, undefined, overlay, this.summaryOf(view.id)));
      changed = true;
    }
    return markReverse(changed ? out : prev);
  }
}
