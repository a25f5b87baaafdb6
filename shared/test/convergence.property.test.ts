import * as Y from 'yjs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ASSUMPTION_STATES,
  FIVE_CAPABILITIES,
  HEALTH_DIMENSIONS,
  NODE_KINDS,
  RAG_STATUSES,
  addEntry,
  addNode,
  addNodeTag,
  attachNode,
  connect,
  createOrigin,
  disconnect,
  findDanglingEdges,
  fromMapJSON,
  getEdges,
  hasNode,
  initMap,
  mapJsonSchema,
  getNodes,
  lanesFrom,
  moveNodes,
  normaliseTag,
  readEdge,
  readNode,
  readNodes,
  removeDanglingEdges,
  removeEntry,
  removeNodeTag,
  removeNodes,
  setCeiling,
  setEdgeField,
  setEdgeLabel,
  setLanes,
  setMapTitle,
  setNodeBounds,
  setNodeCapability,
  setNodeField,
  setNodeFields,
  setNodeKind,
  setNodeLabel,
  setNodeNarrative,
  tagKey,
  toMapJSON,
  type CapabilityTag,
  type EdgeId,
  type EntryListKey,
  type MapJSON,
  type NodeId,
  type NodeKind,
  type NodeView,
} from '../src/index.ts';
import { syncAll, syncOnce } from './replicas.ts';

/**
 * Three peers edit the same map concurrently, exchanging their changes now and then in random
 * directions and orders (some updates arrive before the ones they depend on), then fully sync.
 * Whatever happened, they must agree byte for byte on a valid export.
 */

const REPLICAS = 3;
const origins = Array.from({ length: REPLICAS }, (_, i) => createOrigin('user', `peer-${i}`));

/** Every ordered pair of distinct replicas: one transfer of each, in any order, syncs everything. */
const ALL_PAIRS: (readonly [number, number])[] = Array.from({ length: REPLICAS }, (_, from) =>
  Array.from({ length: REPLICAS }, (_, to) => [from, to] as const),
)
  .flat()
  .filter(([from, to]) => from !== to);

const replica = fc.nat({ max: REPLICAS - 1 });
const coordinate = fc.oneof(fc.integer({ min: -2000, max: 2000 }), fc.double({ min: -5000, max: 5000, noNaN: true }));
// Text mixes one-unit characters with surrogate pairs, where an edit could cut a character in half.
const text = fc
  .array(fc.constantFrom('a', 'b', 'c', ' ', 'é', '😀', '👍🏽'), { maxLength: 8 })
  .map((parts) => parts.join(''));
/** An edit to a label at a character (code point) position, as a person typing would make. */
const textEdit = fc.record({ at: fc.nat(), remove: fc.nat({ max: 3 }), insert: text });
type TextEdit = { at: number; remove: number; insert: string };

/**
 * A reference to a node or link: usually one the acting replica can see, sometimes any id created
 * so far, which the replica may not have received yet or may have removed.
 */
const ref = fc.oneof(
  { weight: 4, arbitrary: fc.record({ among: fc.constant('visible' as const), index: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ among: fc.constant('created' as const), index: fc.nat() }) },
);
type Ref = { among: 'visible' | 'created'; index: number };

const command = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      op: fc.constant('addNode' as const),
      replica,
      kind: fc.constantFrom(...NODE_KINDS),
      label: text,
      x: coordinate,
      y: coordinate,
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({ op: fc.constant('editNodeLabel' as const), replica, node: ref, edit: textEdit }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant('setNodeKind' as const),
      replica,
      node: ref,
      kind: fc.constantFrom(...NODE_KINDS),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant('moveNodes' as const),
      replica,
      moves: fc.array(fc.record({ node: ref, x: coordinate, y: coordinate }), { minLength: 1, maxLength: 3 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant('removeNodes' as const),
      replica,
      nodes: fc.array(ref, { minLength: 1, maxLength: 2 }),
    }),
  },
  {
    weight: 6,
    arbitrary: fc.record({
      op: fc.constant('connect' as const),
      replica,
      source: ref,
      targetOffset: fc.nat(),
      label: text,
    }),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('disconnect' as const), replica, edge: ref }) },
  {
    weight: 2,
    arbitrary: fc.record({ op: fc.constant('editEdgeLabel' as const), replica, edge: ref, edit: textEdit }),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('setMapTitle' as const), replica, title: text }) },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant('setNodeField' as const),
      replica,
      node: ref,
      key: fc.constantFrom(
        'status' as const,
        'term' as const,
        'level' as const,
        'unit' as const,
        'baselineDate' as const,
        'url' as const,
      ),
      // Valid and invalid values alike: the operation refuses what the field does not accept.
      value: fc.oneof(
        fc.constant(null),
        fc.constantFrom(
          'green',
          'amber',
          'short',
          'institutional',
          '2025-06-30',
          '2025-02-30',
          'https://example.org',
          'javascript:alert(1)',
          '',
        ),
        text,
      ),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant('setNodeFields' as const),
      replica,
      node: ref,
      fields: fc.record(
        { status: fc.constantFrom('red' as const, 'green' as const, null), unit: fc.oneof(text, fc.constant(null)) },
        { requiredKeys: [] },
      ),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ op: fc.constant('editNarrative' as const), replica, node: ref, edit: textEdit }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      op: fc.constant('tag' as const),
      replica,
      node: ref,
      // Spellings of one tag, tags that sort alike, and one cut at its limit inside an emoji.
      tag: fc.constantFrom('Youth', 'youth', 'YOUTH', 'girls', 'Café', 'cafe', `${'t'.repeat(39)}🌍`),
      add: fc.boolean(),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant('setCapability' as const),
      replica,
      node: ref,
      tag: fc.constantFrom(...FIVE_CAPABILITIES),
      on: fc.boolean(),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      op: fc.constant('addEntry' as const),
      replica,
      node: ref,
      date: fc.constantFrom('2025-01-01', '2025-06-01', '2026-01-15'),
      choice: fc.nat(),
      note: text,
    }),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('removeEntry' as const), replica, node: ref, index: fc.nat() }) },
  {
    weight: 3,
    arbitrary: fc.record({
      op: fc.constant('attach' as const),
      replica,
      node: ref,
      host: fc.option(fc.record({ to: fc.constantFrom('node' as const, 'edge' as const), ref }), { nil: null }),
      x: coordinate,
      y: coordinate,
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant('setEdgeField' as const),
      replica,
      edge: ref,
      key: fc.constantFrom('relation' as const, 'confidence' as const, 'status' as const),
      value: fc.option(fc.constantFrom('leads-to', 'blocks', 'high', 'low', 'confirmed', 'refuted'), { nil: null }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant('setLanes' as const),
      replica,
      top: fc.option(fc.integer({ min: -2000, max: 2000 }), { nil: null }),
      ceiling: fc.option(coordinate, { nil: null }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant('setNodeBounds' as const),
      replica,
      node: ref,
      x: coordinate,
      y: coordinate,
      width: fc.integer({ min: 0, max: 3000 }),
      height: fc.integer({ min: 0, max: 3000 }),
    }),
  },
  { weight: 5, arbitrary: fc.record({ op: fc.constant('sync' as const), from: replica, to: replica }) },
);
type Command = typeof command extends fc.Arbitrary<infer T> ? T : never;

const scenario = fc.record({
  clientIds: fc.uniqueArray(fc.integer({ min: 1, max: 2 ** 31 - 1 }), { minLength: REPLICAS, maxLength: REPLICAS }),
  commands: fc.array(command, { minLength: 1, maxLength: 80, size: 'max' }),
  finalSyncOrder: fc.shuffledSubarray(ALL_PAIRS, { minLength: ALL_PAIRS.length, maxLength: ALL_PAIRS.length }),
  cleanupReplica: replica,
});

function applyEdit(current: string, { at, remove, insert }: TextEdit): string {
  const chars = Array.from(current);
  const start = at % (chars.length + 1);
  chars.splice(start, remove, insert);
  return chars.join('');
}

const pick = <T>(list: readonly T[], index: number): T | undefined =>
  list.length === 0 ? undefined : list[index % list.length];

function newReplicas(clientIds: readonly number[]): Y.Doc[] {
  return clientIds.map((clientID) => {
    const doc = new Y.Doc();
    doc.clientID = clientID;
    return doc;
  });
}

/** What the run did, so the final state can be checked against it. */
interface History {
  addedNodes: Set<string>;
  /** Nodes some replica actually removed (it could see them at the time). */
  removedNodes: Set<string>;
  createdEdges: Set<string>;
  edgeEnds: Map<string, [string, string]>;
  /** Links some replica actually deleted, by disconnect or as a link of a removed node. */
  deletedEdges: Set<string>;
  kindsWritten: Map<string, Set<NodeKind>>;
  titlesWritten: Set<string>;
  /** Per node, the spellings of each tag added (by tag key), and the tag keys someone removed. */
  tagsAdded: Map<string, Map<string, Set<string>>>;
  tagsRemoved: Map<string, Set<string>>;
  capabilitiesOn: Map<string, Set<CapabilityTag>>;
  capabilitiesOff: Map<string, Set<CapabilityTag>>;
  /** Per node, the ids of the entries appended to its history; and every entry id removed. */
  entriesAdded: Map<string, Set<string>>;
  entriesRemoved: Set<string>;
}

/** The dated history a card of this kind keeps, if any (what an inspector offers). */
const HISTORY_OF: Partial<Record<NodeKind, EntryListKey>> = {
  assumption: 'reviews',
  indicator: 'readings',
  actor: 'health',
};

function addTo<K, V>(map: Map<K, Set<V>>, key: K, value: V): void {
  let set = map.get(key);
  if (!set) map.set(key, (set = new Set()));
  set.add(value);
}

function runCommands(replicas: Y.Doc[], commands: readonly Command[]): History {
  const history: History = {
    addedNodes: new Set(),
    removedNodes: new Set(),
    createdEdges: new Set(),
    edgeEnds: new Map(),
    deletedEdges: new Set(),
    kindsWritten: new Map(),
    titlesWritten: new Set(['Seed map']),
    tagsAdded: new Map(),
    tagsRemoved: new Map(),
    capabilitiesOn: new Map(),
    capabilitiesOff: new Map(),
    entriesAdded: new Map(),
    entriesRemoved: new Set(),
  };
  const nodeIds: NodeId[] = [];
  const edgeIds: EdgeId[] = [];
  const pickNode = (doc: Y.Doc, { among, index }: Ref): NodeId | undefined =>
    pick(among === 'visible' ? readNodes(doc).map((n) => n.id) : nodeIds, index);
  const pickEdge = (doc: Y.Doc, { among, index }: Ref): EdgeId | undefined =>
    pick(among === 'visible' ? ([...getEdges(doc).keys()].sort() as EdgeId[]) : edgeIds, index);
  const nodeLabelOn = (doc: Y.Doc, id: string): string | undefined => readNodes(doc).find((n) => n.id === id)?.label;
  const viewOn = (doc: Y.Doc, id: string | undefined): NodeView | null =>
    id === undefined ? null : readNode(id, getNodes(doc).get(id));
  /** Runs a removal and records every node and link it deleted on this replica (attachments included). */
  const recordRemovals = (doc: Y.Doc, remove: () => void): void => {
    const nodesBefore = [...getNodes(doc).keys()];
    const edgesBefore = [...getEdges(doc).keys()];
    remove();
    for (const id of nodesBefore) if (!getNodes(doc).has(id)) history.removedNodes.add(id);
    for (const id of edgesBefore) if (!getEdges(doc).has(id)) history.deletedEdges.add(id);
  };

  for (const [step, c] of commands.entries()) {
    if (c.op === 'sync') {
      if (c.from !== c.to) syncOnce(replicas[c.from]!, replicas[c.to]!);
      continue;
    }
    const doc = replicas[c.replica]!;
    const origin = origins[c.replica]!;
    switch (c.op) {
      case 'addNode': {
        const id = addNode(doc, { id: `n${step}` as NodeId, kind: c.kind, label: c.label, x: c.x, y: c.y }, origin);
        nodeIds.push(id);
        history.addedNodes.add(id);
        history.kindsWritten.set(id, new Set([c.kind]));
        break;
      }
      case 'editNodeLabel': {
        const id = pickNode(doc, c.node);
        const current = id === undefined ? undefined : nodeLabelOn(doc, id);
        if (id !== undefined)
          expect(setNodeLabel(doc, id, applyEdit(current ?? '', c.edit), origin)).toBe(current !== undefined);
        break;
      }
      case 'setNodeKind': {
        const id = pickNode(doc, c.node);
        if (id !== undefined && setNodeKind(doc, id, c.kind, origin)) history.kindsWritten.get(id)?.add(c.kind);
        break;
      }
      case 'moveNodes': {
        const moves = c.moves.flatMap(({ node, x, y }) => {
          const id = pickNode(doc, node);
          return id === undefined ? [] : [{ id, x, y }];
        });
        moveNodes(doc, moves, origin);
        break;
      }
      case 'removeNodes': {
        const ids = c.nodes.flatMap((n) => pickNode(doc, n) ?? []);
        const seen = new Set(ids.filter((id) => hasNode(doc, id)));
        recordRemovals(doc, () => {
          // The nodes asked for, and the cards attached to them or to their links.
          expect(removeNodes(doc, ids, origin)).toBeGreaterThanOrEqual(seen.size);
        });
        for (const id of seen) expect(history.removedNodes.has(id)).toBe(true);
        break;
      }
      case 'connect': {
        // The target is another node the replica can see (self-links are covered by unit tests).
        const source = pickNode(doc, c.source);
        const others = readNodes(doc)
          .map((n) => n.id)
          .filter((id) => id !== source);
        const target = pick(others, c.targetOffset);
        if (source === undefined || target === undefined) break;
        const result = connect(doc, { id: `e${step}` as EdgeId, source, target, label: c.label }, origin);
        if (result.ok) {
          edgeIds.push(result.id);
          history.createdEdges.add(result.id);
          history.edgeEnds.set(result.id, [source, target]);
        } else if (result.reason === 'missing-node') {
          expect(hasNode(doc, source) && hasNode(doc, target)).toBe(false);
        }
        break;
      }
      case 'disconnect': {
        const id = pickEdge(doc, c.edge);
        if (id !== undefined) recordRemovals(doc, () => disconnect(doc, [id], origin));
        break;
      }
      case 'editEdgeLabel': {
        const id = pickEdge(doc, c.edge);
        if (id === undefined) break;
        const record = getEdges(doc).get(id);
        const current = record ? (readEdge(id, record)?.label ?? '') : '';
        setEdgeLabel(doc, id, applyEdit(current, c.edit), origin);
        break;
      }
      case 'setMapTitle':
        setMapTitle(doc, c.title, origin);
        history.titlesWritten.add(c.title);
        break;
      case 'setNodeField': {
        const id = pickNode(doc, c.node);
        if (id !== undefined) setNodeField(doc, id, c.key, c.value as never, origin);
        break;
      }
      case 'setNodeFields': {
        const id = pickNode(doc, c.node);
        if (id !== undefined) setNodeFields(doc, id, c.fields, origin);
        break;
      }
      case 'editNarrative': {
        const view = viewOn(doc, pickNode(doc, c.node));
        if (view) expect(setNodeNarrative(doc, view.id, applyEdit(view.narrative, c.edit), origin)).toBe(true);
        break;
      }
      case 'tag': {
        const id = pickNode(doc, c.node);
        if (id === undefined) break;
        const spelling = normaliseTag(c.tag)!;
        if (c.add && addNodeTag(doc, id, c.tag, origin)) {
          if (!history.tagsAdded.has(id)) history.tagsAdded.set(id, new Map());
          addTo(history.tagsAdded.get(id)!, tagKey(spelling), spelling);
        }
        if (!c.add && removeNodeTag(doc, id, c.tag, origin)) addTo(history.tagsRemoved, id, tagKey(spelling));
        break;
      }
      case 'setCapability': {
        const id = pickNode(doc, c.node);
        if (id !== undefined && setNodeCapability(doc, id, c.tag, c.on, origin)) {
          addTo(c.on ? history.capabilitiesOn : history.capabilitiesOff, id, c.tag);
        }
        break;
      }
      case 'addEntry': {
        const view = viewOn(doc, pickNode(doc, c.node));
        const list = view && HISTORY_OF[view.kind];
        if (!view || !list) break;
        const base = { date: c.date, note: c.note, by: `peer-${c.replica}` };
        const entryId =
          list === 'reviews'
            ? addEntry(doc, view.id, list, { ...base, status: ASSUMPTION_STATES[c.choice % 3]! }, origin)
            : list === 'readings'
              ? addEntry(doc, view.id, list, { ...base, value: String(c.choice) }, origin)
              : addEntry(
                  doc,
                  view.id,
                  list,
                  { ...base, dimension: HEALTH_DIMENSIONS[c.choice % 6]!, rating: RAG_STATUSES[c.choice % 3]! },
                  origin,
                );
        expect(entryId).not.toBeNull();
        addTo(history.entriesAdded, view.id, entryId!);
        break;
      }
      case 'removeEntry': {
        const view = viewOn(doc, pickNode(doc, c.node));
        const list = view && HISTORY_OF[view.kind];
        const entry = list ? pick<{ id: string }>(view[list], c.index) : undefined;
        if (view && list && entry) {
          expect(removeEntry(doc, view.id, list, entry.id, origin)).toBe(true);
          history.entriesRemoved.add(entry.id);
        }
        break;
      }
      case 'attach': {
        const id = pickNode(doc, c.node);
        if (id === undefined) break;
        const host =
          c.host === null ? null : c.host.to === 'node' ? pickNode(doc, c.host.ref) : pickEdge(doc, c.host.ref);
        if (host === undefined) break;
        // Attaching replaces a link between the card and its host (recorded as a removal).
        recordRemovals(doc, () => attachNode(doc, id, host, origin, host === null ? { x: c.x, y: c.y } : undefined));
        break;
      }
      case 'setEdgeField': {
        const id = pickEdge(doc, c.edge);
        if (id !== undefined) setEdgeField(doc, id, c.key, c.value as never, origin);
        break;
      }
      case 'setLanes':
        setLanes(doc, c.top === null ? null : lanesFrom(c.top), origin);
        setCeiling(doc, c.ceiling, origin);
        break;
      case 'setNodeBounds': {
        const id = pickNode(doc, c.node);
        if (id !== undefined) setNodeBounds(doc, id, c, origin);
        break;
      }
    }
    // Every intermediate state, however partial, must export.
    expect(() => toMapJSON(doc)).not.toThrow();
  }
  return history;
}

function expectSameJson(replicas: readonly Y.Doc[]): string {
  const [first, ...rest] = replicas.map((doc) => JSON.stringify(toMapJSON(doc)));
  for (const other of rest) expect(other).toBe(first);
  return first!;
}

function expectLinksBetweenNodes(map: MapJSON): void {
  const nodeIds = new Set(map.nodes.map((n) => n.id));
  for (const edge of map.edges) {
    expect(nodeIds.has(edge.source), `link ${edge.id} source`).toBe(true);
    expect(nodeIds.has(edge.target), `link ${edge.id} target`).toBe(true);
  }
}

/**
 * Details merge without loss: a tag, capability or entry someone added is there unless someone
 * removed it, and nothing appears that nobody wrote. A card whose kind changed is only checked
 * for the latter (see docs/document-format.md: the containers of a kind are created with it).
 */
function expectDetailsKept(map: MapJSON, history: History): void {
  for (const node of map.nodes) {
    const kindFixed = history.kindsWritten.get(node.id)?.size === 1;
    const tags = node.tags ?? [];
    const added = history.tagsAdded.get(node.id) ?? new Map<string, Set<string>>();
    expect(new Set(tags.map(tagKey)).size, `${node.id} tags are distinct`).toBe(tags.length);
    for (const tag of tags) expect(added.get(tagKey(tag))?.has(tag), `${node.id} tag ${tag}`).toBe(true);
    for (const key of added.keys()) {
      if (!history.tagsRemoved.get(node.id)?.has(key)) {
        expect(tags.map(tagKey), `${node.id} keeps tag ${key}`).toContain(key);
      }
    }

    const capabilities = node.capabilities ?? [];
    for (const tag of capabilities) expect(history.capabilitiesOn.get(node.id)?.has(tag)).toBe(true);
    if (kindFixed && node.kind === 'outcome') {
      for (const tag of history.capabilitiesOn.get(node.id) ?? []) {
        if (!history.capabilitiesOff.get(node.id)?.has(tag))
          expect(capabilities, `${node.id} keeps ${tag}`).toContain(tag);
      }
    }

    const entries = [...(node.reviews ?? []), ...(node.readings ?? []), ...(node.health ?? [])].map((e) => e.id);
    const appended = history.entriesAdded.get(node.id) ?? new Set<string>();
    for (const id of entries) expect(appended.has(id) && !history.entriesRemoved.has(id), `entry ${id}`).toBe(true);
    if (kindFixed) {
      const kept = [...appended].filter((id) => !history.entriesRemoved.has(id)).sort();
      expect([...entries].sort(), `${node.id} keeps its entries`).toEqual(kept);
    }
  }
}

describe('three replicas editing concurrently (property)', () => {
  it('converge to the same valid MapJSON, and stay equal after a dangling-link cleanup', () => {
    fc.assert(
      fc.property(scenario, ({ clientIds, commands, finalSyncOrder, cleanupReplica }) => {
        const replicas = newReplicas(clientIds);
        initMap(replicas[0]!, { title: 'Seed map', kind: 'theory-of-change' }, origins[0]!);
        syncAll(replicas);

        const history = runCommands(replicas, commands);
        for (const [from, to] of finalSyncOrder) syncOnce(replicas[from]!, replicas[to]!);

        // Byte-identical, schema-valid JSON on every replica.
        const json = expectSameJson(replicas);
        const map = JSON.parse(json) as MapJSON;
        expect(mapJsonSchema.safeParse(map).success).toBe(true);
        expectLinksBetweenNodes(map);

        // Removal wins over concurrent edits; nothing else disappears.
        const expectedNodes = [...history.addedNodes].filter((id) => !history.removedNodes.has(id)).sort();
        expect(map.nodes.map((n) => n.id)).toEqual(expectedNodes);
        // A link is exported when it was created, nobody deleted it, and both its ends survived.
        const liveNodes = new Set(expectedNodes);
        const expectedEdges = [...history.createdEdges]
          .filter((id) => !history.deletedEdges.has(id))
          .filter((id) => {
            const [source, target] = history.edgeEnds.get(id)!;
            return liveNodes.has(source) && liveNodes.has(target);
          })
          .sort();
        expect(map.edges.map((e) => e.id)).toEqual(expectedEdges);
        for (const node of map.nodes) expect(history.kindsWritten.get(node.id)?.has(node.kind)).toBe(true);
        expect(history.titlesWritten.has(map.meta.title)).toBe(true);
        expectDetailsKept(map, history);

        // The export re-imports to the same JSON.
        expect(JSON.stringify(toMapJSON(fromMapJSON(map)))).toBe(json);

        // One replica cleans up the links left dangling by concurrent removals; everyone follows.
        removeDanglingEdges(replicas[cleanupReplica]!);
        syncAll(replicas);
        for (const doc of replicas) expect(findDanglingEdges(doc)).toEqual([]);
        expect(expectSameJson(replicas)).toBe(json);
      }),
      { numRuns: 400 },
    );
  }, 120_000);
});

describe('removing a node while another peer links to it (property)', () => {
  const PERMUTATIONS = [
    [0, 1, 2],
    [0, 2, 1],
    [1, 0, 2],
    [1, 2, 0],
    [2, 0, 1],
    [2, 1, 0],
  ] as const;

  const race = fc
    .record({
      nodeCount: fc.integer({ min: 2, max: 6 }),
      removedMask: fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }),
      forcedSource: fc.nat(),
      links: fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 6 }),
      roles: fc.constantFrom(...PERMUTATIONS),
      clientIds: fc.uniqueArray(fc.integer({ min: 1, max: 2 ** 31 - 1 }), { minLength: 3, maxLength: 3 }),
      syncOrder: fc.shuffledSubarray(ALL_PAIRS, { minLength: ALL_PAIRS.length, maxLength: ALL_PAIRS.length }),
    })
    .map(({ nodeCount, removedMask, ...rest }) => {
      const removed = removedMask.slice(0, nodeCount).flatMap((yes, i) => (yes ? [i] : []));
      return { nodeCount, removed: removed.length > 0 ? removed : [0], ...rest };
    });

  it('leaves no dangling link in the JSON, and cleanup removes it from the document', () => {
    fc.assert(
      fc.property(race, ({ nodeCount, removed, forcedSource, links, roles, clientIds, syncOrder }) => {
        const replicas = newReplicas(clientIds);
        const [remover, linker, bystander] = roles.map((r) => replicas[r]!);
        const ids = Array.from({ length: nodeCount }, (_, i) => `n${i}` as NodeId);
        initMap(remover!, { title: 'Race', kind: 'partnership' }, origins[0]!);
        for (const id of ids) addNode(remover!, { id, kind: 'actor', x: 0, y: 0 }, origins[0]!);
        syncAll(replicas);

        // Concurrently: one peer removes nodes, another links to (at least) one of them.
        const doomed = removed.map((i) => ids[i]!);
        expect(removeNodes(remover!, doomed, origins[0]!)).toBe(doomed.length);
        const target = doomed[0]!;
        const source = ids.filter((id) => id !== target)[forcedSource % (nodeCount - 1)]!;
        const pairs: [NodeId, NodeId][] = [
          [source, target],
          ...links.map(([s, t]): [NodeId, NodeId] => [ids[s % nodeCount]!, ids[t % nodeCount]!]),
        ];
        const racing: string[] = [];
        for (const [s, t] of pairs) {
          const result = connect(linker!, { source: s, target: t }, origins[1]!);
          if (result.ok && (doomed.includes(s) || doomed.includes(t))) racing.push(result.id);
        }
        expect(racing.length).toBeGreaterThan(0);
        addNode(bystander!, { id: 'late' as NodeId, kind: 'note', x: 1, y: 1 }, origins[2]!);

        for (const [from, to] of syncOrder) syncOnce(replicas[from]!, replicas[to]!);

        const json = expectSameJson(replicas);
        const map = JSON.parse(json) as MapJSON;
        expectLinksBetweenNodes(map);
        for (const id of doomed) expect(map.nodes.some((n) => n.id === id)).toBe(false);
        for (const id of racing) expect(map.edges.some((e) => e.id === id)).toBe(false);
        for (const doc of replicas) expect(findDanglingEdges(doc).sort()).toEqual([...racing].sort());

        expect(removeDanglingEdges(bystander!)).toBe(racing.length);
        syncAll(replicas);
        for (const doc of replicas) {
          expect(findDanglingEdges(doc)).toEqual([]);
          for (const id of racing) expect(getEdges(doc).has(id)).toBe(false);
        }
        expect(expectSameJson(replicas)).toBe(json);
      }),
      { numRuns: 150 },
    );
  });
});
