import * as Y from 'yjs';
import {
  CLOSE_CODES,
  MAX_FIELD_LENGTH,
  MAX_LABEL_LENGTH,
  MAX_NARRATIVE_LENGTH,
  MAX_NOTE_LENGTH,
  MAX_TAG_LENGTH,
  MAX_TITLE_LENGTH,
} from '@loopmap/shared';

/**
 * What the server refuses to keep (issue 11, "stored garbage"). Pure: no I/O, no timers. The
 * room asks `guardUpdate` before it applies an editor's update; a refusal means the update is
 * not applied, not stored and not relayed.
 *
 *  - Missing dependencies: an update Yjs could not integrate whole would stay pending in the
 *    room's doc for ever, be re-sent in every later encodeStateAsUpdate (every joiner, every
 *    compacted state) and never become visible. `missingDependencies` replays Yjs's own
 *    integration order (utils/encoding.js integrateStructs, yjs 13.6) on clocks only.
 *  - Content: a string longer than the readers' limit for its key (a card title over 2,000
 *    characters, a map title over 200, ...) is refused, not cut.
 *  - Budgets: how many records a map holds and how many bytes it stores.
 */

/** Yjs's decoded form of a V1 update, as `Y.decodeUpdate` returns it. */
export interface DecodedUpdate {
  structs: Array<Y.Item | Y.GC | Y.Skip>;
  ds: DeleteSet;
}

/** Yjs's DeleteSet (not exported as a type): sorted, merged ranges per client. */
interface DeleteSet {
  clients: Map<number, Array<{ clock: number; len: number }>>;
}

export type Refusal =
  | { kind: 'missing-dependencies'; message: string }
  | { kind: 'over-budget'; budget: 'content' | 'records' | 'bytes'; message: string };

export interface MapBudgets {
  /** Most records (cards, links and the map's own meta entries) a map may hold. */
  maxRecords: number;
  /** Most bytes a map may store: its compacted state plus the updates logged after it. */
  maxDocumentBytes: number;
}

/**
 * 50,000 records: DOMAIN.md's maps are theories of change and partnership maps co-built in calls
 * and reviewed for months; the largest we have seen planned are a few hundred cards, and the
 * canvas is benchmarked at 20,000 cards (an offline import of that size must still get
 * through). 50,000 cards and links leaves 2.5x that, and still stops a script from filling a map
 * without bound.
 * 64 MiB: a 20,000-card map is about 2.3 MB as a state, and months of edits (each overwrite of a
 * position costs ~19 bytes of history) stay far below; 64 MiB keeps a load of the map within a
 * second or two of decoding on a small server.
 */
export const DEFAULT_MAP_BUDGETS: MapBudgets = { maxRecords: 50_000, maxDocumentBytes: 64 * 1024 * 1024 };

/** The root Y.Maps whose entries are records (docs/document-format.md, Roots). */
const RECORD_ROOTS = ['nodes', 'edges', 'meta'] as const;
const RECORD_ROOT_SET: ReadonlySet<string> = new Set(RECORD_ROOTS);

/**
 * The longest string each key may hold, as the writers cut them and the readers read them
 * (shared/src/model: fields.ts, mapJson.ts, entries). Texts (`Y.Text`) are checked by the key
 * that holds the text; plain strings by their map key, or by their property in a dated entry.
 */
export const STRING_LIMITS: Readonly<Record<string, number>> = {
  title: MAX_TITLE_LENGTH,
  label: MAX_LABEL_LENGTH,
  narrative: MAX_NARRATIVE_LENGTH,
  kind: 64,
  source: MAX_FIELD_LENGTH, // a card's source field; a link's source id is shorter still
  target: 64,
  attachedTo: 64,
  verification: MAX_FIELD_LENGTH,
  citation: MAX_FIELD_LENGTH,
  url: 2000,
  homeOrganisation: 200,
  unit: 60,
  baselineValue: 60,
  targetValue: 60,
  value: 60,
  note: MAX_NOTE_LENGTH,
  by: 120,
  id: 64,
  date: 10,
};
/** Keys Loopmap does not know are kept (format rule 5), up to the longest text it knows. */
export const DEFAULT_STRING_LIMIT = MAX_NARRATIVE_LENGTH;
/** A map key: an id (64), a field name, a tag's lower-case form (40, longer once lower-cased). */
export const MAX_KEY_LENGTH = 200;
/** Tags are values of a card's `tags` map, keyed by their lower-case form. */
const TAG_LIMIT = MAX_TAG_LENGTH * 2;

/**
 * Two peers may each write a text up to its limit at once, and the merge holds both: a text may
 * grow to this many times its limit before an update that lengthens it further is refused, so an
 * honest writer caught in such a merge is not locked out (its next edit cuts the text back).
 */
const TEXT_MERGE_SLACK = 2;

function limitOf(key: string | null): number {
  return (key !== null && STRING_LIMITS[key]) || DEFAULT_STRING_LIMIT;
}

/** Decodes a V1 update; throws on a malformed one (nothing is applied then). */
export function decodeUpdate(update: Uint8Array): DecodedUpdate {
  return Y.decodeUpdate(update) as unknown as DecodedUpdate;
}

/**
 * Whether applying `update` to `doc` would leave anything pending (Yjs's store.pendingStructs or
 * pendingDs): a struct whose client has a gap before it (Skip structs included), an origin,
 * right origin or parent that is neither in the doc nor integrated earlier from the update, or a
 * deletion of an item neither has. Returns a description of the first such thing, or null.
 * Mirrors integrateStructs: clients in descending order, a missing dependency on another client
 * of the update is followed into that client's structs, a cycle or an exhausted client is pending.
 */
export function missingDependencies(doc: Y.Doc, update: Uint8Array | DecodedUpdate): string | null {
  const { structs, ds } = update instanceof Uint8Array ? decodeUpdate(update) : update;
  const byClient = new Map<number, { refs: Array<Y.Item | Y.GC | Y.Skip>; i: number }>();
  for (const struct of structs) {
    let entry = byClient.get(struct.id.client);
    if (!entry) byClient.set(struct.id.client, (entry = { refs: [], i: 0 }));
    entry.refs.push(struct);
  }
  const state = new Map<number, number>();
  const stateOf = (client: number): number => {
    let clock = state.get(client);
    if (clock === undefined) state.set(client, (clock = Y.getState(doc.store, client)));
    return clock;
  };
  /** The client whose struct `item` still needs, or null. Also refuses same-client forward refs. */
  const missingOf = (item: Y.Item): number | null => {
    const own = item.id.client;
    for (const dep of [item.origin, item.rightOrigin, item.parent instanceof Y.ID ? item.parent : null]) {
      if (!dep) continue;
      if (dep.client === own) {
        // Yjs assumes a client's own dependencies come before it; a forward one would throw mid-apply.
        if (dep.clock >= item.id.clock && dep.clock >= stateOf(own)) return own;
      } else if (dep.clock >= stateOf(dep.client)) {
        return dep.client;
      }
    }
    return null;
  };

  if (structs.length > 0) {
    const ids = [...byClient.keys()].sort((a, b) => a - b);
    const nextTarget = (): { refs: Array<Y.Item | Y.GC | Y.Skip>; i: number } | null => {
      while (ids.length > 0) {
        const target = byClient.get(ids[ids.length - 1]!)!;
        if (target.i < target.refs.length) return target;
        ids.pop();
      }
      return null;
    };
    let current = nextTarget();
    const stack: Array<Y.Item | Y.GC> = [];
    let head: Y.Item | Y.GC | Y.Skip | undefined = current?.refs[current.i++];
    while (head) {
      if (!(head instanceof Y.Skip)) {
        const { client, clock } = head.id;
        const offset = stateOf(client) - clock;
        if (offset < 0) return `client ${client} sent clock ${clock} but the map has it only up to ${stateOf(client)}`;
        const missing = head instanceof Y.Item ? missingOf(head) : null;
        if (missing !== null) {
          stack.push(head);
          const refs = byClient.get(missing);
          if (!refs || refs.i === refs.refs.length) {
            return `client ${client} clock ${clock} depends on client ${missing} beyond clock ${stateOf(missing)}`;
          }
          head = refs.refs[refs.i++];
          continue;
        }
        if (offset === 0 || offset < head.length) state.set(client, clock + head.length);
      }
      if (stack.length > 0) head = stack.pop();
      else if (current && current.i < current.refs.length) head = current.refs[current.i++];
      else {
        current = nextTarget();
        head = current ? current.refs[current.i++] : undefined;
      }
    }
  }

  for (const [client, ranges] of ds.clients) {
    const known = stateOf(client);
    for (const { clock, len } of ranges) {
      if (clock + len > known) return `a deletion of client ${client} clock ${clock} is beyond ${known}`;
    }
  }
  return null;
}

/** Whether `ds` deletes the id (ranges per client are sorted and merged by Yjs's reader). */
function isDeletedIn(ds: DeleteSet, client: number, clock: number): boolean {
  if (ds.clients.size === 0) return false;
  const ranges = ds.clients.get(client);
  if (!ranges) return false;
  let low = 0;
  let high = ranges.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const range = ranges[mid]!;
    if (clock < range.clock) high = mid - 1;
    else if (clock >= range.clock + range.len) low = mid + 1;
    else return true;
  }
  return false;
}

/**
 * Where a struct of the update lives: its parent (a root name, the id of the type's item, or a
 * type already in the doc) and its key in a map. An item written after a neighbour carries no
 * parent on the wire; it has its neighbour's.
 */
interface Placement {
  parent: string | Y.ID | Y.AbstractType<unknown> | null;
  parentSub: string | null;
}

class Placements {
  /** The update's items by client, in clock order (as Yjs decodes them). */
  private readonly inUpdate = new Map<number, Y.Item[]>();
  private readonly memo = new Map<Y.Item, Placement>();

  constructor(
    private readonly doc: Y.Doc,
    structs: ReadonlyArray<Y.Item | Y.GC | Y.Skip>,
  ) {
    for (const struct of structs) {
      if (!(struct instanceof Y.Item)) continue;
      let items = this.inUpdate.get(struct.id.client);
      if (!items) this.inUpdate.set(struct.id.client, (items = []));
      items.push(struct);
    }
  }

  private findInUpdate(id: Y.ID): Y.Item | null {
    const items = this.inUpdate.get(id.client);
    if (!items) return null;
    let low = 0;
    let high = items.length - 1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      const item = items[mid]!;
      if (id.clock < item.id.clock) high = mid - 1;
      else if (id.clock >= item.id.clock + item.length) low = mid + 1;
      else return item;
    }
    return null;
  }

  isInUpdate(item: Y.Item): boolean {
    return this.findInUpdate(item.id) === item;
  }

  /** The update's item that holds this id, else the doc's; null when neither has it (GC'd). */
  find(id: Y.ID): Y.Item | null {
    const own = this.findInUpdate(id);
    if (own) return own;
    if (id.clock < Y.getState(this.doc.store, id.client)) {
      const struct = Y.getItem(this.doc.store, id);
      if (struct instanceof Y.Item) return struct;
    }
    return null;
  }

  of(item: Y.Item, depth = 0): Placement {
    // Most items carry their parent on the wire (the first entry of a key, a text's first run).
    if (typeof item.parent === 'string' || item.parent instanceof Y.ID) {
      return { parent: item.parent, parentSub: item.parentSub };
    }
    const known = this.memo.get(item);
    if (known) return known;
    let placement: Placement = { parent: null, parentSub: null };
    if (item.parent !== null) {
      placement = { parent: item.parent as Placement['parent'], parentSub: item.parentSub };
    } else if (depth < 10_000) {
      const neighbour = (item.origin && this.find(item.origin)) || (item.rightOrigin && this.find(item.rightOrigin));
      if (neighbour) placement = this.of(neighbour, depth + 1);
    }
    if (placement.parent instanceof Y.AbstractType && placement.parent._item === null) {
      // A root type of the doc: name it as the wire does.
      placement = { parent: Y.findRootTypeKey(placement.parent), parentSub: placement.parentSub };
    }
    this.memo.set(item, placement);
    return placement;
  }

  /** The type a parent names and the key it lives under (a text's `label`, a map's `tags`). */
  typeOf(parent: Placement['parent']): { type: Y.AbstractType<unknown> | Y.Item | null; key: string | null } {
    if (parent instanceof Y.ID) {
      const item = this.find(parent);
      if (!item) return { type: null, key: null };
      if (this.isInUpdate(item)) return { type: item, key: this.of(item).parentSub };
      const type = (item.content as Y.ContentType).type as Y.AbstractType<unknown> | undefined;
      return { type: type ?? null, key: item.parentSub };
    }
    if (parent instanceof Y.AbstractType) return { type: parent, key: parent._item?.parentSub ?? null };
    return { type: null, key: null };
  }
}

function tooLong(what: string, length: number, limit: number): Refusal {
  return {
    kind: 'over-budget',
    budget: 'content',
    message: `${what} is ${length} characters, over the limit of ${limit}`,
  };
}

/** Checks every string of a plain value against its key's limit; returns the first breach. */
function checkValue(value: unknown, key: string | null, depth = 0): Refusal | null {
  if (typeof value === 'string') {
    const limit = limitOf(key);
    return value.length > limit ? tooLong(`the value of ${key ?? 'an entry'}`, value.length, limit) : null;
  }
  if (value === null || typeof value !== 'object' || depth > 20) return null;
  if (Array.isArray(value)) {
    for (const entry of value) {
      const refusal = checkValue(entry, key, depth + 1);
      if (refusal) return refusal;
    }
    return null;
  }
  if (value instanceof Uint8Array) {
    return value.length > DEFAULT_STRING_LIMIT ? tooLong('binary content', value.length, DEFAULT_STRING_LIMIT) : null;
  }
  for (const [property, entry] of Object.entries(value as Record<string, unknown>)) {
    if (property.length > MAX_KEY_LENGTH) return tooLong('a property name', property.length, MAX_KEY_LENGTH);
    const refusal = checkValue(entry, property, depth + 1);
    if (refusal) return refusal;
  }
  return null;
}

/**
 * A room's budgets with the counts they are measured against, kept up to date incrementally:
 * records through observers on the root maps, bytes as the room stores updates and states.
 */
export class MapBudget {
  private recordCount = 0;
  private stateBytes: number;
  private logBytes: number;
  private readonly observers: Array<[Y.Map<unknown>, (event: Y.YMapEvent<unknown>) => void]> = [];

  constructor(
    private readonly doc: Y.Doc,
    readonly budgets: MapBudgets,
    stored: { stateBytes: number; logBytes: number },
  ) {
    this.stateBytes = stored.stateBytes;
    this.logBytes = stored.logBytes;
    for (const name of RECORD_ROOTS) {
      const map = doc.getMap(name);
      this.recordCount += map.size;
      const observer = (event: Y.YMapEvent<unknown>): void => {
        for (const change of event.changes.keys.values()) {
          if (change.action === 'add') this.recordCount++;
          else if (change.action === 'delete') this.recordCount--;
        }
      };
      map.observe(observer);
      this.observers.push([map, observer]);
    }
  }

  get records(): number {
    return this.recordCount;
  }

  get bytes(): number {
    return this.stateBytes + this.logBytes;
  }

  /** The room stored these updates in its log. */
  logged(entries: ReadonlyArray<{ update: Uint8Array }>): void {
    for (const entry of entries) this.logBytes += entry.update.length;
  }

  /** The room stored a compacted state through its log; `tailBytes` were logged after it. */
  compacted(stateBytes: number, tailBytes = 0): void {
    this.stateBytes = stateBytes;
    this.logBytes = tailBytes;
  }

  /** For a change of the server's own (REST): refused once the map is at its budget. */
  checkRoom(): Refusal | null {
    if (this.recordCount >= this.budgets.maxRecords) return recordsRefusal(this.recordCount, this.budgets.maxRecords);
    if (this.bytes >= this.budgets.maxDocumentBytes) return bytesRefusal(this.bytes, this.budgets.maxDocumentBytes);
    return null;
  }

  destroy(): void {
    for (const [map, observer] of this.observers) map.unobserve(observer);
    this.observers.length = 0;
  }
}

function recordsRefusal(records: number, max: number): Refusal {
  return {
    kind: 'over-budget',
    budget: 'records',
    message: `the map would hold ${records} records, over its limit of ${max}`,
  };
}

function bytesRefusal(bytes: number, max: number): Refusal {
  return {
    kind: 'over-budget',
    budget: 'bytes',
    message: `the map would store ${bytes} bytes, over its limit of ${max}`,
  };
}

/**
 * Whether an update keeps the map within its budgets: every string within its key's limit, no
 * more records than allowed, no more bytes. Costs one pass over the update's structs and a few
 * lookups in the doc; the doc is never re-encoded.
 */
export function checkBudgets(
  doc: Y.Doc,
  update: DecodedUpdate,
  updateBytes: number,
  budget: MapBudget,
): Refusal | null {
  const { budgets } = budget;
  if (budget.bytes + updateBytes > budgets.maxDocumentBytes) {
    return bytesRefusal(budget.bytes + updateBytes, budgets.maxDocumentBytes);
  }
  const placements = new Placements(doc, update.structs);
  const newKeys = new Map<string, Set<string>>();
  const textGrowth = new Map<Y.AbstractType<unknown> | Y.Item, { key: string | null; added: number }>();
  for (const struct of update.structs) {
    if (!(struct instanceof Y.Item)) continue;
    const content = struct.content;
    if (content instanceof Y.ContentDeleted) continue;
    const { parent, parentSub } = placements.of(struct);
    if (parentSub !== null && parentSub.length > MAX_KEY_LENGTH)
      return tooLong('a key', parentSub.length, MAX_KEY_LENGTH);
    const deleted = isDeletedIn(update.ds, struct.id.client, struct.id.clock);
    if (deleted) continue;
    if (typeof parent === 'string' && parentSub !== null && RECORD_ROOT_SET.has(parent)) {
      const root = doc.getMap(parent);
      if (!root.has(parentSub)) {
        let keys = newKeys.get(parent);
        if (!keys) newKeys.set(parent, (keys = new Set()));
        keys.add(parentSub);
      }
    }
    if (content instanceof Y.ContentString) {
      const { type, key } = placements.typeOf(parent);
      const limit = limitOf(key);
      if (content.str.length > limit) return tooLong(`a text (${key ?? 'unnamed'})`, content.str.length, limit);
      if (type) {
        const growth = textGrowth.get(type) ?? { key, added: 0 };
        growth.added += content.str.length;
        textGrowth.set(type, growth);
      }
    } else if (content instanceof Y.ContentAny || content instanceof Y.ContentJSON) {
      // A value in a map is checked by its key; entries of a list (dated histories) by their
      // properties; a tag (a value of a card's `tags` map) by the tag limit.
      const inTags = parentSub !== null && typeof parent !== 'string' && placements.typeOf(parent).key === 'tags';
      const refusal = inTags ? checkTag(content.arr) : checkValue(content.arr, parentSub);
      if (refusal) return refusal;
    } else if (content instanceof Y.ContentBinary) {
      if (content.content.length > DEFAULT_STRING_LIMIT) {
        return tooLong('binary content', content.content.length, DEFAULT_STRING_LIMIT);
      }
    } else if (content instanceof Y.ContentEmbed || content instanceof Y.ContentFormat) {
      const value = content instanceof Y.ContentEmbed ? content.embed : content.value;
      const refusal = checkValue(value, null);
      if (refusal) return refusal;
    }
  }
  let removed: Map<Y.AbstractType<unknown>, number> | null = null;
  for (const [type, { key, added }] of textGrowth) {
    const current = type instanceof Y.AbstractType ? ((type as Y.Text).length ?? 0) : 0;
    const limit = limitOf(key) * TEXT_MERGE_SLACK;
    if (current + added <= limit) continue;
    // Only now, and once: what the update deletes from texts already in the doc (a rewrite).
    removed ??= removedFromDocTexts(doc, update.ds);
    const length = current + added - (type instanceof Y.AbstractType ? (removed.get(type) ?? 0) : 0);
    if (length > limit) return tooLong(`a text (${key ?? 'unnamed'})`, length, limit);
  }
  let added = 0;
  for (const keys of newKeys.values()) added += keys.size;
  if (added > 0 && budget.records + added > budgets.maxRecords) {
    return recordsRefusal(budget.records + added, budgets.maxRecords);
  }
  return null;
}

/** How many visible characters the delete set removes from each text already in the doc. */
function removedFromDocTexts(doc: Y.Doc, ds: DeleteSet): Map<Y.AbstractType<unknown>, number> {
  const removed = new Map<Y.AbstractType<unknown>, number>();
  for (const [client, ranges] of ds.clients) {
    const structs = doc.store.clients.get(client);
    if (!structs || structs.length === 0) continue;
    const end = Y.getState(doc.store, client);
    for (const { clock, len } of ranges) {
      if (clock >= end) continue;
      const stop = Math.min(clock + len, end);
      for (let i = Y.findIndexSS(structs, clock); i < structs.length; i++) {
        const struct = structs[i]!;
        if (struct.id.clock >= stop) break;
        if (!(struct instanceof Y.Item) || struct.deleted || !(struct.content instanceof Y.ContentString)) continue;
        if (!(struct.parent instanceof Y.AbstractType)) continue;
        const from = Math.max(clock, struct.id.clock);
        const to = Math.min(stop, struct.id.clock + struct.length);
        removed.set(struct.parent, (removed.get(struct.parent) ?? 0) + (to - from));
      }
    }
  }
  return removed;
}

function checkTag(values: unknown[]): Refusal | null {
  for (const value of values) {
    if (typeof value === 'string' && value.length > TAG_LIMIT) return tooLong('a tag', value.length, TAG_LIMIT);
    if (typeof value !== 'string') {
      const refusal = checkValue(value, null);
      if (refusal) return refusal;
    }
  }
  return null;
}

/**
 * The room's one question before it applies an editor's update: decode once, refuse what would
 * stay pending, then what would break a budget. Throws on an update that does not decode.
 */
export function guardUpdate(doc: Y.Doc, update: Uint8Array, budget: MapBudget): Refusal | null {
  const decoded = decodeUpdate(update);
  const missing = missingDependencies(doc, decoded);
  if (missing !== null) return { kind: 'missing-dependencies', message: missing };
  return checkBudgets(doc, decoded, update.length, budget);
}

/**
 * Drops what a loaded doc holds pending: updates stored before this guard existed whose
 * dependencies never came. They can never show, and Yjs would put them in every later
 * encodeStateAsUpdate (every joiner, every compacted state). Should the missing changes come
 * after all, their author's next sync sends these again. Returns what was dropped, or null.
 */
export function discardPending(doc: Y.Doc): { pendingStructs: boolean; pendingDeletes: boolean } | null {
  const { store } = doc;
  if (store.pendingStructs === null && store.pendingDs === null) return null;
  const dropped = { pendingStructs: store.pendingStructs !== null, pendingDeletes: store.pendingDs !== null };
  store.pendingStructs = null;
  store.pendingDs = null;
  return dropped;
}

/** The close code that tells a peer why its update was refused. */
export function refusalCloseCode(refusal: Refusal): number {
  return refusal.kind === 'missing-dependencies' ? CLOSE_CODES.missingDependencies : CLOSE_CODES.overBudget;
}

/** What a room holds at load: its compacted state and the log after it. */
export function storedBytes(stored: { state: Uint8Array | null; tail: ReadonlyArray<{ update: Uint8Array }> }): {
  stateBytes: number;
  logBytes: number;
} {
  let logBytes = 0;
  for (const entry of stored.tail) logBytes += entry.update.length;
  return { stateBytes: stored.state?.length ?? 0, logBytes };
}

/** A server-side change (a REST call) refused because the map is at its budget: HTTP 413. */
export class MapBudgetError extends Error {
  constructor(readonly refusal: Refusal) {
    super(refusal.message);
    this.name = 'MapBudgetError';
  }
}
