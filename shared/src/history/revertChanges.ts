import { isAttachableKind } from '../model/kinds.ts';
import { FIVE_CAPABILITIES, MAX_ENTRIES, MAX_TAGS, tagKey } from '../model/fields.ts';
import { byDate, type EntryBase } from '../model/entries.ts';
import type { MapEdgeJSON, MapJSON, MapMetaJSON, MapNodeJSON } from '../model/mapJson.ts';
import { tagOrder } from '../doc/layout.ts';
import { CARD_DIFF_KEYS, LINK_DIFF_KEYS, META_DIFF_KEYS, copyValue, sameValue } from './comparedFields.ts';

/**
 * One step to undo: the map before and after it. Either side may be partial, holding only the
 * cards and links the step touched (the server passes only those, for speed): a record absent
 * from both was not touched; present only after, the step added it; only before, it removed it.
 * The meta is compared only when both sides carry it.
 */
export interface RevertStep {
  before: RevertSide;
  after: RevertSide;
}
export interface RevertSide {
  meta?: MapMetaJSON;
  nodes: readonly MapNodeJSON[];
  edges: readonly MapEdgeJSON[];
}

type Json = Record<string, unknown>;

/**
 * Selective undo: `current` with the given steps undone (steps oldest first; undone latest
 * first), leaving everyone else's work in place. For each field a step changed, the field goes
 * back to its value before the step only where it still holds the value the step left: if
 * someone changed it since, their later value stays. Tags, capabilities and dated entries are
 * undone item by item (a tag the step added goes, one it removed comes back), so two people's
 * additions to one list are told apart. A card the step added goes only if it is still as the
 * step left it; a card it removed comes back if it is missing, with its links when both ends
 * exist. The result is a valid map: links whose ends are gone, and attachments whose host is gone,
 * are let go (the card stands on the canvas).
 */
export function revertChanges(current: MapJSON, steps: readonly RevertStep[]): MapJSON {
  const nodes = new Map<string, Json>(current.nodes.map((node) => [node.id, { ...node }]));
  const edges = new Map<string, Json>(current.edges.map((edge) => [edge.id, { ...edge }]));
  const meta: Json = { ...current.meta };
  for (let i = steps.length - 1; i >= 0; i--) {
    const { before, after } = steps[i]!;
    revertRecords(nodes, before.nodes, after.nodes, revertCard);
    revertRecords(edges, before.edges, after.edges, (cur, b, a) => {
      for (const key of LINK_DIFF_KEYS) revertField(cur, b, a, key);
    });
    if (before.meta && after.meta) {
      for (const key of META_DIFF_KEYS) revertField(meta, before.meta as Json, after.meta as Json, key);
    }
  }
  return {
    ...current,
    meta: meta as MapMetaJSON,
    ...validRecords(nodes, edges),
  };
}

function revertRecords(
  records: Map<string, Json>,
  before: readonly { id: string }[],
  after: readonly { id: string }[],
  revertFields: (current: Json, before: Json, after: Json) => void,
): void {
  const beforeById = new Map(before.map((record) => [record.id, record as unknown as Json]));
  const afterById = new Map(after.map((record) => [record.id, record as unknown as Json]));
  for (const [id, b] of beforeById) {
    const a = afterById.get(id);
    const cur = records.get(id);
    if (a) {
      if (cur) revertFields(cur, b, a);
    } else if (!cur) {
      // The step removed it and nobody brought it back: it returns.
      records.set(id, copyValue(b));
    }
  }
  for (const [id, a] of afterById) {
    if (beforeById.has(id)) continue;
    // The step added it: it goes, unless someone has worked on it since.
    const cur = records.get(id);
    if (cur && sameValue(cur, a)) records.delete(id);
  }
}

/** Sets `key` back to before's value where the step changed it and current still holds after's. */
function revertField(current: Json, before: Json, after: Json, key: string): void {
  const was = before[key];
  const left = after[key];
  if (sameValue(was, left) || !sameValue(current[key], left)) return;
  if (was === undefined) delete current[key];
  else current[key] = copyValue(was);
}

const LIST_KEYS = new Set(['tags', 'capabilities', 'reviews', 'readings', 'health']);

function revertCard(current: Json, before: Json, after: Json): void {
  // A position is one value: both coordinates go back together.
  const moved = before.x !== after.x || before.y !== after.y;
  if (moved && current.x === after.x && current.y === after.y) {
    current.x = before.x;
    current.y = before.y;
  }
  for (const key of CARD_DIFF_KEYS) {
    if (!LIST_KEYS.has(key)) revertField(current, before, after, key);
  }
  revertTags(current, before, after);
  revertCapabilities(current, before, after);
  for (const key of ['reviews', 'readings', 'health'] as const) revertEntries(current, before, after, key);
}

const setOrDelete = (record: Json, key: string, list: readonly unknown[]): void => {
  if (list.length === 0) delete record[key];
  else record[key] = list;
};

function revertTags(current: Json, before: Json, after: Json): void {
  const was = (before.tags ?? []) as string[];
  const left = (after.tags ?? []) as string[];
  if (sameValue(was, left)) return;
  const wasKeys = new Map(was.map((tag) => [tagKey(tag), tag]));
  const leftKeys = new Map(left.map((tag) => [tagKey(tag), tag]));
  const tags = new Map(((current.tags ?? []) as string[]).map((tag) => [tagKey(tag), tag]));
  for (const [key, tag] of leftKeys) if (!wasKeys.has(key) && tags.get(key) === tag) tags.delete(key);
  for (const [key, tag] of wasKeys) {
    if (!leftKeys.has(key) && !tags.has(key)) tags.set(key, tag);
    // Re-cased by the step ("youth" -> "Youth"), and not since: the old spelling comes back.
    else if (leftKeys.has(key) && leftKeys.get(key) !== tag && tags.get(key) === leftKeys.get(key)) tags.set(key, tag);
  }
  setOrDelete(current, 'tags', [...tags.values()].sort(tagOrder).slice(0, MAX_TAGS));
}

function revertCapabilities(current: Json, before: Json, after: Json): void {
  const was = new Set((before.capabilities ?? []) as string[]);
  const left = new Set((after.capabilities ?? []) as string[]);
  const now = new Set((current.capabilities ?? []) as string[]);
  for (const tag of left) if (!was.has(tag)) now.delete(tag);
  for (const tag of was) if (!left.has(tag)) now.add(tag);
  setOrDelete(
    current,
    'capabilities',
    FIVE_CAPABILITIES.filter((tag) => now.has(tag)),
  );
}

/**
 * Entries are undone one by one: those the step added go (if still as it wrote them), those it
 * removed come back (if still missing), each at its place in the list before the step, so a
 * history undone whole reads exactly as it did.
 */
function revertEntries(current: Json, before: Json, after: Json, key: 'reviews' | 'readings' | 'health'): void {
  const was = (before[key] ?? []) as EntryBase[];
  const left = (after[key] ?? []) as EntryBase[];
  if (sameValue(was, left)) return;
  const wasById = new Map(was.map((entry) => [entry.id, entry]));
  const leftById = new Map(left.map((entry) => [entry.id, entry]));
  let list = [...((current[key] ?? []) as EntryBase[])];
  list = list.flatMap((entry) => {
    const added = leftById.get(entry.id);
    if (!added || !sameValue(entry, added)) return [entry];
    const earlier = wasById.get(entry.id);
    // Added by the step: it goes; changed by it in place: its earlier form comes back.
    return earlier ? [copyValue(earlier)] : [];
  });
  const present = new Set(list.map((entry) => entry.id));
  was.forEach((entry, index) => {
    if (leftById.has(entry.id) || present.has(entry.id)) return;
    // Before the first entry that followed it before the step and is still there.
    const next = was.slice(index + 1).find((later) => present.has(later.id));
    const at = next ? list.findIndex((item) => item.id === next.id) : list.length;
    list.splice(at, 0, copyValue(entry));
    present.add(entry.id);
  });
  setOrDelete(current, key, byDate(list).slice(-MAX_ENTRIES));
}

/**
 * The records as a valid map holds them, sorted by id: links need both ends (and an id no card
 * has), and an attachment needs a host a reader keeps (a live link, or a card that stands on
 * the canvas and is not a frame); otherwise the card stands on its own.
 */
function validRecords(nodes: Map<string, Json>, edges: Map<string, Json>): Pick<MapJSON, 'nodes' | 'edges'> {
  const byId = (x: { id: string }, y: { id: string }): number => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0);
  const liveEdges = [...edges.values()].filter(
    (edge) => nodes.has(edge.source as string) && nodes.has(edge.target as string) && !nodes.has(edge.id as string),
  ) as unknown as MapEdgeJSON[];
  const edgeIds = new Set(liveEdges.map((edge) => edge.id));
  const list = [...nodes.values()] as unknown as MapNodeJSON[];
  // First what is wrong with an attachment on its own, then hosts that are themselves attached.
  for (const node of list) {
    const host = node.attachedTo;
    if (host === undefined) continue;
    const hostNode = nodes.get(host) as MapNodeJSON | undefined;
    const ok =
      isAttachableKind(node.kind) &&
      host !== node.id &&
      (edgeIds.has(host) || (hostNode !== undefined && hostNode.kind !== 'group'));
    if (!ok) delete node.attachedTo;
  }
  for (const node of [...list].sort(byId)) {
    const host = node.attachedTo;
    if (host === undefined || edgeIds.has(host)) continue;
    const hostNode = nodes.get(host) as MapNodeJSON | undefined;
    if (hostNode?.attachedTo !== undefined && isAttachableKind(hostNode.kind)) delete node.attachedTo;
  }
  return { nodes: list.sort(byId), edges: liveEdges.sort(byId) };
}
