import * as Y from 'yjs';
import { FIVE_CAPABILITIES, MAX_NARRATIVE_LENGTH, tagKey } from '../model/fields.ts';
import { ENTRY_PARSERS, type EntryBase, type EntryListKey } from '../model/entries.ts';
import { MAX_LABEL_LENGTH, SCHEMA_VERSION, type MapJSON } from '../model/mapJson.ts';
import type { CardDiff, FieldChange, LinkDiff, MapDiff } from '../history/types.ts';
import { diffMaps, isEmptyDiff } from '../history/diffMaps.ts';
import { sameValue } from '../history/comparedFields.ts';
import { getEdges, getMeta, getNodes } from './layout.ts';
import { addNodeInputOf, edgeRecordOf } from './convert.ts';
import { toMapJSON } from './validMapJson.ts';
import { addNode } from './operations.ts';
import { addContainersFor, childArray, childMap } from './fieldOperations.ts';
import { applyTextDiff, makeText } from './primitives.ts';
import type { Origin } from './origin.ts';

/**
 * Makes the document's content equal `target` (a snapshot, an earlier point) in ONE transaction
 * with as few writes as it takes: cards and links missing from the target are removed, missing
 * ones are added back under their ids, and a changed one gets only its changed fields written:
 * texts as minimal Y.Text edits, tags and capabilities key by key, dated histories by removing
 * and inserting entries, scalars and positions by value. So a restore is a new change like any
 * other (history is never rewritten), peers see it as one update, and what someone edits
 * concurrently on a card the restore leaves alone (or elsewhere in a text it edits) survives the
 * merge. Returns the diff it applied (from the content before to the target).
 */
export function restoreMapContent(doc: Y.Doc, target: MapJSON, origin: Origin): MapDiff {
  const diff = diffMaps(toMapJSON(doc), target);
  if (isEmptyDiff(diff)) return diff;
  doc.transact(() => {
    const nodes = getNodes(doc);
    const edges = getEdges(doc);
    for (const link of diff.links) if (link.state === 'removed') edges.delete(link.id);
    for (const card of diff.cards) if (card.state === 'removed') nodes.delete(card.id);
    const added = new Set<string>();
    for (const card of diff.cards) {
      if (card.state === 'added' && card.after) {
        addNode(doc, addNodeInputOf(card.after), origin);
        added.add(card.id);
      } else if (card.state === 'changed') {
        const record = nodes.get(card.id);
        if (record instanceof Y.Map) restoreCard(record, card);
      }
    }
    for (const link of diff.links) {
      if (link.state === 'added' && link.after) {
        edges.set(link.id, edgeRecordOf(link.after));
        added.add(link.id);
      } else if (link.state === 'changed') {
        const record = edges.get(link.id);
        if (record instanceof Y.Map) restoreLink(record, link);
      }
    }
    if (added.size > 0) letGoOfStaleAttachments(doc, target, added);
    restoreMeta(getMeta(doc), diff.meta);
  }, origin);
  return diff;
}

function restoreCard(record: Y.Map<unknown>, card: CardDiff): void {
  const after = card.after!;
  if (card.moved) {
    if (record.get('x') !== after.x) record.set('x', after.x);
    if (record.get('y') !== after.y) record.set('y', after.y);
  }
  for (const change of card.fields) {
    const { field } = change;
    switch (field) {
      case 'kind':
        record.set('kind', after.kind);
        // As setNodeKind does: the new kind's containers, so later first writes merge.
        addContainersFor(record, after.kind);
        break;
      case 'label':
        restoreText(record, 'label', after.label, MAX_LABEL_LENGTH);
        break;
      case 'narrative':
        restoreText(record, 'narrative', after.narrative ?? '', MAX_NARRATIVE_LENGTH);
        break;
      case 'tags':
        restoreTags(record, after.tags ?? []);
        break;
      case 'capabilities':
        restoreCapabilities(record, after.capabilities ?? []);
        break;
      case 'reviews':
      case 'readings':
      case 'health':
        restoreEntries(record, field, (after[field] ?? []) as readonly EntryBase[]);
        break;
      default:
        // attachedTo, width, height and the scalar fields: plain values, unset when undefined.
        restoreValue(record, field, change.after);
    }
  }
}

function restoreLink(record: Y.Map<unknown>, link: LinkDiff): void {
  for (const change of link.fields) {
    // The rationale is stored as the record's `label` text (as in version 1).
    if (change.field === 'rationale') restoreText(record, 'label', String(change.after ?? ''), MAX_LABEL_LENGTH);
    else restoreValue(record, change.field, change.after);
  }
}

function restoreMeta(meta: Y.Map<unknown>, changes: readonly FieldChange[]): void {
  if (changes.length > 0 && typeof meta.get('schemaVersion') !== 'number') meta.set('schemaVersion', SCHEMA_VERSION);
  for (const { field, after } of changes) {
    if (field === 'lanes' && after !== undefined) {
      meta.set('lanes', { bounds: [...(after as { bounds: readonly number[] }).bounds] });
    } else restoreValue(meta, field, after);
  }
}

function restoreValue(record: Y.Map<unknown>, key: string, value: unknown): void {
  if (value === undefined) {
    if (record.has(key)) record.delete(key);
  } else if (record.get(key) !== value) record.set(key, value);
}

function restoreText(record: Y.Map<unknown>, key: string, value: string, max: number): void {
  const text = record.get(key);
  if (text instanceof Y.Text) applyTextDiff(text, value);
  else if (value !== '') record.set(key, makeText(value, max));
  else if (record.has(key)) record.delete(key);
}

/** Tags are a set keyed by their lower-case form: only keys that differ are written. */
function restoreTags(record: Y.Map<unknown>, tags: readonly string[]): void {
  const wanted = new Map(tags.map((tag) => [tagKey(tag), tag]));
  const set = childMap(record, 'tags');
  for (const key of [...set.keys()]) if (!wanted.has(key)) set.delete(key);
  for (const [key, tag] of wanted) if (set.get(key) !== tag) set.set(key, tag);
}

function restoreCapabilities(record: Y.Map<unknown>, capabilities: readonly string[]): void {
  const wanted = new Set(capabilities);
  const set = childMap(record, 'capabilities');
  for (const tag of FIVE_CAPABILITIES) {
    if (wanted.has(tag) && set.get(tag) !== true) set.set(tag, true);
    else if (!wanted.has(tag) && set.has(tag)) set.delete(tag);
  }
}

/**
 * A dated history made to read as `entries` (oldest first, as the target holds them): entries
 * already there are kept where they stand, the others removed, and the missing ones inserted at
 * their place in the list, so readers (who sort by date, keeping the list order within a day)
 * read exactly the target's order. Entries are never edited in place: one that differs is
 * removed and written anew, as a person would.
 */
function restoreEntries(record: Y.Map<unknown>, key: EntryListKey, entries: readonly EntryBase[]): void {
  const existing = record.get(key);
  if (!(existing instanceof Y.Array) && entries.length === 0) return;
  const array = existing instanceof Y.Array ? existing : childArray(record, key);
  const parse = ENTRY_PARSERS[key] as (input: unknown) => EntryBase | null;
  const wantedAt = new Map(entries.map((entry, i) => [entry.id, i]));

  // Keep the entries that are wanted as they are and already come in the target's order.
  const items = array.toArray();
  const kept = new Set<string>();
  const doomed: number[] = [];
  let last = -1;
  items.forEach((item, index) => {
    const entry = parse(item);
    // What readers skip is left alone: it is not part of the content.
    if (!entry) return;
    const at = wantedAt.get(entry.id);
    if (at !== undefined && at > last && !kept.has(entry.id) && sameValue(entry, entries[at])) {
      kept.add(entry.id);
      last = at;
    } else doomed.push(index);
  });
  for (let i = doomed.length - 1; i >= 0; i--) array.delete(doomed[i]!, 1);

  // Insert the missing ones just before the next kept entry that follows them in the target.
  const ids = array.toArray().map((item) => parse(item)?.id ?? null);
  let at = 0;
  for (const entry of entries) {
    if (kept.has(entry.id)) {
      while (at < ids.length && ids[at] !== entry.id) at++;
      at++;
    } else {
      array.insert(at, [{ ...entry }]);
      ids.splice(at, 0, entry.id);
      at++;
    }
  }
}

/**
 * A card can hold an `attachedTo` that readers drop because its host is missing; once the host
 * is added back that attachment would come alive. Where the target has the card standing, the
 * stale key goes.
 */
function letGoOfStaleAttachments(doc: Y.Doc, target: MapJSON, added: ReadonlySet<string>): void {
  const wanted = new Map(target.nodes.map((node) => [node.id, node.attachedTo]));
  getNodes(doc).forEach((record, id) => {
    if (!(record instanceof Y.Map)) return;
    const host = record.get('attachedTo');
    if (typeof host === 'string' && added.has(host) && wanted.get(id) !== host) record.delete('attachedTo');
  });
}
