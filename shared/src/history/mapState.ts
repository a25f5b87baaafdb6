import type * as Y from 'yjs';
import {
  MAP_JSON_FORMAT,
  SCHEMA_VERSION,
  type MapEdgeJSON,
  type MapJSON,
  type MapMetaJSON,
  type MapNodeJSON,
} from '../model/mapJson.ts';
import type { NodeKind } from '../model/kinds.ts';
import { getEdges, getMeta, getNodes, readEdge, readMeta, readNode } from '../doc/layout.ts';
import { edgeToJSON, metaToJSON, nodeToJSON } from '../doc/convert.ts';
import { resolveAttachment } from '../analysis/graph.ts';
import { cardTitle } from '../analysis/cardTitle.ts';
import type { ChangeSummary, SummaryElement } from './types.ts';
import { CARD_DIFF_KEYS, LINK_DIFF_KEYS, META_DIFF_KEYS, sameValue } from './comparedFields.ts';

/**
 * A map's content as plain JSON records, kept beside the update log so that any point of the
 * history can be reached without decoding Yjs: a stored checkpoint of this state plus the
 * field-level patches of the updates after it (docs/document-format.md, "History").
 *
 * The records are raw, as the document's readers give them: links whose ends are gone and
 * attachments to missing hosts are kept here (a later update can bring their ends back) and only
 * resolved away by mapStateToJSON, exactly as toMapJSON resolves the live document.
 */
export interface MapState {
  meta: MapMetaJSON;
  nodes: Map<string, MapNodeJSON>;
  edges: Map<string, MapEdgeJSON>;
}

/**
 * What one update did to one record: null when it was removed, `{ '+': record }` when it was
 * added, or the keys that changed with their new values (null when the key was unset).
 */
export type RecordPatch = null | { '+': MapNodeJSON | MapEdgeJSON } | { [key: string]: unknown };

/** What one logged update did to the map, field by field. Stored as JSON beside the log. */
export interface MapPatch {
  n?: Record<string, RecordPatch>;
  e?: Record<string, RecordPatch>;
  m?: Record<string, unknown>;
}

export interface RecordedChange {
  patch: MapPatch;
  summary: ChangeSummary;
  /** The ids of the cards and links it changed, sorted. */
  ids: string[];
}

/** What an update that changed nothing a map shows did: its history row says so. */
export const noChange = (): RecordedChange => ({
  patch: {},
  summary: { added: [], removed: [], changed: [], moved: [], meta: [] },
  ids: [],
});

export const emptyMapState = (): MapState => ({
  meta: { title: 'Untitled map', kind: 'theory-of-change' },
  nodes: new Map(),
  edges: new Map(),
});

/** The state of a document now, read the way toMapJSON reads it. */
export function readMapState(doc: Y.Doc): MapState {
  const state: MapState = { meta: metaToJSON(readMeta(doc)), nodes: new Map(), edges: new Map() };
  getNodes(doc).forEach((record, id) => {
    const view = readNode(id, record);
    if (view) state.nodes.set(id, nodeToJSON(view));
  });
  getEdges(doc).forEach((record, id) => {
    const view = readEdge(id, record);
    if (view) state.edges.set(id, edgeToJSON(view));
  });
  return state;
}

/**
 * readMapState for a large map without holding the caller's thread: reads records for about
 * `stepMs` at a time and awaits `pause()` between (the server passes the next event-loop turn).
 * The document must not change until it resolves.
 */
export async function readMapStateInSteps(doc: Y.Doc, pause: () => Promise<void>, stepMs = 10): Promise<MapState> {
  const state: MapState = { meta: metaToJSON(readMeta(doc)), nodes: new Map(), edges: new Map() };
  let started = Date.now();
  const due = (): boolean => Date.now() - started >= stepMs;
  for (const [id, record] of getNodes(doc).entries()) {
    const view = readNode(id, record);
    if (view) state.nodes.set(id, nodeToJSON(view));
    if (due()) {
      await pause();
      started = Date.now();
    }
  }
  for (const [id, record] of getEdges(doc).entries()) {
    const view = readEdge(id, record);
    if (view) state.edges.set(id, edgeToJSON(view));
    if (due()) {
      await pause();
      started = Date.now();
    }
  }
  return state;
}

/** A copy that patches can change without touching the original (records are replaced, never edited). */
export const cloneMapState = (state: MapState): MapState => ({
  meta: state.meta,
  nodes: new Map(state.nodes),
  edges: new Map(state.edges),
});

/**
 * A text edit as a patch stores it: `{ '~': [start, removed, inserted] }`. Typing sends an update
 * per pause, and storing the whole title, rationale or narrative each time made the history index
 * weigh several times the log it indexes; an edit weighs what was typed.
 */
export interface TextSplice {
  '~': [start: number, removed: number, inserted: string];
}

/** Texts shorter than this are stored whole: a splice would not be smaller. */
const SPLICE_FROM_LENGTH = 24;

function textSplice(before: string, after: string): TextSplice {
  let start = 0;
  const shorter = Math.min(before.length, after.length);
  while (start < shorter && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let end = 0;
  while (
    end < shorter - start &&
    before.charCodeAt(before.length - 1 - end) === after.charCodeAt(after.length - 1 - end)
  ) {
    end++;
  }
  return { '~': [start, before.length - start - end, after.slice(start, after.length - end)] };
}

const isSplice = (value: unknown): value is TextSplice =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && '~' in value;

/** A key's value after a patch: the new value, or the old text with the splice applied. */
function patchedValue(before: unknown, value: unknown): unknown {
  if (!isSplice(value)) return value;
  const [start, removed, inserted] = value['~'];
  const text = typeof before === 'string' ? before : '';
  return text.slice(0, start) + inserted + text.slice(start + removed);
}

/** The keys that differ between two records, with the later values (null: unset; texts as splices). */
function recordDelta(before: object, after: object): Record<string, unknown> | null {
  const b = before as Record<string, unknown>;
  const a = after as Record<string, unknown>;
  let delta: Record<string, unknown> | null = null;
  for (const key of Object.keys(a)) {
    const was = b[key];
    const now = a[key];
    if (sameValue(was, now)) continue;
    (delta ??= {})[key] =
      typeof was === 'string' && typeof now === 'string' && Math.max(was.length, now.length) >= SPLICE_FROM_LENGTH
        ? textSplice(was, now)
        : now;
  }
  for (const key of Object.keys(b)) if (!(key in a)) (delta ??= {})[key] = null;
  return delta;
}

function recordPatch<T extends object>(before: T | undefined, after: T | undefined): RecordPatch | undefined {
  if (before === undefined) return after === undefined ? undefined : { '+': after as MapNodeJSON };
  if (after === undefined) return null;
  return recordDelta(before, after) ?? undefined;
}

function applyRecordPatch<T extends object>(records: Map<string, T>, id: string, patch: RecordPatch): void {
  if (patch === null) {
    records.delete(id);
    return;
  }
  if ('+' in patch) {
    records.set(id, patch['+'] as T);
    return;
  }
  const before = records.get(id);
  if (!before) return;
  const next = { ...before } as Record<string, unknown>;
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete next[key];
    else next[key] = patchedValue(next[key], value);
  }
  records.set(id, next as T);
}

/** Applies one update's patch to a state, in place. */
export function applyMapPatch(state: MapState, patch: MapPatch): void {
  if (patch.m) {
    const meta = { ...state.meta } as Record<string, unknown>;
    for (const [key, value] of Object.entries(patch.m)) {
      if (value === null) delete meta[key];
      else meta[key] = patchedValue(meta[key], value);
    }
    state.meta = meta as MapMetaJSON;
  }
  if (patch.n) for (const [id, p] of Object.entries(patch.n)) applyRecordPatch(state.nodes, id, p);
  if (patch.e) for (const [id, p] of Object.entries(patch.e)) applyRecordPatch(state.edges, id, p);
}

const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const byId = (a: { id: string }, b: { id: string }): number => byText(a.id, b.id);

/**
 * The MapJSON of a state, resolved as toMapJSON resolves a document (see buildMapGraph): links
 * whose ends are gone are left out, an attachment whose host is not valid is dropped. Not
 * validated again: every record was read by the document's defensive readers.
 */
export function mapStateToJSON(state: MapState): MapJSON {
  const hosts = new Map<string, { kind: NodeKind; attachedTo: string | null }>();
  for (const [id, node] of state.nodes) hosts.set(id, { kind: node.kind, attachedTo: node.attachedTo ?? null });
  const edges = [...state.edges.values()]
    .filter((edge) => state.nodes.has(edge.source) && state.nodes.has(edge.target) && !state.nodes.has(edge.id))
    .sort(byId);
  const liveEdges = new Set(edges.map((edge) => edge.id));
  const nodes = [...state.nodes.values()]
    .map((node) => {
      if (node.attachedTo === undefined) return node;
      const host = resolveAttachment(hosts.get(node.id)!, hosts, liveEdges);
      if (host !== null) return node;
      const { attachedTo: _dropped, ...free } = node;
      return free;
    })
    .sort(byId);
  return { format: MAP_JSON_FORMAT, schemaVersion: SCHEMA_VERSION, meta: state.meta, nodes, edges };
}

/** The state a MapJSON describes (for a map whose history starts from an import). */
export function mapStateFromJSON(map: MapJSON): MapState {
  return {
    meta: map.meta,
    nodes: new Map(map.nodes.map((node) => [node.id, node])),
    edges: new Map(map.edges.map((edge) => [edge.id, edge])),
  };
}

/** A checkpoint's stored form. */
export function serialiseMapState(state: MapState): string {
  return JSON.stringify({ meta: state.meta, nodes: [...state.nodes.values()], edges: [...state.edges.values()] });
}

export function parseMapState(text: string): MapState {
  const raw = JSON.parse(text) as { meta: MapMetaJSON; nodes: MapNodeJSON[]; edges: MapEdgeJSON[] };
  return {
    meta: raw.meta,
    nodes: new Map(raw.nodes.map((node) => [node.id, node])),
    edges: new Map(raw.edges.map((edge) => [edge.id, edge])),
  };
}

const POSITION_KEYS = new Set(['x', 'y']);

const rankOf = (keys: readonly string[]): ReadonlyMap<string, number> => new Map(keys.map((key, i) => [key, i]));
const CARD_KEY_RANK = rankOf(CARD_DIFF_KEYS);
const LINK_KEY_RANK = rankOf(LINK_DIFF_KEYS);
const META_KEY_RANK = rankOf(META_DIFF_KEYS);

/**
 * Keys in the order an inspector shows them (diffMaps' order, what describeChange says first),
 * whatever order the records held them in; a key the lists do not know goes last.
 */
function inReadingOrder(keys: readonly string[], rank: ReadonlyMap<string, number>): string[] {
  const at = (key: string): number => rank.get(key) ?? rank.size;
  return [...keys].sort((a, b) => at(a) - at(b) || byText(a, b));
}

function nodeElement(id: string, node: MapNodeJSON): SummaryElement {
  return { id, kind: node.kind, label: cardTitle({ kind: node.kind, label: node.label }) };
}

/** A link as SummaryElement names it, "Source title → Target title" (describeChange quotes it whole). */
function linkElement(state: MapState, id: string, edge: MapEdgeJSON): SummaryElement {
  const end = (nodeId: string): string => {
    const node = state.nodes.get(nodeId);
    return node ? cardTitle({ kind: node.kind, label: node.label }) : 'a deleted card';
  };
  return { id, kind: 'link', label: `${end(edge.source)} → ${end(edge.target)}` };
}

/** Records a patch removed, by id: where a summary finds the names of what is gone. */
export interface RemovedRecords {
  nodes: ReadonlyMap<string, MapNodeJSON>;
  edges: ReadonlyMap<string, MapEdgeJSON>;
}

/**
 * Names what a patch does, in the map's words, given the state after it and the records it
 * removed (for the names of what is gone). The same patch always gives the same summary: cards
 * then links, each sorted by id (as diffMaps sorts them), fields and meta keys in reading order.
 */
export function summarisePatch(after: MapState, removed: RemovedRecords, patch: MapPatch): ChangeSummary {
  const summary: ChangeSummary = { added: [], removed: [], changed: [], moved: [], meta: [] };
  // A removed link is named by its ends, which may have gone in the same update.
  const names: MapState = {
    meta: after.meta,
    nodes: removed.nodes.size === 0 ? after.nodes : new Map([...removed.nodes, ...after.nodes]),
    edges: after.edges,
  };
  const nodePatches = patch.n ?? {};
  for (const id of Object.keys(nodePatches).sort(byText)) {
    const p = nodePatches[id]!;
    if (p === null) {
      const node = removed.nodes.get(id);
      if (node) summary.removed.push(nodeElement(id, node));
      continue;
    }
    const node = after.nodes.get(id);
    if (!node) continue;
    if ('+' in p) {
      summary.added.push(nodeElement(id, node));
      continue;
    }
    const fields = Object.keys(p).filter((key) => !POSITION_KEYS.has(key));
    if (fields.length > 0)
      summary.changed.push({ ...nodeElement(id, node), fields: inReadingOrder(fields, CARD_KEY_RANK) });
    else summary.moved.push(nodeElement(id, node));
  }
  const edgePatches = patch.e ?? {};
  for (const id of Object.keys(edgePatches).sort(byText)) {
    const p = edgePatches[id]!;
    if (p === null) {
      const edge = removed.edges.get(id);
      if (edge) summary.removed.push(linkElement(names, id, edge));
      continue;
    }
    const edge = after.edges.get(id);
    if (!edge) continue;
    if ('+' in p) summary.added.push(linkElement(names, id, edge));
    else
      summary.changed.push({ ...linkElement(names, id, edge), fields: inReadingOrder(Object.keys(p), LINK_KEY_RANK) });
  }
  summary.meta = inReadingOrder(Object.keys(patch.m ?? {}), META_KEY_RANK);
  return summary;
}

/**
 * An empty id -> patch table. Ids are data (an imported map may hold a card called `__proto__`),
 * so the table has no prototype: on a plain object that id would set the prototype, not a key,
 * and the record would be missing from the history. JSON.parse makes such keys own properties.
 */
const patchesById = (): Record<string, RecordPatch> => Object.create(null) as Record<string, RecordPatch>;

/**
 * Watches a document and, after each transaction, says what it did as a field-level patch and
 * a summary. It keeps the map's state as JSON records and re-reads only the records the
 * transaction touched, so its cost follows the size of the change, not of the map.
 *
 * The server keeps one per open map and calls take() from its doc.on('update') handler, once per
 * logged update: Yjs runs observers (observeDeep included) in the transaction's cleanup before it
 * emits 'update', so by then the recorder has seen the update's events (mapStateRecorder.test.ts
 * checks this ordering).
 */
export class MapStateRecorder {
  private readonly state: MapState;
  private readonly touchedNodes = new Set<string>();
  private readonly touchedEdges = new Set<string>();
  private metaTouched = false;
  private readonly unobserve: (() => void)[] = [];

  /** `state` is readMapState(doc) when the caller has read it already (readMapStateInSteps). */
  constructor(
    private readonly doc: Y.Doc,
    state?: MapState,
  ) {
    this.state = state ?? readMapState(doc);
    this.watch(getNodes(doc), this.touchedNodes);
    this.watch(getEdges(doc), this.touchedEdges);
    const meta = getMeta(doc);
    const onMeta = (): void => {
      this.metaTouched = true;
    };
    meta.observe(onMeta);
    this.unobserve.push(() => meta.unobserve(onMeta));
  }

  private watch<T>(root: Y.Map<T>, touched: Set<string>): void {
    const onEvents = (events: Y.YEvent<Y.AbstractType<unknown>>[]): void => {
      for (const event of events) {
        if (event.target === root) for (const key of event.changes.keys.keys()) touched.add(key);
        else if (typeof event.path[0] === 'string') touched.add(event.path[0]);
      }
    };
    root.observeDeep(onEvents);
    this.unobserve.push(() => root.unobserveDeep(onEvents));
  }

  /** The state as of the last take(). Do not change it; copy it (cloneMapState) to keep it. */
  get current(): MapState {
    return this.state;
  }

  /** What changed since the last call (null when nothing that a MapJSON shows did). */
  take(): RecordedChange | null {
    if (this.touchedNodes.size === 0 && this.touchedEdges.size === 0 && !this.metaTouched) return null;
    // The state is changed in place (its records are replaced, never edited): copying two
    // thousand-entry maps per update would cost more than the rest of the server's turn.
    const state = this.state;
    const patch: MapPatch = {};
    const removed = { nodes: new Map<string, MapNodeJSON>(), edges: new Map<string, MapEdgeJSON>() };
    const nodes = getNodes(this.doc);
    for (const id of this.touchedNodes) {
      const view = readNode(id, nodes.get(id));
      const next = view ? nodeToJSON(view) : undefined;
      const before = state.nodes.get(id);
      const p = recordPatch(before, next);
      if (p === undefined) continue;
      (patch.n ??= patchesById())[id] = p;
      if (next) state.nodes.set(id, next);
      else {
        state.nodes.delete(id);
        if (before) removed.nodes.set(id, before);
      }
    }
    const edges = getEdges(this.doc);
    for (const id of this.touchedEdges) {
      const view = readEdge(id, edges.get(id));
      const next = view ? edgeToJSON(view) : undefined;
      const before = state.edges.get(id);
      const p = recordPatch(before, next);
      if (p === undefined) continue;
      (patch.e ??= patchesById())[id] = p;
      if (next) state.edges.set(id, next);
      else {
        state.edges.delete(id);
        if (before) removed.edges.set(id, before);
      }
    }
    if (this.metaTouched) {
      const meta = metaToJSON(readMeta(this.doc));
      const delta = recordDelta(state.meta, meta);
      if (delta) {
        patch.m = delta;
        state.meta = meta;
      }
    }
    this.touchedNodes.clear();
    this.touchedEdges.clear();
    this.metaTouched = false;
    if (!patch.n && !patch.e && !patch.m) return null;
    const ids = [...Object.keys(patch.n ?? {}), ...Object.keys(patch.e ?? {})].sort(byText);
    return { patch, summary: summarisePatch(state, removed, patch), ids };
  }

  destroy(): void {
    for (const off of this.unobserve) off();
    this.unobserve.length = 0;
  }
}
