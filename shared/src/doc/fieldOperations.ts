import * as Y from 'yjs';
import { isValidId, randomId, type EdgeId, type NodeId } from '../model/ids.ts';
import { isAttachableKind, isNodeKind, type NodeKind } from '../model/kinds.ts';
import {
  CAPABILITY_KINDS,
  FIVE_CAPABILITIES,
  LINK_RELATIONS,
  LINK_STATUSES,
  LOW_MEDIUM_HIGH,
  MAX_ENTRIES,
  MAX_NARRATIVE_LENGTH,
  MAX_TAGS,
  NODE_FIELDS,
  NODE_FIELD_KEYS,
  normaliseTag,
  oneOf,
  tagKey,
  type CapabilityTag,
  type NodeFieldKey,
  type NodeFieldValue,
  type NodeFields,
} from '../model/fields.ts';
import {
  ENTRY_LIST_KEYS,
  ENTRY_PARSERS,
  HISTORY_OF_KIND,
  type EntryListKey,
  type EntryTypes,
} from '../model/entries.ts';
import { parseLanes, type Lanes } from '../model/lanes.ts';
import { getEdges, getMeta, getNodes, type NodeRecord } from './layout.ts';
import { clampCoordinate, clampSize, makeText, setRecordText } from './primitives.ts';
import type { Origin } from './origin.ts';

/**
 * Named operations on the details of cards and links: fields, tags, capability tags, the
 * narrative, dated histories, attachments, frame sizes, and the map's lanes and ceiling. Like
 * every operation, each is one transaction with a typed origin, and each refuses (returns false)
 * rather than writes what a reader would have to discard.
 */

const nodeRecord = (doc: Y.Doc, id: string): NodeRecord | null => {
  const record = getNodes(doc).get(id);
  return record instanceof Y.Map ? record : null;
};

/**
 * A record's Y.Map child under `key`, created when missing (a set of tags, say). Creating one
 * late is a race: two peers who each create the missing child at once write two Y.Maps under
 * one key, and only one survives the merge, with what was put in it. So cards get the
 * containers of their kind when they are created (writeNodeDetails) or change kind
 * (addContainersFor); this only creates what a card of a v1 document, or another kind, lacks.
 */
export function childMap(record: Y.Map<unknown>, key: string): Y.Map<unknown> {
  const existing = record.get(key);
  if (existing instanceof Y.Map) return existing;
  const created = new Y.Map<unknown>();
  record.set(key, created);
  return created;
}

export function childArray(record: Y.Map<unknown>, key: string): Y.Array<unknown> {
  const existing = record.get(key);
  if (existing instanceof Y.Array) return existing;
  const created = new Y.Array<unknown>();
  record.set(key, created);
  return created;
}

/**
 * Sets one scalar field of a node; null (or an empty text) clears it. Returns false when the node
 * does not exist or the value is not one the field accepts.
 */
export function setNodeField<K extends NodeFieldKey>(
  doc: Y.Doc,
  id: NodeId,
  key: K,
  value: NodeFieldValue<K> | null,
  origin: Origin,
): boolean {
  const record = nodeRecord(doc, id);
  if (!record) return false;
  const parsed = value === null ? null : NODE_FIELDS[key].parse(value);
  if (value !== null && parsed === null) return false;
  const clear = parsed === null || parsed === '';
  if (clear ? !record.has(key) : record.get(key) === parsed) return true;
  doc.transact(() => {
    if (clear) record.delete(key);
    else record.set(key, parsed);
  }, origin);
  return true;
}

/** Sets several scalar fields of a node at once (one change, one undo step). */
export function setNodeFields(doc: Y.Doc, id: NodeId, fields: Partial<NodeFields>, origin: Origin): boolean {
  const record = nodeRecord(doc, id);
  if (!record) return false;
  let ok = true;
  doc.transact(() => {
    for (const key of NODE_FIELD_KEYS) {
      if (!(key in fields)) continue;
      ok = setNodeField(doc, id, key, (fields as Record<string, never>)[key] ?? null, origin) && ok;
    }
  }, origin);
  return ok;
}

/** Sets a node's narrative (Markdown) with a minimal text edit. */
export function setNodeNarrative(doc: Y.Doc, id: NodeId, narrative: string, origin: Origin): boolean {
  return setRecordText(doc, nodeRecord(doc, id), 'narrative', narrative, origin, MAX_NARRATIVE_LENGTH);
}

/**
 * Adds a tag. Tags are a set keyed by their lower-case form, so two peers adding "Youth" and
 * "youth" at once end up with one tag. Returns false for an empty tag, a missing node, or a
 * card that already has MAX_TAGS.
 */
export function addNodeTag(doc: Y.Doc, id: NodeId, tag: string, origin: Origin): boolean {
  const record = nodeRecord(doc, id);
  const normal = normaliseTag(tag);
  if (!record || !normal) return false;
  const existing = record.get('tags');
  const key = tagKey(normal);
  if (existing instanceof Y.Map) {
    if (existing.get(key) === normal) return true;
    if (!existing.has(key) && existing.size >= MAX_TAGS) return false;
  }
  doc.transact(() => childMap(record, 'tags').set(key, normal), origin);
  return true;
}

export function removeNodeTag(doc: Y.Doc, id: NodeId, tag: string, origin: Origin): boolean {
  const tags = nodeRecord(doc, id)?.get('tags');
  const normal = normaliseTag(tag);
  if (!(tags instanceof Y.Map) || !normal || !tags.has(tagKey(normal))) return false;
  doc.transact(() => tags.delete(tagKey(normal)), origin);
  return true;
}

const capability = oneOf(FIVE_CAPABILITIES);

/** Turns one of the five capability tags on or off for a card. */
export function setNodeCapability(doc: Y.Doc, id: NodeId, tag: CapabilityTag, on: boolean, origin: Origin): boolean {
  const record = nodeRecord(doc, id);
  if (!record || !capability.parse(tag)) return false;
  const existing = record.get('capabilities');
  const has = existing instanceof Y.Map && existing.get(tag) === true;
  if (has === on) return true;
  doc.transact(() => {
    const set = childMap(record, 'capabilities');
    if (on) set.set(tag, true);
    else set.delete(tag);
  }, origin);
  return true;
}

export type NewEntry<K extends EntryListKey> = Omit<EntryTypes[K], 'id'> & { id?: string };

/**
 * Appends an entry to one of a card's dated histories (an assumption's reviews, an indicator's
 * readings, a partner's health ratings). Returns the entry's id, or null when the node is missing,
 * the entry is invalid, or the history is full.
 */
export function addEntry<K extends EntryListKey>(
  doc: Y.Doc,
  id: NodeId,
  list: K,
  entry: NewEntry<K>,
  origin: Origin,
): string | null {
  const record = nodeRecord(doc, id);
  if (!record) return null;
  const candidate = { ...entry, id: entry.id ?? randomId() };
  const parsed = ENTRY_PARSERS[list](candidate);
  if (!parsed) return null;
  const existing = record.get(list);
  if (existing instanceof Y.Array && existing.length >= MAX_ENTRIES) return null;
  // Stored as a plain object: an entry is written once and never edited, only removed.
  doc.transact(() => childArray(record, list).push([{ ...parsed }]), origin);
  return parsed.id;
}

/** Removes one entry of a history by its id. */
export function removeEntry(doc: Y.Doc, id: NodeId, list: EntryListKey, entryId: string, origin: Origin): boolean {
  const array = nodeRecord(doc, id)?.get(list);
  if (!(array instanceof Y.Array)) return false;
  const index = array
    .toArray()
    .findIndex((item) => typeof item === 'object' && item !== null && (item as { id?: unknown }).id === entryId);
  if (index < 0) return false;
  doc.transact(() => array.delete(index, 1), origin);
  return true;
}

export type AttachResult =
  | { ok: true }
  | { ok: false; reason: 'missing-node' | 'not-attachable' | 'bad-host' | 'has-attachments' | 'has-links' };

/** True when some card is attached to `id` (a standalone assumption can carry evidence, say). */
function carriesAttachments(doc: Y.Doc, id: string): boolean {
  let found = false;
  getNodes(doc).forEach((record) => {
    if (!found && record instanceof Y.Map && record.get('attachedTo') === id) found = true;
  });
  return found;
}

/**
 * Attaches an assumption, indicator or evidence card to a host card or link, or detaches it
 * (host null), optionally placing it (a detached card comes back next to its host). Hosts are
 * cards that stand on the canvas and are not frames, or links. A card that carries attachments
 * itself cannot be attached: its own attachments would lose their host (readers would put them
 * back on the canvas), and removing its host would leave them behind. Nor can a card linked to
 * other cards than its new host; a link to the host itself is replaced by the attachment.
 */
export function attachNode(
  doc: Y.Doc,
  id: NodeId,
  host: string | null,
  origin: Origin,
  position?: { x: number; y: number },
): AttachResult {
  const record = nodeRecord(doc, id);
  if (!record) return { ok: false, reason: 'missing-node' };
  const kind = record.get('kind');
  if (!isNodeKind(kind) || !isAttachableKind(kind)) return { ok: false, reason: 'not-attachable' };
  if (host !== null) {
    if (!isValidId(host) || host === id) return { ok: false, reason: 'bad-host' };
    const hostNode = nodeRecord(doc, host);
    if (hostNode) {
      const hostKind = hostNode.get('kind');
      const hostAttached = hostNode.get('attachedTo');
      if (hostKind === 'group' || (typeof hostAttached === 'string' && hostAttached.length > 0)) {
        return { ok: false, reason: 'bad-host' };
      }
    } else if (!(getEdges(doc).get(host) instanceof Y.Map)) {
      return { ok: false, reason: 'missing-node' };
    }
    if (carriesAttachments(doc, id)) return { ok: false, reason: 'has-attachments' };
  }
  // An attached card is not drawn, nor are its links: a link to anything but the new host would
  // vanish from the canvas. A link between the card and its host says what the attachment says.
  const linksToHost: string[] = [];
  if (host !== null) {
    let other = false;
    getEdges(doc).forEach((edge, edgeId) => {
      if (!(edge instanceof Y.Map)) return;
      const source = edge.get('source');
      const target = edge.get('target');
      if (source !== id && target !== id) return;
      if (source === host || target === host) linksToHost.push(edgeId);
      else other = true;
    });
    if (other) return { ok: false, reason: 'has-links' };
  }
  doc.transact(() => {
    const edges = getEdges(doc);
    for (const edgeId of linksToHost) edges.delete(edgeId);
    if (host === null) record.delete('attachedTo');
    else record.set('attachedTo', host);
    if (position) {
      record.set('x', clampCoordinate(position.x));
      record.set('y', clampCoordinate(position.y));
    }
  }, origin);
  return { ok: true };
}

/** Moves and resizes a pathway frame in one change (resizing from the top or left moves it). */
export function setNodeBounds(
  doc: Y.Doc,
  id: NodeId,
  bounds: { x: number; y: number; width: number; height: number },
  origin: Origin,
): boolean {
  const record = nodeRecord(doc, id);
  if (!record || record.get('kind') !== 'group') return false;
  doc.transact(() => {
    const next = {
      x: clampCoordinate(bounds.x),
      y: clampCoordinate(bounds.y),
      width: clampSize(bounds.width),
      height: clampSize(bounds.height),
    };
    for (const [key, value] of Object.entries(next)) if (record.get(key) !== value) record.set(key, value);
  }, origin);
  return true;
}

const relation = oneOf(LINK_RELATIONS);
const confidence = oneOf(LOW_MEDIUM_HIGH);
const linkStatus = oneOf(LINK_STATUSES);
const EDGE_FIELDS = { relation, confidence, status: linkStatus } as const;
export type EdgeFieldKey = keyof typeof EDGE_FIELDS;
export type EdgeFieldValue<K extends EdgeFieldKey> = NonNullable<ReturnType<(typeof EDGE_FIELDS)[K]['parse']>>;

/** Sets a link's relation, confidence or status; null clears it. */
export function setEdgeField<K extends EdgeFieldKey>(
  doc: Y.Doc,
  id: EdgeId,
  key: K,
  value: EdgeFieldValue<K> | null,
  origin: Origin,
): boolean {
  const record = getEdges(doc).get(id);
  if (!(record instanceof Y.Map)) return false;
  if (value !== null && EDGE_FIELDS[key].parse(value) === null) return false;
  if (value === null ? !record.has(key) : record.get(key) === value) return true;
  doc.transact(() => {
    if (value === null) record.delete(key);
    else record.set(key, value);
  }, origin);
  return true;
}

/** Draws the level swimlanes (or removes them, with null). */
export function setLanes(doc: Y.Doc, lanes: Lanes | null, origin: Origin): boolean {
  if (lanes !== null && parseLanes(lanes) === null) return false;
  doc.transact(() => {
    const meta = getMeta(doc);
    if (lanes === null) meta.delete('lanes');
    else meta.set('lanes', { bounds: lanes.bounds.map((y) => Math.round(y)) });
  }, origin);
  return true;
}

/** Moves the accountability ceiling (or removes it, with null). */
export function setCeiling(doc: Y.Doc, y: number | null, origin: Origin): boolean {
  if (y !== null && !Number.isFinite(y)) return false;
  doc.transact(() => {
    const meta = getMeta(doc);
    if (y === null) meta.delete('ceilingY');
    else meta.set('ceilingY', clampCoordinate(Math.round(y)));
  }, origin);
  return true;
}

/**
 * Gives a card the containers its kind uses (tags; capability tags for outcomes; the kind's
 * dated history), so that later first writes by two peers at once land in the same container.
 * Call inside the transaction that changes the kind.
 */
export function addContainersFor(record: NodeRecord, kind: NodeKind): void {
  childMap(record, 'tags');
  if (CAPABILITY_KINDS.includes(kind)) childMap(record, 'capabilities');
  const list = HISTORY_OF_KIND[kind];
  if (list) childArray(record, list);
}

/** The optional parts of a node being created (see AddNodeInput), written into its record. */
export interface NodeDetails {
  narrative?: string;
  tags?: readonly string[];
  fields?: Partial<NodeFields>;
  capabilities?: readonly CapabilityTag[];
  attachedTo?: string | null;
  reviews?: readonly EntryTypes['reviews'][];
  readings?: readonly EntryTypes['readings'][];
  health?: readonly EntryTypes['health'][];
}

/**
 * Writes a new node's details into its record before the record joins the document, with the
 * containers of its kind even when empty (see addContainersFor). (A Y.Map that is not in a
 * document yet cannot be read back, hence the kind passed in.)
 */
export function writeNodeDetails(record: NodeRecord, id: string, kind: NodeKind, details: NodeDetails): void {
  if (details.narrative) record.set('narrative', makeText(details.narrative, MAX_NARRATIVE_LENGTH));
  if (details.fields) {
    for (const key of NODE_FIELD_KEYS) {
      const value = details.fields[key];
      const parsed = value == null ? null : NODE_FIELDS[key].parse(value);
      if (parsed !== null && parsed !== '') record.set(key, parsed);
    }
  }
  const tags = new Y.Map<unknown>();
  for (const tag of details.tags?.slice(0, MAX_TAGS) ?? []) {
    const normal = normaliseTag(tag);
    if (normal) tags.set(tagKey(normal), normal);
  }
  record.set('tags', tags);
  if (CAPABILITY_KINDS.includes(kind) || (details.capabilities && details.capabilities.length > 0)) {
    const set = new Y.Map<unknown>();
    for (const tag of details.capabilities ?? []) if (capability.parse(tag)) set.set(tag, true);
    record.set('capabilities', set);
  }
  if (details.attachedTo && isValidId(details.attachedTo) && details.attachedTo !== id && isAttachableKind(kind)) {
    record.set('attachedTo', details.attachedTo);
  }
  for (const list of ENTRY_LIST_KEYS) {
    const entries = details[list] ?? [];
    if (entries.length === 0 && HISTORY_OF_KIND[kind] !== list) continue;
    const parse = ENTRY_PARSERS[list];
    const array = new Y.Array<unknown>();
    array.push(
      entries
        .slice(0, MAX_ENTRIES)
        .map((entry) => parse(entry))
        .filter((entry) => entry !== null)
        .map((entry) => ({ ...entry })),
    );
    record.set(list, array);
  }
}
