import * as Y from 'yjs';
import { isNodeKind, type NodeKind } from '../model/kinds.ts';
import { cardTitle } from '../analysis/cardTitle.ts';
import { getEdges, getMeta, getNodes } from '../doc/layout.ts';
import type { ChangeSummary, SummaryElement } from './types.ts';
import { CARD_DIFF_KEYS, LINK_DIFF_KEYS } from './comparedFields.ts';

/**
 * Names what each update did to a map, as a facilitator would say it: cards and links added,
 * removed, changed (which fields), moved; the map renamed. The server keeps one per open map and
 * calls take() from its doc.on('update') handler, once per logged update: Yjs runs observers
 * (observeDeep included) in the transaction's cleanup before it emits 'update', so by then the
 * tracker has seen the update's events (changeTracker.test.ts checks this ordering).
 *
 * It runs on every update, so it works from the events alone and never reads the whole map: a
 * small index (card id -> kind and title, link id -> ends) is built once and kept current, and
 * is what names a card or link that an update removed (its record is gone by then).
 *
 * A tracker made before the document is loaded sees the load as cards added: take() once after
 * loading to drop that, or make the tracker after the load (it indexes what is there).
 */

interface CardEntry {
  kind: NodeKind;
  title: string;
}
interface LinkEntry {
  source: string;
  target: string;
}

/** Record keys of a card whose change is a move, not an edit. */
const POSITION_KEYS = new Set(['x', 'y']);
/** Containers a card is given empty when it is created or changes kind (not an edit of them). */
const CONTAINER_KEYS = new Set(['tags', 'capabilities', 'reviews', 'readings', 'health']);
/**
 * Record keys readers know (the JSON keys; a link's rationale is stored as `label`). Keys another
 * client invented are ignored by readers, so changing them changes nothing anyone sees.
 */
const CARD_KEYS = new Set<string>(CARD_DIFF_KEYS);
const LINK_KEYS = new Set<string>(['label', ...LINK_DIFF_KEYS]);
/** Meta keys people change; schemaVersion is the format's own. */
const META_KEYS = new Set(['title', 'kind', 'lanes', 'ceilingY']);

/** What happened to one card or link since the last take. */
interface Pending {
  /** It did not exist before this take's first event. */
  added: boolean;
  /** It does not exist any more. */
  removed: boolean;
  /** Its whole record was written anew under the same id. */
  replaced: boolean;
  fields: Set<string>;
  moved: boolean;
}

export class ChangeTracker {
  private readonly cards = new Map<string, CardEntry>();
  private readonly links = new Map<string, LinkEntry>();
  /** Entries of records removed since the last take, kept to name them (and their links' ends). */
  private readonly goneCards = new Map<string, CardEntry>();
  private readonly goneLinks = new Map<string, LinkEntry>();
  private readonly pendingCards = new Map<string, Pending>();
  private readonly pendingLinks = new Map<string, Pending>();
  private readonly pendingMeta = new Set<string>();
  private readonly nodes: Y.Map<Y.Map<unknown>>;
  private readonly edges: Y.Map<Y.Map<unknown>>;
  private readonly meta: Y.Map<unknown>;
  private destroyed = false;

  constructor(doc: Y.Doc) {
    this.nodes = getNodes(doc);
    this.edges = getEdges(doc);
    this.meta = getMeta(doc);
    // The one full read: the index of what exists when the tracker starts.
    this.nodes.forEach((record, id) => this.indexCard(id, record));
    this.edges.forEach((record, id) => this.indexLink(id, record));
    this.nodes.observeDeep(this.onNodes);
    this.edges.observeDeep(this.onEdges);
    this.meta.observe(this.onMeta);
  }

  /** What happened since the last take (or since the tracker started); null when nothing did. */
  take(): { summary: ChangeSummary; ids: string[] } | null {
    const summary: ChangeSummary = { added: [], removed: [], changed: [], moved: [], meta: [] };
    const ids: string[] = [];
    for (const id of sortedKeys(this.pendingCards)) {
      const pending = this.pendingCards.get(id)!;
      // Added and removed within one take: nobody saw it, so nothing happened.
      if (pending.added && pending.removed) continue;
      const element = this.cardElement(id);
      if (!element) continue;
      ids.push(id);
      if (pending.added) summary.added.push(element);
      else if (pending.removed) summary.removed.push(element);
      else if (pending.fields.size > 0 || pending.replaced)
        summary.changed.push({ ...element, fields: inReadingOrder(pending.fields) });
      else if (pending.moved) summary.moved.push(element);
      else ids.pop();
    }
    for (const id of sortedKeys(this.pendingLinks)) {
      const pending = this.pendingLinks.get(id)!;
      if (pending.added && pending.removed) continue;
      const element = this.linkElement(id);
      if (!element) continue;
      ids.push(id);
      if (pending.added) summary.added.push(element);
      else if (pending.removed) summary.removed.push(element);
      else if (pending.fields.size > 0 || pending.replaced)
        summary.changed.push({ ...element, fields: inReadingOrder(pending.fields) });
      else ids.pop();
    }
    summary.meta = [...this.pendingMeta].sort();
    this.pendingCards.clear();
    this.pendingLinks.clear();
    this.pendingMeta.clear();
    this.goneCards.clear();
    this.goneLinks.clear();
    const empty =
      summary.added.length + summary.removed.length + summary.changed.length + summary.moved.length === 0 &&
      summary.meta.length === 0;
    return empty ? null : { summary, ids: ids.sort() };
  }

  /** Stops observing the document (safe to call twice). */
  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.nodes.unobserveDeep(this.onNodes);
    this.edges.unobserveDeep(this.onEdges);
    this.meta.unobserve(this.onMeta);
  }

  private readonly onNodes = (events: Y.YEvent<Y.AbstractType<unknown>>[]): void => {
    for (const event of events) {
      const path = event.path;
      if (path.length === 0) {
        for (const id of (event as Y.YMapEvent<unknown>).keysChanged) this.cardKeyChanged(id);
        continue;
      }
      const id = String(path[0]);
      if (path.length === 1) {
        // The card's own record: scalar fields, position, a text or container set whole.
        const keys = (event as Y.YMapEvent<unknown>).keysChanged;
        for (const key of keys) {
          if (POSITION_KEYS.has(key)) this.pending(this.pendingCards, id).moved = true;
          else if (CONTAINER_KEYS.has(key) && isFreshContainer(event as Y.YMapEvent<unknown>, key)) continue;
          else this.cardField(id, key);
        }
      } else {
        // Inside a text or container of the card: typing in the title, a tag, an entry.
        this.cardField(id, String(path[1]));
      }
    }
  };

  private readonly onEdges = (events: Y.YEvent<Y.AbstractType<unknown>>[]): void => {
    for (const event of events) {
      const path = event.path;
      if (path.length === 0) {
        for (const id of (event as Y.YMapEvent<unknown>).keysChanged) this.linkKeyChanged(id);
        continue;
      }
      const id = String(path[0]);
      const keys = path.length === 1 ? (event as Y.YMapEvent<unknown>).keysChanged : [String(path[1])];
      for (const key of keys) this.linkField(id, key);
    }
  };

  private readonly onMeta = (event: Y.YMapEvent<unknown>): void => {
    for (const key of event.keysChanged) if (META_KEYS.has(key)) this.pendingMeta.add(key);
  };

  private cardKeyChanged(id: string): void {
    const record = this.nodes.get(id);
    const known = this.cards.get(id);
    const pending = this.pending(this.pendingCards, id);
    if (record instanceof Y.Map) {
      if (known || pending.removed) {
        // The whole record replaced under the same id, or removed and written back: what it
        // holds now is not known field by field, so it reads as changed.
        pending.removed = false;
        pending.replaced = true;
      } else pending.added = true;
      this.indexCard(id, record);
    } else if (known) {
      pending.removed = true;
      this.goneCards.set(id, known);
      this.cards.delete(id);
    }
  }

  private linkKeyChanged(id: string): void {
    const record = this.edges.get(id);
    const known = this.links.get(id);
    const pending = this.pending(this.pendingLinks, id);
    if (record instanceof Y.Map) {
      if (known || pending.removed) {
        pending.removed = false;
        pending.replaced = true;
      } else pending.added = true;
      this.indexLink(id, record);
    } else if (known) {
      pending.removed = true;
      this.goneLinks.set(id, known);
      this.links.delete(id);
    }
  }

  private cardField(id: string, key: string): void {
    if (!CARD_KEYS.has(key)) return;
    if (key === 'label' || key === 'kind') {
      const record = this.nodes.get(id);
      if (record instanceof Y.Map) this.indexCard(id, record);
    }
    const pending = this.pending(this.pendingCards, id);
    // Edits to a card added since the last take are part of adding it.
    if (!pending.added) pending.fields.add(key);
  }

  private linkField(id: string, key: string): void {
    if (!LINK_KEYS.has(key)) return;
    if (key === 'source' || key === 'target') {
      const record = this.edges.get(id);
      if (record instanceof Y.Map) this.indexLink(id, record);
    }
    const pending = this.pending(this.pendingLinks, id);
    // The rationale is stored under `label` (as in version 1); summaries use the JSON key.
    if (!pending.added) pending.fields.add(key === 'label' ? 'rationale' : key);
  }

  private pending(map: Map<string, Pending>, id: string): Pending {
    let entry = map.get(id);
    if (!entry) {
      entry = { added: false, removed: false, replaced: false, fields: new Set(), moved: false };
      map.set(id, entry);
    }
    return entry;
  }

  private indexCard(id: string, record: unknown): void {
    if (!(record instanceof Y.Map)) return;
    const kind = record.get('kind');
    const label = record.get('label');
    const text = label instanceof Y.Text ? label.toString() : typeof label === 'string' ? label : '';
    const cardKind = isNodeKind(kind) ? kind : 'note';
    this.cards.set(id, { kind: cardKind, title: cardTitle({ kind: cardKind, label: text }) });
  }

  private indexLink(id: string, record: unknown): void {
    if (!(record instanceof Y.Map)) return;
    const source = record.get('source');
    const target = record.get('target');
    if (typeof source === 'string' && typeof target === 'string') this.links.set(id, { source, target });
  }

  private cardEntry(id: string): CardEntry | undefined {
    return this.cards.get(id) ?? this.goneCards.get(id);
  }

  private cardElement(id: string): SummaryElement | null {
    const entry = this.cardEntry(id);
    return entry ? { id, kind: entry.kind, label: entry.title } : null;
  }

  private linkElement(id: string): SummaryElement | null {
    const entry = this.links.get(id) ?? this.goneLinks.get(id);
    if (!entry) return null;
    const end = (cardId: string): string => this.cardEntry(cardId)?.title ?? 'a deleted card';
    return { id, kind: 'link', label: `${end(entry.source)} → ${end(entry.target)}` };
  }
}

/** True when `key` was just given an empty container (a new card's or a kind's, not an edit). */
function isFreshContainer(event: Y.YMapEvent<unknown>, key: string): boolean {
  const value = (event.target as Y.Map<unknown>).get(key);
  const empty = (value instanceof Y.Map && value.size === 0) || (value instanceof Y.Array && value.length === 0);
  return empty && event.changes.keys.get(key)?.action === 'add';
}

const FIELD_RANK = new Map<string, number>([...CARD_DIFF_KEYS, ...LINK_DIFF_KEYS].map((key, i) => [key, i]));

/** Fields in the order an inspector shows them (what describeChange lists first). */
function inReadingOrder(fields: ReadonlySet<string>): string[] {
  const rank = (key: string): number => FIELD_RANK.get(key) ?? FIELD_RANK.size;
  return [...fields].sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
}

function sortedKeys(map: ReadonlyMap<string, unknown>): string[] {
  return [...map.keys()].sort();
}
